using TrialMonitor.Api.Validation;
using TrialMonitor.Clinical.Course;
using Wolverine.Marten;

namespace TrialMonitor.Api.Patients.RecordingLabs;

public sealed record RecordMarrow(Guid PatientId, string EntryKey, MarrowAssessment Marrow, Correction? Correction = null, long? ExpectedVersion = null);

public static class RecordMarrowHandler
{
    public static (EntryResult, Events) Handle(RecordMarrow command, [WriteAggregate(Required = false)] Patient? patient)
    {
        var (result, events) = EntryRecording.Decide(command.PatientId, patient, command.EntryKey,
            new MarrowRecorded(command.PatientId, command.EntryKey, command.Marrow), command.Correction,
            (checks, p) => Check(checks, p, command.Marrow), command.ExpectedVersion);
        return (result, new Events(events));
    }

    private static void Check(FieldChecks checks, Patient patient, MarrowAssessment m) => checks
        .Percentage(m.BlastsPercent, "marrow.blastsPercent")
        .Percentage(m.BasophilsPercent, "marrow.basophilsPercent");
}
