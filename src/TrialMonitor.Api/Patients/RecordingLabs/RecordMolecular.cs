using TrialMonitor.Api.Validation;
using TrialMonitor.Clinical.Course;
using Wolverine.Marten;

namespace TrialMonitor.Api.Patients.RecordingLabs;

public sealed record RecordMolecular(Guid PatientId, string EntryKey, MolecularAssessment Molecular, Correction? Correction = null, long? ExpectedVersion = null);

public static class RecordMolecularHandler
{
    public static (EntryResult, Events) Handle(RecordMolecular command, [WriteAggregate(Required = false)] Patient? patient)
    {
        var (result, events) = EntryRecording.Decide(command.PatientId, patient, command.EntryKey,
            new MolecularRecorded(command.PatientId, command.EntryKey, command.Molecular), command.Correction,
            (checks, p) => Check(checks, p, command.Molecular), command.ExpectedVersion);
        return (result, new Events(events));
    }

    private static void Check(FieldChecks checks, Patient patient, MolecularAssessment m) => checks
        .NotNegative(m.BcrAbl1PercentIs, "molecular.bcrAbl1PercentIs")
        .Require(m.Abl1ControlCopies >= 0, "molecular.abl1ControlCopies", $"must not be negative (got {m.Abl1ControlCopies})");
}
