using JasperFx.Events;
using Marten;
using Marten.Events;
using TrialMonitor.Api.Alerts;
using TrialMonitor.Api.Alerts.Acknowledging;
using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Api.Patients.Entries;
using TrialMonitor.Api.Trials;
using TrialMonitor.Clinical.Alerts;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Tests.Alerts;

/// <summary>
/// The alerts as the projection raised them before it was made incremental: after every patient
/// event the whole chart is folded into a course and evaluated in full (the assessment and the
/// molecular response from every result), and the alerts follow from the status before and after. Kept here, in memory over the stored events, as the reference
/// the projection's alerts are compared with.
/// </summary>
internal static class FullReevaluationReference
{
    /// <summary>What a monitor sees of an alert, and where it sits in the feed.</summary>
    public sealed record AlertSeen(
        Guid Id, AlertKind Kind, string? Term, int? Grade, DateOnly ClinicalOn, string Description, Guid CauseEventId,
        Guid TrialId, string Site, string SubjectId, long RaisedPosition, long Position, AlertStatus Status, string? WithdrawnFor, Guid? WithdrawnBy);

    public static AlertSeen Seen(Alert a) => new(
        a.Id, a.Kind, a.Term, a.Grade, a.ClinicalOn, a.Description, a.Cause.EventId, a.TrialId, a.Site, a.SubjectId,
        a.RaisedPosition, a.Position, a.Status, a.Withdrawal?.VoidedEntryKey, a.Withdrawal?.EventId);

    /// <summary>The alerts the projection wrote, in feed order, once the daemon has caught up.</summary>
    public static async Task<IReadOnlyList<AlertSeen>> ProjectedAsync(IDocumentStore store)
    {
        await store.WaitForNonStaleProjectionDataAsync(AlertScenario.DaemonTimeout);
        await using var session = store.QuerySession();
        return [.. (await AlertFeed.AfterAsync(session, 0, limit: 100_000)).Select(Seen)];
    }

    /// <summary>The alerts a full re-evaluation per event raises from every stored event, in feed order.</summary>
    public static async Task<IReadOnlyList<AlertSeen>> ExpectedAsync(IDocumentStore store)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.QueryAllRawEvents().OrderBy(e => e.Sequence).ToListAsync();
        var trials = (await session.Query<Trial>().ToListAsync()).ToDictionary(t => t.Id);
        var alerts = new Dictionary<Guid, Alert>();
        var patients = new Dictionary<Guid, (PatientChart Chart, ClinicalSettings Settings, SafetyStatus? Status, List<RaisedAlert> Raised)>();
        foreach (var e in events) Apply(e, alerts, patients, trials);
        return [.. alerts.Values.OrderBy(a => a.Position).Select(Seen)];
    }

    private static void Apply(
        IEvent e, Dictionary<Guid, Alert> alerts,
        Dictionary<Guid, (PatientChart Chart, ClinicalSettings Settings, SafetyStatus? Status, List<RaisedAlert> Raised)> patients,
        Dictionary<Guid, Trial> trials)
    {
        var ordinal = 0;
        long Next() => e.Sequence * AlertProjection.PositionsPerEvent + ordinal++;
        void Changed(Alert alert)
        {
            alert.Position = Next();
            alert.Status = alert.Withdrawal is not null ? AlertStatus.Withdrawn
                : alert.Acknowledgement is not null ? AlertStatus.Acknowledged : AlertStatus.Open;
            alerts[alert.Id] = alert;
        }

        switch (e.Data)
        {
            case PatientEnrolled enrolled:
                patients[e.StreamId] = (PatientChartFolding.Apply(null, e)!,
                    trials.GetValueOrDefault(enrolled.TrialId)?.Settings ?? ClinicalSettings.PaperDefaults, null, []);
                return;
            case AlertAcknowledged acknowledged:
                if (alerts.TryGetValue(acknowledged.AlertId, out var acknowledgedAlert))
                {
                    acknowledgedAlert.Acknowledgement = new AlertAcknowledgement(acknowledged.AcknowledgedBy, acknowledged.Comment, e.Timestamp, e.Id);
                    Changed(acknowledgedAlert);
                }
                return;
        }

        if (!patients.TryGetValue(e.StreamId, out var patient) || PatientChartFolding.Apply(patient.Chart, e) is not { } chart) return;
        var before = patient.Status;
        var course = chart.ToCourse();
        var after = SafetyStatus.Of(PatientEvaluation.Evaluate(course, patient.Settings with { DataCutoffOn = null }), MolecularSafety.Of(course));
        patients[e.StreamId] = patient with { Status = after };

        if (e.Data is EntryVoided voided)
        {
            var withdrawn = patient.Raised
                .Where(a => !a.Withdrawn && !SafetySignals.IsDerivedFromAssessment(a.Kind) && a.EntryKey == voided.VoidedEntryKey)
                .Concat(patient.Raised
                    .Where(a => !a.Withdrawn && SafetySignals.IsDerivedFromAssessment(a.Kind))
                    .GroupBy(a => (a.Kind, a.Term))
                    .Where(g => !SafetySignals.StillHolds(g.Key.Kind, g.Key.Term, after))
                    .Select(g => g.Last()))
                .ToList();
            foreach (var raised in withdrawn)
            {
                patient.Raised[patient.Raised.IndexOf(raised)] = raised with { Withdrawn = true };
                var alert = alerts[raised.AlertId];
                alert.Withdrawal = new AlertWithdrawal(voided.VoidedEntryKey, voided.Reason, e.Timestamp, e.Id);
                Changed(alert);
            }
        }

        var entry = e.Data as IPatientEntry;
        IReadOnlyList<SafetySignal> signals = entry is null ? [] : EntryKinds.Of(entry).Signals(entry, patient.Settings.AlertGradeThreshold);
        var derived = SafetySignals.ForAssessmentChange(before, after, entry?.ClinicalOn);
        foreach (var signal in signals.Concat(derived))
        {
            var id = Alert.IdFor(e.Id, signal.Kind, signal.Term);
            var position = e.Sequence * AlertProjection.PositionsPerEvent + ordinal;
            Changed(new Alert
            {
                Id = id, RaisedPosition = position, TrialId = chart.TrialId, Site = chart.Site, PatientId = e.StreamId, SubjectId = chart.SubjectId,
                Kind = signal.Kind, Term = signal.Term, Grade = signal.Grade, ClinicalOn = signal.ClinicalOn,
                Description = signal.Description, Cause = new AlertCause(e.Id, e.Version, e.Sequence, e.EventTypeName, entry?.EntryKey, e.Timestamp),
            });
            patient.Raised.RemoveAll(a => a.AlertId == id);
            patient.Raised.Add(new RaisedAlert(id, signal.Kind, signal.Term, entry?.EntryKey, Withdrawn: false));
        }
    }
}
