using System.Data.Common;
using Marten;
using Npgsql;
using TrialMonitor.Api.Infrastructure;

namespace TrialMonitor.Api.Audit.Chain;

/// <summary>The outcome of checking one stream: intact, or the first link that no longer matches and why.</summary>
public sealed record ChainVerification(
    Guid StreamId,
    bool Intact,
    int CheckedEvents,
    long? FirstBrokenVersion,
    Guid? EventId,
    string? Reason,
    string? HeadHash)
{
    public override string ToString() => Intact
        ? $"{StreamId}: intact, {CheckedEvents} events, head {HeadHash}"
        : $"{StreamId}: BROKEN at version {FirstBrokenVersion}{(EventId is { } id ? $" (event {id})" : "")}: {Reason}; {CheckedEvents} events intact before it";
}

/// <summary>The outcome for a trial: its own stream and every patient stream of the trial.</summary>
public sealed record TrialChainVerification(Guid TrialId, bool Intact, int CheckedStreams, int CheckedEvents, IReadOnlyList<ChainVerification> Broken)
{
    public ChainVerification? FirstBroken => Broken.Count > 0 ? Broken[0] : null;
}

/// <summary>
/// Recomputes each stream's hash chain from mt_events as stored (raw columns, not deserialized
/// events, so any edit counts) and compares it with the chain written at append time.
/// </summary>
public static class AuditChainVerifier
{
    public static async Task<ChainVerification> VerifyStreamAsync(IQuerySession session, Guid streamId, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var chain = await session.LoadAsync<AuditChain>(streamId, cancellation);
        var links = new Dictionary<long, ChainLink>();
        foreach (var link in (chain?.Links ?? []).Select(l => new ChainLink(l.EventId, streamId, l.Version, l.Hash))
                     .Concat(await session.Query<ChainLink>().Where(l => l.StreamId == streamId).ToListAsync(cancellation)))
        {
            if (!links.TryAdd(link.Version, link))
                return Broken(streamId, 0, link.Version, link.Id, "the chain holds two links for this version");
        }

        await using var command = new NpgsqlCommand(
            $"""
             select version, id, type, data::text, headers::text, timestamp, correlation_id, causation_id
             from {EventStore.Schema}.mt_events where stream_id = $1 order by version, seq_id
             """);
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        await using var reader = await session.ExecuteReaderAsync(command, cancellation);

        var previous = ChainedEvent.Genesis;
        var expected = 1L;
        var intact = 0;
        while (await reader.ReadAsync(cancellation))
        {
            var stored = await Read(reader, streamId, cancellation);
            if (chain is null)
                return Broken(streamId, intact, stored.Version, stored.EventId, "no audit chain was recorded for this stream");
            if (stored.Version < expected)
                return Broken(streamId, intact, stored.Version, stored.EventId, $"version {stored.Version} is stored twice");
            if (stored.Version > expected)
                return Broken(streamId, intact, expected, links.GetValueOrDefault(expected)?.Id,
                    $"the event chained at version {expected} is missing from the event store (the next stored is version {stored.Version})");
            if (!links.TryGetValue(expected, out var link))
                return Broken(streamId, intact, expected, stored.EventId, "the event was stored without being chained");
            if (link.Id != stored.EventId)
                return Broken(streamId, intact, expected, stored.EventId,
                    $"a different event stands at this version than was chained (chained {link.Id}): moved, replaced or reordered");
            if (stored.ChainFrom(previous) != link.Hash)
                return Broken(streamId, intact, expected, stored.EventId,
                    "the stored event no longer matches its hash: its data, headers, type, time or metadata were changed");
            previous = link.Hash;
            intact++;
            expected++;
        }

        if (chain is not null && links.Count > 0 && chain.Version >= expected)
            return Broken(streamId, intact, expected, links.GetValueOrDefault(expected)?.Id,
                $"the chain records events up to version {chain.Version} but the event store ends at version {expected - 1}: events were deleted");
        return new ChainVerification(streamId, true, intact, null, null, null, chain?.Head ?? ChainedEvent.Genesis);
    }

    /// <summary>The trial's stream and each patient's: patients are found in the event store itself, and in their charts.</summary>
    public static async Task<TrialChainVerification> VerifyTrialAsync(IQuerySession session, Guid trialId, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var streams = new List<Guid> { trialId };
        streams.AddRange((await PatientsOf(session, trialId, cancellation)).Where(id => id != trialId));
        return await Summarise(session, trialId, streams, cancellation);
    }

    /// <summary>Every stream that has events or a chain.</summary>
    public static async Task<TrialChainVerification> VerifyAllAsync(IQuerySession session, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var streams = await Ids(session,
            $"select stream_id from {EventStore.Schema}.mt_events union select id from {EventStore.Schema}.mt_doc_auditchain order by 1",
            null, cancellation);
        return await Summarise(session, Guid.Empty, streams, cancellation);
    }

    private static async Task<TrialChainVerification> Summarise(IQuerySession session, Guid trialId, IReadOnlyList<Guid> streams, CancellationToken cancellation)
    {
        var broken = new List<ChainVerification>();
        var events = 0;
        foreach (var stream in streams)
        {
            var result = await VerifyStreamAsync(session, stream, cancellation);
            events += result.CheckedEvents;
            if (!result.Intact) broken.Add(result);
        }
        return new TrialChainVerification(trialId, broken.Count == 0, streams.Count, events, broken);
    }

    private static async Task<IReadOnlyList<Guid>> PatientsOf(IQuerySession session, Guid trialId, CancellationToken cancellation) =>
        await Ids(session,
            $"""
             select stream_id from {EventStore.Schema}.mt_events where type = 'patient_enrolled' and data ->> 'TrialId' = $1
             union select id from {EventStore.Schema}.mt_doc_patientchart where data ->> 'TrialId' = $1
             order by 1
             """, trialId.ToString("D"), cancellation);

    private static async Task<IReadOnlyList<Guid>> Ids(IQuerySession session, string sql, string? parameter, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(sql);
        if (parameter is not null) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        await using var reader = await session.ExecuteReaderAsync(command, cancellation);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(cancellation)) ids.Add(reader.GetGuid(0));
        return ids;
    }

    private static async Task<ChainedEvent> Read(DbDataReader reader, Guid streamId, CancellationToken cancellation) => new(
        streamId,
        reader.GetInt64(0),
        reader.GetGuid(1),
        reader.GetString(2),
        await reader.IsDBNullAsync(3, cancellation) ? null : reader.GetString(3),
        await reader.IsDBNullAsync(4, cancellation) ? null : reader.GetString(4),
        reader.GetFieldValue<DateTimeOffset>(5),
        await reader.IsDBNullAsync(6, cancellation) ? null : reader.GetString(6),
        await reader.IsDBNullAsync(7, cancellation) ? null : reader.GetString(7));

    private static ChainVerification Broken(Guid streamId, int intact, long version, Guid? eventId, string reason) =>
        new(streamId, false, intact, version, eventId, reason, null);
}
