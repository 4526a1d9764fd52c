using System.Runtime.CompilerServices;
using Marten;
using TrialMonitor.Api.Audit.Replay;
using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Api.Patients.Entries;

namespace TrialMonitor.Api.Audit.Export;

/// <summary>One line of an audit trail: who recorded what, when, from where, why, and what it changed in the derived values.</summary>
public sealed record AuditTrailRow(
    Guid TrialId,
    Guid? PatientId,
    string? SubjectId,
    string? Site,
    RecordedEvent Event,
    string? EntryKey,
    IReadOnlyList<DerivedChange> Changes)
{
    /// <summary>The row as an admin sees it: who recorded which kind of entry, when, from where and why; no clinical values.</summary>
    public AuditTrailRow WithoutClinicalValues() => this with
    {
        Event = Event with { DataJson = "null" },
        Changes = [.. Changes.Select(change => change with { Before = null, After = null })],
    };
}

/// <summary>
/// The audit trail of a patient or a trial as an asynchronous sequence, read one patient stream at a
/// time and replayed as it is read, so an export of a large trial never holds more than one patient.
/// </summary>
public static class AuditTrail
{
    /// <summary>Whether there is anything to export (checked before a response starts, to answer 404 instead).</summary>
    /// <remarks>A stream that is not a patient's (a trial's id given as a patient's) is no patient.</remarks>
    public static async Task<bool> PatientExistsAsync(IQuerySession session, Guid patientId, CancellationToken cancellation) =>
        await session.Events.FetchStreamAsync(patientId, version: 1, token: cancellation) is [{ Data: PatientEnrolled }];

    public static async Task<bool> TrialExistsAsync(IQuerySession session, Guid trialId, CancellationToken cancellation) =>
        await session.LoadAsync<Trials.Trial>(trialId, cancellation) is not null;

    public static async IAsyncEnumerable<AuditTrailRow> ForPatientAsync(IQuerySession session, Guid patientId,
        [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var events = await session.Events.FetchStreamAsync(patientId, token: cancellation);
        if (events.Count == 0 || events[0].Data is not PatientEnrolled enrolled) yield break;
        var trial = await TrialTimeline.LoadAsync(session, enrolled.TrialId, cancellation);
        var alerts = await AlertChanges.LoadAsync(session, patientId, cancellation);
        var serializer = session.DocumentStore.Options.Serializer();
        foreach (var step in PatientReplay.Steps(events, trial, alerts))
        {
            cancellation.ThrowIfCancellationRequested();
            yield return new AuditTrailRow(enrolled.TrialId, patientId, enrolled.Baseline.SubjectId, enrolled.Baseline.Site,
                RecordedEvent.From(step.Event, serializer), EntryKeyOf(step.Event.Data), step.Changes);
        }
    }

    /// <summary>The trial's own events (registration, cut-offs), then each patient by subject id.</summary>
    public static async IAsyncEnumerable<AuditTrailRow> ForTrialAsync(IQuerySession session, Guid trialId,
        [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var serializer = session.DocumentStore.Options.Serializer();
        foreach (var e in await session.Events.FetchStreamAsync(trialId, token: cancellation))
            yield return new AuditTrailRow(trialId, null, null, null, RecordedEvent.From(e, serializer), null, []);

        var patients = await session.Query<PatientChart>().Where(c => c.TrialId == trialId).OrderBy(c => c.SubjectId)
            .Select(c => c.Id).ToListAsync(cancellation);
        foreach (var patientId in patients)
        {
            await foreach (var row in ForPatientAsync(session, patientId, cancellation)) yield return row;
        }
    }

    private static string? EntryKeyOf(object data) => data switch
    {
        EntryVoided voided => voided.VoidedEntryKey,
        IPatientEntry entry => entry.EntryKey,
        _ => null,
    };
}
