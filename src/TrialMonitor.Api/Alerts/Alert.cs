using System.Security.Cryptography;
using System.Text;
using TrialMonitor.Clinical.Alerts;

namespace TrialMonitor.Api.Alerts;

public enum AlertStatus { Open, Acknowledged, Withdrawn }

/// <summary>The event that raised an alert: its id, its place in the patient's stream and in the store.</summary>
public sealed record AlertCause(Guid EventId, long StreamVersion, long Sequence, string EventType, string? EntryKey, DateTimeOffset RecordedAt);

/// <summary>Who acknowledged an alert, when (recorded time of the acknowledgement event), and what they said.</summary>
public sealed record AlertAcknowledgement(string By, string Comment, DateTimeOffset At, Guid EventId);

/// <summary>The correction that removed an alert's cause; the alert stays, marked withdrawn.</summary>
public sealed record AlertWithdrawal(string VoidedEntryKey, string Reason, DateTimeOffset At, Guid EventId);

/// <summary>
/// An alert for safety monitors, written by <see cref="AlertProjection"/> from the patient events.
/// Position is the alert's place in the alert feed: it moves forward each time the alert changes
/// (raised, withdrawn, acknowledged), so a monitor resuming after a cursor receives every change
/// since. RaisedPosition is the position it was raised at and never changes.
/// </summary>
public sealed class Alert
{
    public Guid Id { get; set; }
    public long Position { get; set; }
    public long RaisedPosition { get; set; }
    public AlertStatus Status { get; set; }

    public Guid TrialId { get; set; }
    public string StudyCode { get; set; } = "";
    public string Site { get; set; } = "";
    public Guid PatientId { get; set; }
    public string SubjectId { get; set; } = "";

    public AlertKind Kind { get; set; }
    public string? Term { get; set; }
    public int? Grade { get; set; }
    public DateOnly ClinicalOn { get; set; }
    public string Description { get; set; } = "";
    public AlertCause Cause { get; set; } = null!;

    public AlertAcknowledgement? Acknowledgement { get; set; }
    public AlertWithdrawal? Withdrawal { get; set; }

    /// <summary>
    /// Exactly once per cause: the id follows from the causing event, the kind and the term, so
    /// reprocessing or rebuilding the projection overwrites the same alert instead of adding one.
    /// </summary>
    public static Guid IdFor(Guid causeEventId, AlertKind kind, string? term)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"trialmonitor-alert|{causeEventId:N}|{kind}|{term?.ToUpperInvariant()}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50); // RFC 9562 version 5-style (name-based) ...
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // ... and variant bits.
        return new Guid(bytes);
    }

    internal void Restate(long position)
    {
        Position = position;
        Status = Withdrawal is not null ? AlertStatus.Withdrawn
            : Acknowledgement is not null ? AlertStatus.Acknowledged
            : AlertStatus.Open;
    }
}
