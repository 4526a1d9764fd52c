using System.Collections.Immutable;
using JasperFx.Events;
using Marten;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Odm.Importing;
using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Patients.Correcting;
using TrialMonitor.Api.Patients.Entries;
using Wolverine;

namespace TrialMonitor.Api.Fhir;

/// <summary>Records a lab's entries; with <paramref name="AllOrNothing"/> (a FHIR transaction) none when any is refused.</summary>
public sealed record RecordLabResults(IReadOnlyList<LabGroup> Groups, bool AllOrNothing);

/// <summary>What became of one entry: appended or not, its answer when nothing was to be done, or the door's refusal.</summary>
public sealed record LabGroupOutcome(LabDecision? Decision, EntryAnswer? Answer, IReadOnlyList<FieldError> Refusal, int Status, long Version)
{
    public bool Refused => Refusal.Count > 0;
}

public sealed record LabResultsOutcome(IReadOnlyList<LabGroupOutcome> Groups);

/// <summary>
/// One transaction for the whole Bundle: each patient's stream is fetched for writing once, each entry decided by
/// <see cref="LabEntryDecision"/> and then by the door every writer passes (<see cref="EntryRecording.Decide"/>,
/// <see cref="VoidEntryHandler.Decide"/>: limits, dates, site, repeats), folded into the patient before the next, and
/// appended only when the Bundle may be (a transaction: none refused). Another writer committing to one of the
/// streams first makes the append fail, and the command is decided again (<see cref="PatientWrites"/>).
/// </summary>
public static class RecordLabResultsHandler
{
    public static async Task<LabResultsOutcome> Handle(RecordLabResults command, IDocumentSession session, Envelope envelope, TimeProvider clock,
        CancellationToken cancellation)
    {
        var scope = WriteScope.Of(envelope);
        var today = ClinicalDates.Today(clock);
        var patientIds = command.Groups.Select(g => g.PatientId).Distinct().ToList();
        var streams = new Dictionary<Guid, IEventStream<Patient>>();
        var patients = new Dictionary<Guid, ImportedPatient?>();
        foreach (var id in patientIds)
        {
            var stream = await session.Events.FetchForWriting<Patient>(id, cancellation);
            streams[id] = stream;
            patients[id] = await LoadAsync(session, stream, cancellation);
        }
        var index = await LabObservationIndex.LoadAsync(session, patientIds, cancellation);

        var outcomes = new List<LabGroupOutcome>();
        var appends = new List<(Guid PatientId, IReadOnlyList<object> Events, LabDecision Decision)>();
        foreach (var group in command.Groups)
        {
            var patient = patients[group.PatientId];
            try
            {
                patient = patient ?? throw new InvalidInputException([new FieldError("", $"no patient is enrolled with id {group.PatientId}")]);
                scope.EnsureCanWrite(patient.Patient.Site, $"Patient {patient.Id}");
                var decision = LabEntryDecision.Decide(group, patient, index);
                var events = new List<object>();
                var result = (EntryResult?)null;
                foreach (var next in decision.Commands)
                {
                    var (decided, decidedEvents, after) = patient.Decide(next, scope, today);
                    patient = after;
                    events.AddRange(decidedEvents);
                    result = decided;
                }
                patients[group.PatientId] = patient;
                if (events.Count > 0) appends.Add((group.PatientId, events, decision));
                outcomes.Add(new LabGroupOutcome(decision, decision.Answer, [], events.Count > 0 ? 201 : 200, result?.Version ?? patient.Patient.Version));
            }
            catch (InvalidInputException invalid)
            {
                outcomes.Add(new LabGroupOutcome(null, null, invalid.Errors, 422, 0));
            }
            catch (WriteForbiddenException forbidden)
            {
                outcomes.Add(new LabGroupOutcome(null, null, [new FieldError("", forbidden.Message)], 403, 0));
            }
        }
        if (command.AllOrNothing && outcomes.Any(o => o.Refused)) return new LabResultsOutcome(outcomes);

        foreach (var (patientId, events, decision) in appends)
        {
            var stream = streams[patientId];
            var first = stream.Events.Count;
            stream.AppendMany(events);
            foreach (var appended in stream.Events.Skip(first))
            {
                if (decision.Reason is { } reason) appended.SetHeader(EventMetadata.Reason, reason);
                if (appended.Data is IPatientEntry && decision.Stands.Count > 0)
                    appended.SetHeader(EventMetadata.FhirObservations, SentObservation.Header(decision.Stands));
            }
        }
        return new LabResultsOutcome(outcomes);
    }

    private static async Task<ImportedPatient?> LoadAsync(IDocumentSession session, IEventStream<Patient> stream, CancellationToken cancellation)
    {
        if (stream.Aggregate is not { } patient) return null;
        patient.Version = stream.CurrentVersion ?? patient.Version;
        var recorded = await session.Query<RecordedEntry>().Where(e => e.PatientId == stream.Id).ToListAsync(cancellation);
        return new ImportedPatient(patient, recorded.ToImmutableDictionary(e => e.Entry.EntryKey));
    }
}
