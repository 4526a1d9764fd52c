using System.Collections.Immutable;
using JasperFx.Events;
using Marten;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Patients.Correcting;
using TrialMonitor.Api.Patients.Entries;
using TrialMonitor.Api.Patients.Recording;

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

    /// <summary>
    /// The door's decision on a record or a void, as its handler takes it (<see cref="EntryRecording.Decide"/>,
    /// <see cref="VoidEntryHandler.Decide"/>), and the patient after its events.
    /// </summary>
    public (EntryResult Result, IReadOnlyList<object> Events, ImportedPatient After) Decide(object command, WriteScope scope, DateOnly today)
    {
        var (result, events) = command switch
        {
            RecordEntry record => EntryRecording.Decide(record, Patient, Named(EntryRecording.KeysNamedBy(record)), scope, today),
            VoidEntry voiding => VoidEntryHandler.Decide(voiding, Patient, Named(voiding.EntryKey), scope),
            _ => throw new ArgumentOutOfRangeException(nameof(command), $"the door decides records and voids here, not {command?.GetType().Name}"),
        };
        return (result, events, After(events));
    }

    /// <summary>A patient whose stream exists (one just enrolled or written to), read as it is now.</summary>
    public static async Task<ImportedPatient> LoadAsync(IDocumentStore store, Guid patientId, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var session = store.QuerySession();
        return await LoadAsync(session, patientId, cancellation) ?? throw new InvalidOperationException($"patient {patientId} has no stream");
    }

    /// <summary>The patient after events decided but not (yet) read back from the stream.</summary>
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
