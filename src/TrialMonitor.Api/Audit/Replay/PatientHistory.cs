using JasperFx.Events;
using Marten;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Patients.Chart;

namespace TrialMonitor.Api.Audit.Replay;

/// <summary>One event of the history: the event with its metadata, and what it changed in the derived state.</summary>
public sealed record HistoryEntry(RecordedEvent Event, DerivedState? Before, DerivedState? After, IReadOnlyList<DerivedChange> Changes, int Index);

/// <summary>A patient's stream event by event, with the derived state after each (replayed on read) and the alerts it raised or withdrew.</summary>
public sealed class PatientHistory(
    Guid patientId, PatientEnrolled enrolment, IReadOnlyList<IEvent> events, TrialTimeline trial, AlertChanges alerts, ISerializer serializer)
{
    public Guid PatientId { get; } = patientId;
    public Guid TrialId { get; } = enrolment.TrialId;
    public string SubjectId { get; } = enrolment.Baseline.SubjectId;

    public IReadOnlyList<HistoryEntry> Entries { get; } =
    [
        .. PatientReplay.Steps(events, trial, alerts)
            .Select((step, index) => new HistoryEntry(RecordedEvent.From(step.Event, serializer), step.Before, step.After, step.Changes, index)),
    ];

    /// <summary>
    /// The whole chart after the entry at this index (folded again from the start, only when asked), its
    /// molecular response known as on the day that entry was recorded.
    /// </summary>
    public PatientChart? StateAfter(int index)
    {
        var chart = PatientReplay.Fold([.. events.Take(index + 1)], trial);
        var recorded = events[index];
        chart?.KnownOn = PatientReplay.KnownOn(trial.SettingsBefore(recorded.Sequence), DateOnly.FromDateTime(recorded.Timestamp.UtcDateTime), null);
        return chart;
    }
}

/// <summary>Replay queries on a patient's stream: its history, and its state as of a version, a recorded time or a clinical date.</summary>
public static class PatientAudit
{
    public static async Task<PatientHistory?> HistoryAsync(IQuerySession session, Guid patientId, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var events = await session.Events.FetchStreamAsync(patientId, token: cancellation);
        if (events.Count == 0 || events[0].Data is not PatientEnrolled enrolled) return null;
        var trial = await TrialTimeline.LoadAsync(session, enrolled.TrialId, cancellation);
        var alerts = await AlertChanges.LoadAsync(session, patientId, cancellation);
        return new PatientHistory(patientId, enrolled, events, trial, alerts, session.DocumentStore.Options.Serializer());
    }

    /// <summary>
    /// The chart as the system held it at a stream version or at a recorded time (what it knew then;
    /// at most one of the two), evaluated as of a clinical date when one is given. Null when the
    /// patient had no events yet at that point. Its molecular response is known on the clinical date,
    /// else (<see cref="PatientReplay.KnownOn"/>) the day of the recorded time, of the version's event, or today.
    /// </summary>
    public static async Task<PatientChart?> AsOfAsync(IQuerySession session, Guid patientId, long? version, DateTimeOffset? recordedAt,
        DateOnly? clinicalDate, DateOnly today, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var errors = new List<FieldError>();
        if (version is not null && recordedAt is not null)
            errors.Add(new FieldError("recordedAt", "give a version or a recorded time, not both"));
        if (version is < 1) errors.Add(new FieldError("version", $"must be at least 1 (got {version})"));
        InvalidInputException.ThrowIfAny(errors);

        var events = version is { } v ? await session.Events.FetchStreamAsync(patientId, version: v, token: cancellation)
            : recordedAt is { } at ? await session.Events.FetchStreamAsync(patientId, timestamp: at, token: cancellation)
            : await session.Events.FetchStreamAsync(patientId, token: cancellation);
        if (events.Count == 0 || events[0].Data is not PatientEnrolled enrolled) return null;
        var trial = await TrialTimeline.LoadAsync(session, enrolled.TrialId, cancellation);
        var chart = PatientReplay.Fold(events, trial, clinicalDate);
        var shownOn = recordedAt is { } moment ? DateOnly.FromDateTime(moment.UtcDateTime)
            : version is not null ? DateOnly.FromDateTime(events[^1].Timestamp.UtcDateTime)
            : today;
        chart?.KnownOn = PatientReplay.KnownOn(trial.SettingsBefore(events[^1].Sequence), shownOn, clinicalDate);
        return chart;
    }
}
