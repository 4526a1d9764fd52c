using System.Globalization;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using TrialMonitor.Api.Alerts.Acknowledging;
using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Patients.Entries;
using TrialMonitor.Api.Trials;
using TrialMonitor.Clinical.Alerts;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Alerts;

/// <summary>
/// Writes the alerts from the patient events (and acknowledgements from the alert streams).
/// Async, so the async daemon runs it in strict event order and commits each batch's alert
/// documents together with the projection's progress in one transaction: an alert exists once
/// its cause is committed and the daemon has caught up, even if the process died in between.
/// The same transaction notifies the per-instance listeners (<see cref="Channel"/>).
/// </summary>
public sealed class AlertProjection(RecentCourses recent) : IProjection, IDisposable
{
    public const string Name = "Alerts";

    /// <summary>The PostgreSQL channel notified, with the highest feed position written, on commit.</summary>
    public const string Channel = "trialmonitor_alerts";

    /// <summary>
    /// Feed positions are the causing event's global sequence × 100 plus the ordinal of the change
    /// within that event (an event changes at most a handful of alerts).
    /// </summary>
    public const long PositionsPerEvent = 100;

    public void Dispose() => recent.Dispose();

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(events);
        var batch = await AlertBatch.LoadAsync(operations, events, recent, cancellation);
        foreach (var e in events)
        {
            await batch.ApplyAsync(e, cancellation);
        }

        batch.Store();
    }

    /// <summary>One page of events: the documents it reads are loaded once and written once.</summary>
    private sealed class AlertBatch
    {
        private readonly IDocumentOperations operations;
        private readonly RecentCourses recent;
        private readonly Dictionary<Guid, PatientAlertState> states;
        private readonly Dictionary<Guid, Trial> trials;
        private readonly Dictionary<Guid, Alert> alerts = [];
        private readonly HashSet<Guid> changedStates = [];
        private long highestPosition;

        private AlertBatch(IDocumentOperations operations, RecentCourses recent, Dictionary<Guid, PatientAlertState> states, Dictionary<Guid, Trial> trials)
        {
            this.operations = operations;
            this.recent = recent;
            this.states = states;
            this.trials = trials;
        }

        public static async Task<AlertBatch> LoadAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, RecentCourses recent, CancellationToken ct)
        {
            var patientIds = events.Where(e => e.Data is not (TrialRegistered or DataCutoffSet or TrialSiteAdded or AlertAcknowledged))
                .Select(e => e.StreamId).Distinct().ToArray();
            var trialIds = events.Select(e => e.Data).OfType<PatientEnrolled>().Select(e => e.TrialId).Distinct().ToArray();
            var states = patientIds.Length == 0 ? []
                : (await operations.LoadManyAsync<PatientAlertState>(ct, patientIds)).ToDictionary(s => s.Id);
            var trials = trialIds.Length == 0 ? []
                : (await operations.LoadManyAsync<Trial>(ct, trialIds)).ToDictionary(t => t.Id);
            return new AlertBatch(operations, recent, states, trials);
        }

        public async Task ApplyAsync(IEvent e, CancellationToken ct)
        {
            var ordinal = 0;
            long NextPosition()
            {
                if (ordinal >= PositionsPerEvent)
                    throw new InvalidOperationException($"Event {e.Id} changes more than {PositionsPerEvent} alerts");
                return checked(e.Sequence * PositionsPerEvent + ordinal++);
            }

            switch (e.Data)
            {
                case PatientEnrolled enrolled:
                    Enrol(e, enrolled);
                    return;
                case AlertAcknowledged acknowledged:
                    if (await AlertAsync(acknowledged.AlertId, ct) is { } alert)
                    {
                        alert.Acknowledgement = new AlertAcknowledgement(acknowledged.AcknowledgedBy, acknowledged.Comment, e.Timestamp, e.Id);
                        Changed(alert, NextPosition());
                    }
                    return;
            }

            if (!states.TryGetValue(e.StreamId, out var state) || e.Data is not (IPatientEntry or EntryVoided))
            {
                return; // not a patient's entry or correction, or no enrolment before it
            }

            // Safety alerts read every observation: the trial's data cut-off is for analyses only.
            var course = state.Course ??= recent.Take(state.Id, e.Version - 1, state.Settings) ?? await RefoldAsync(state, e, ct);
            var before = course.Status;
            Fold(course, e.Data);
            state.CourseVersion = e.Version;
            var after = course.Status;

            if (e.Data is EntryVoided voided)
            {
                await WithdrawAsync(state, voided, after, e, NextPosition, ct);
            }

            var entry = e.Data as IPatientEntry;
            IReadOnlyList<SafetySignal> signals = entry is null ? [] : EntryKinds.Of(entry).Signals(entry, state.Settings.AlertGradeThreshold);
            foreach (var signal in signals.Concat(SafetySignals.ForAssessmentChange(before, after, entry?.ClinicalOn)))
            {
                Raise(state, signal, new AlertCause(e.Id, e.Version, e.Sequence, e.EventTypeName, entry?.EntryKey, e.Timestamp), NextPosition());
            }
        }

        /// <summary>
        /// The course before the event, from the patient's stream: the daemon applies a stream's events
        /// in order, so every event before this one has been applied, in this batch or an earlier one.
        /// </summary>
        private async Task<RunningCourse> RefoldAsync(PatientAlertState state, IEvent e, CancellationToken ct)
        {
            RunningCourse? course = null;
            foreach (var earlier in await operations.Events.FetchStreamAsync(state.Id, version: e.Version - 1, token: ct))
            {
                if (earlier.Data is PatientEnrolled enrolled)
                {
                    course = new RunningCourse(enrolled.Baseline, state.Settings);
                    (state.Site, state.SubjectId) = (enrolled.Baseline.Site, enrolled.Baseline.SubjectId);
                }
                else if (course is not null)
                {
                    Fold(course, earlier.Data);
                }
            }
            return course ?? throw new InvalidOperationException($"Patient {state.Id} has alert state but no enrolment before version {e.Version}");
        }

        /// <summary>Entries of the kinds the derived alerts read, and corrections; the other kinds cannot move them.</summary>
        private static void Fold(RunningCourse course, object data)
        {
            switch (data)
            {
                case IPatientEntry entry when EntryKinds.Of(entry) is { MovesAssessment: true } kind:
                    course.Record(entry.EntryKey, kind.InCourse(entry));
                    break;
                case EntryVoided voided:
                    course.Void(voided.VoidedEntryKey);
                    break;
            }
        }

        public void Store()
        {
            foreach (var alert in alerts.Values) operations.Store(alert);
            foreach (var id in changedStates) operations.Store(states[id]);
            foreach (var state in states.Values.Where(s => s.Course is not null)) recent.Keep(state.Id, state.CourseVersion, state.Settings, state.Course!);
            if (highestPosition > 0)
            {
                operations.QueueSqlCommand("select pg_notify(?, ?)", Channel, highestPosition.ToString(CultureInfo.InvariantCulture));
            }
        }

        private void Enrol(IEvent e, PatientEnrolled enrolled)
        {
            var trial = trials.GetValueOrDefault(enrolled.TrialId);
            var settings = trial?.Settings ?? ClinicalSettings.PaperDefaults;
            states[e.StreamId] = new PatientAlertState
            {
                Id = e.StreamId,
                TrialId = enrolled.TrialId,
                StudyCode = trial?.Code ?? "",
                Site = enrolled.Baseline.Site,
                SubjectId = enrolled.Baseline.SubjectId,
                Settings = settings,
                Course = new RunningCourse(enrolled.Baseline, settings),
                CourseVersion = e.Version,
            };
            changedStates.Add(e.StreamId);
        }

        private void Raise(PatientAlertState state, SafetySignal signal, AlertCause cause, long position)
        {
            var id = Alert.IdFor(cause.EventId, signal.Kind, signal.Term);
            var alert = new Alert
            {
                Id = id,
                RaisedPosition = position,
                TrialId = state.TrialId,
                StudyCode = state.StudyCode,
                Site = state.Site,
                PatientId = state.Id,
                SubjectId = state.SubjectId,
                Kind = signal.Kind,
                Term = signal.Term,
                Grade = signal.Grade,
                ClinicalOn = signal.ClinicalOn,
                Description = signal.Description,
                Cause = cause,
            };
            Changed(alert, position);
            changedStates.Add(state.Id);
            state.Alerts.RemoveAll(a => a.AlertId == id);
            state.Alerts.Add(new RaisedAlert(id, signal.Kind, signal.Term, cause.EntryKey, Withdrawn: false));
        }

        /// <summary>
        /// A correction withdraws the alerts its voided entry raised, and the latest alert derived
        /// from the assessment (relapse, loss of improvement, a milestone failure, loss of MMR) that
        /// no longer holds without it.
        /// </summary>
        private async Task WithdrawAsync(
            PatientAlertState state, EntryVoided voided, SafetyStatus after, IEvent e, Func<long> nextPosition, CancellationToken ct)
        {
            var withdrawn = state.Alerts
                .Where(a => !a.Withdrawn && !SafetySignals.IsDerivedFromAssessment(a.Kind) && a.EntryKey == voided.VoidedEntryKey)
                .Concat(state.Alerts
                    .Where(a => !a.Withdrawn && SafetySignals.IsDerivedFromAssessment(a.Kind))
                    .GroupBy(a => (a.Kind, a.Term))
                    .Where(g => !SafetySignals.StillHolds(g.Key.Kind, g.Key.Term, after))
                    .Select(g => g.Last()))
                .ToList();
            foreach (var raised in withdrawn)
            {
                state.Alerts[state.Alerts.IndexOf(raised)] = raised with { Withdrawn = true };
                changedStates.Add(state.Id);
                if (await AlertAsync(raised.AlertId, ct) is not { } alert) continue;
                alert.Withdrawal = new AlertWithdrawal(voided.VoidedEntryKey, voided.Reason, e.Timestamp, e.Id);
                Changed(alert, nextPosition());
            }
        }

        private async Task<Alert?> AlertAsync(Guid id, CancellationToken ct)
        {
            if (alerts.TryGetValue(id, out var alert)) return alert;
            alert = await operations.LoadAsync<Alert>(id, ct);
            if (alert is not null) alerts[id] = alert;
            return alert;
        }

        private void Changed(Alert alert, long position)
        {
            alert.Restate(position);
            alerts[alert.Id] = alert;
            highestPosition = Math.Max(highestPosition, position);
        }
    }
}
