using JasperFx.Events;
using JasperFx.Events.Aggregation;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events.Aggregation;

namespace TrialMonitor.Api.Audit.Chain;

/// <summary>One link: the hash of the event at this version chained to every event before it.</summary>
public sealed record AuditLink(long Version, Guid EventId, string Hash);

/// <summary>
/// The hash chain of one stream (every patient and trial stream has one). It is written by an
/// inline projection in the transaction that appends the events, from the events as appended, so
/// an edit of mt_events afterwards no longer matches it.
/// </summary>
public sealed class AuditChain
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public string Head { get; set; } = ChainedEvent.Genesis;
    public List<AuditLink> Links { get; set; } = [];
}

/// <summary>Extends the stream's chain with each appended event (inline: same transaction as the append).</summary>
public sealed partial class AuditChainProjection : SingleStreamProjection<AuditChain, Guid>
{
    public override ValueTask<(AuditChain?, ActionType)> DetermineActionAsync(
        IQuerySession session,
        AuditChain? snapshot,
        Guid identity,
        IIdentitySetter<AuditChain, Guid> identitySetter,
        IReadOnlyList<IEvent> events,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0) return ValueTask.FromResult<(AuditChain?, ActionType)>((snapshot, ActionType.Nothing));

        var serializer = session.DocumentStore.Options.Serializer();
        var chain = snapshot ?? new AuditChain { Id = identity };
        foreach (var e in events)
        {
            var hash = ChainedEvent.Appending(e, serializer).ChainFrom(chain.Head);
            chain.Links.Add(new AuditLink(e.Version, e.Id, hash));
            chain.Head = hash;
            chain.Version = e.Version;
        }
        return ValueTask.FromResult<(AuditChain?, ActionType)>((chain, ActionType.Store));
    }
}
