using System.Text.Json.Serialization;
using JasperFx.Events;
using JasperFx.Events.Aggregation;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events.Aggregation;

namespace TrialMonitor.Api.Audit.Chain;

/// <summary>A link as chains written before links were stored one per event kept it, inside the chain document.</summary>
public sealed record AuditLink(long Version, Guid EventId, string Hash);

/// <summary>
/// The head of the hash chain of one stream (every patient and trial stream has one): the version and
/// hash of its last event. The links themselves are stored one per event (<see cref="ChainLink"/>), so an
/// append writes one small row per event whatever the length of the stream. Both are written by an inline
/// projection in the transaction that appends the events, from the events as appended, so an edit of
/// mt_events afterwards no longer matches them.
/// </summary>
public sealed class AuditChain
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public string Head { get; set; } = ChainedEvent.Genesis;

    /// <summary>
    /// The links of a chain written before links were stored one per event; the next append to the
    /// stream moves them out into <see cref="ChainLink"/> documents, and verification reads both.
    /// </summary>
    public List<AuditLink> Links { get; set; } = [];

    /// <summary>The links of this append, handed from the fold to the side effect that stores them.</summary>
    [JsonIgnore]
    public List<ChainLink> Appended { get; } = [];
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
        chain.Appended.AddRange(chain.Links.Select(l => new ChainLink(l.EventId, identity, l.Version, l.Hash)));
        chain.Links.Clear();
        foreach (var e in events)
        {
            // Marten's quick append knows the version only when the stream was fetched for writing or started.
            if (e.Version <= 0)
                throw new InvalidOperationException(
                    $"An event of stream {identity} was appended without its version: append with FetchForWriting or StartStream, so it can be chained");
            var hash = ChainedEvent.Appending(e, serializer).ChainFrom(chain.Head);
            chain.Appended.Add(new ChainLink(e.Id, identity, e.Version, hash));
            chain.Head = hash;
            chain.Version = e.Version;
        }
        return ValueTask.FromResult<(AuditChain?, ActionType)>((chain, ActionType.Store));
    }

    public override ValueTask RaiseSideEffects(IDocumentOperations operations, IEventSlice<AuditChain> slice)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(slice);
        if (slice.Snapshot is { Appended.Count: > 0 } chain) operations.Insert(chain.Appended.ToArray());
        return ValueTask.CompletedTask;
    }
}
