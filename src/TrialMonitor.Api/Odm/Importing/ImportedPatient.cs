using System.Collections.Immutable;
using JasperFx.Events;
using Marten;
using TrialMonitor.Api.Patients;

namespace TrialMonitor.Api.Odm.Importing;

/// <summary>
/// A patient as the importer compares a file with it: the write model and every entry recorded under
/// its keys (voided ones included), loaded once per subject; a dry run folds its own decisions into it.
/// </summary>
public sealed record ImportedPatient(Patient Patient, ImmutableDictionary<string, RecordedEntry> Recorded)
{
    private static readonly PatientWriteModel Fold = new();

    public Guid Id => Patient.Id;

    public bool Has(string key) => Recorded.ContainsKey(key);

    public IPatientEntry Entry(string key) => Recorded[key].Entry;

    public bool IsVoided(string key) => Recorded.TryGetValue(key, out var recorded) && recorded.Voided;

    public RecordedEntries Named(params string?[] keys) =>
        RecordedEntries.Of(keys.OfType<string>().Where(Recorded.ContainsKey).Select(k => Recorded[k]));

    public static async Task<ImportedPatient?> LoadAsync(IQuerySession session, Guid patientId, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (await session.LoadAsync<Patient>(patientId, cancellation) is not { } patient) return null;
        patient.Version = (await session.Events.FetchStreamStateAsync(patientId, cancellation))?.Version ?? 0;
        var recorded = await session.Query<RecordedEntry>().Where(e => e.PatientId == patientId).ToListAsync(cancellation);
        return new ImportedPatient(patient, recorded.ToImmutableDictionary(e => e.Entry.EntryKey));
    }

    /// <summary>The patient after events a dry run decided but did not append.</summary>
    public ImportedPatient After(IEnumerable<object> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var next = this;
        foreach (var e in events)
        {
            var patient = Fold.Evolve(next.Patient, Id, new Event<object>(e))!;
            patient.Version = next.Patient.Version + 1;
            next = e switch
            {
                IPatientEntry entry => new(patient, next.Recorded.SetItem(entry.EntryKey, new RecordedEntry(RecordedEntry.IdOf(Id, entry.EntryKey), Id, entry, false, patient.Version))),
                EntryVoided voided when next.Recorded.TryGetValue(voided.VoidedEntryKey, out var earlier) =>
                    new(patient, next.Recorded.SetItem(voided.VoidedEntryKey, earlier with { Voided = true })),
                _ => next with { Patient = patient },
            };
        }
        return next;
    }

    /// <summary>A patient a dry run enrolled.</summary>
    public static ImportedPatient Enrolled(PatientEnrolled enrolled)
    {
        ArgumentNullException.ThrowIfNull(enrolled);
        var patient = Fold.Evolve(null, enrolled.PatientId, new Event<PatientEnrolled>(enrolled))!;
        patient.Version = 1;
        return new ImportedPatient(patient, ImmutableDictionary<string, RecordedEntry>.Empty);
    }
}
