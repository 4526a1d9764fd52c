using JasperFx.Events;
using Marten;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients;

namespace TrialMonitor.Api.Audit.Replay;

/// <summary>One stored event as an auditor reads it: what was recorded, when, by whom, from where and why.</summary>
public sealed record RecordedEvent(
    Guid EventId,
    Guid StreamId,
    long Version,
    long Sequence,
    string Type,
    DateTimeOffset RecordedAt,
    string? User,
    string? Role,
    string? Source,
    string? Reason,
    string? CorrelationId,
    object Data,
    string DataJson)
{
    public static RecordedEvent From(IEvent e, ISerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(serializer);
        return new(e.Id, e.StreamId, e.Version, e.Sequence, e.Data.GetType().Name, e.Timestamp,
            Header(e, EventMetadata.User) ?? e.UserName,
            Header(e, EventMetadata.Role),
            Header(e, EventMetadata.Source),
            // A correction carries its reason in the event itself as well; the header may predate it.
            Header(e, EventMetadata.Reason) ?? (e.Data as EntryVoided)?.Reason,
            e.CorrelationId,
            e.Data,
            serializer.ToJson(e.Data));
    }

    private static string? Header(IEvent e, string name) => e.GetHeader(name)?.ToString() is { Length: > 0 } value ? value : null;
}
