using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Validation;
using Wolverine;
using Wolverine.Marten;

namespace TrialMonitor.Api.Patients.Correcting;

/// <summary>Withdraws an entry recorded in error; the entry stays in the stream, marked void.</summary>
public sealed record VoidEntry(Guid PatientId, string EntryKey, string Reason, long? ExpectedVersion = null);

public static class VoidEntryHandler
{
    public static (EntryResult, Events) Handle(VoidEntry command, [WriteAggregate(Required = false)] Patient? patient, Envelope envelope)
    {
        patient = EntryRecording.RequireEnrolled(command.PatientId, patient);
        WriteAccess.Of(envelope).EnsureCanWrite(patient.Site, $"Patient {patient.Id}");
        var checks = new FieldChecks().Key(command.EntryKey, "entryKey", EntryRecording.MaxEntryKeyLength);
        EntryRecording.CheckCorrection(checks, patient, new Correction(command.EntryKey, command.Reason), "entryKey", "reason");
        checks.ThrowIfAny();
        VersionConflictException.ThrowIfStale(patient.Id, command.ExpectedVersion, patient.Version);
        return (new EntryResult(command.PatientId, command.EntryKey, patient.Version + 1, AlreadyRecorded: false),
            new Events([new EntryVoided(command.PatientId, command.EntryKey, command.Reason.Trim(), null)]));
    }
}
