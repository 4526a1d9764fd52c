using Marten;
using TrialMonitor.Api.Door;
using Wolverine;
using Wolverine.Marten;

namespace TrialMonitor.Api.Patients.Correcting;

/// <summary>Withdraws an entry recorded in error; the entry stays in the stream, marked void.</summary>
public sealed record VoidEntry(Guid PatientId, string EntryKey, string Reason, long? ExpectedVersion = null);

public static class VoidEntryHandler
{
    public static async Task<(EntryResult, Events)> Handle(VoidEntry command, [WriteAggregate(Required = false)] Patient? patient,
        IDocumentSession session, Envelope envelope, CancellationToken cancellation)
    {
        var recorded = patient is null ? RecordedEntries.None : await RecordedEntries.LoadAsync(session, patient.Id, [command.EntryKey], cancellation);
        var (result, events) = Decide(command, patient, recorded, WriteScope.Of(envelope));
        return (result, new Events(events));
    }

    public static (EntryResult Result, IReadOnlyList<object> Events) Decide(VoidEntry command, Patient? patient, RecordedEntries recorded, WriteScope scope)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(scope);
        patient = EntryRecording.RequireEnrolled(command.PatientId, patient);
        scope.EnsureCanWrite(patient.Site, $"Patient {patient.Id}");
        var checks = new FieldChecks().Key(command.EntryKey, "entryKey", EntryRecording.MaxEntryKeyLength);
        EntryRecording.CheckCorrection(checks, recorded, new Correction(command.EntryKey, command.Reason), "entryKey", "reason");
        checks.ThrowIfAny();
        VersionConflictException.ThrowIfStale(patient.Id, command.ExpectedVersion, patient.Version);
        return (new EntryResult(command.PatientId, command.EntryKey, patient.Version + 1, AlreadyRecorded: false),
            [new EntryVoided(command.PatientId, command.EntryKey, command.Reason.Trim(), null)]);
    }
}
