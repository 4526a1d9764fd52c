using TrialMonitor.Api.Validation;
using TrialMonitor.Clinical.Course;
using Wolverine.Marten;

namespace TrialMonitor.Api.Patients.RecordingExams;

public sealed record RecordPhysicalExam(Guid PatientId, string EntryKey, PhysicalExam Exam, Correction? Correction = null, long? ExpectedVersion = null);

public static class RecordPhysicalExamHandler
{
    public static (EntryResult, Events) Handle(RecordPhysicalExam command, [WriteAggregate(Required = false)] Patient? patient)
    {
        var (result, events) = EntryRecording.Decide(command.PatientId, patient, command.EntryKey,
            new PhysicalExamRecorded(command.PatientId, command.EntryKey, command.Exam), command.Correction,
            (checks, p) => Check(checks, p, command.Exam), command.ExpectedVersion);
        return (result, new Events(events));
    }

    private static void Check(FieldChecks checks, Patient patient, PhysicalExam e) => checks
        .NotNegative(e.SpleenCmBelowCostalMargin, "exam.spleenCmBelowCostalMargin");
}
