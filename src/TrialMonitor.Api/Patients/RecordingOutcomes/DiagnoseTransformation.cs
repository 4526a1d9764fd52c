using TrialMonitor.Api.Validation;
using TrialMonitor.Clinical.Course;
using Wolverine.Marten;

namespace TrialMonitor.Api.Patients.RecordingOutcomes;

public sealed record DiagnoseTransformation(Guid PatientId, string EntryKey, Transformation Transformation, Correction? Correction = null, long? ExpectedVersion = null);

public static class DiagnoseTransformationHandler
{
    public static (EntryResult, Events) Handle(DiagnoseTransformation command, [WriteAggregate(Required = false)] Patient? patient)
    {
        var (result, events) = EntryRecording.Decide(command.PatientId, patient, command.EntryKey,
            new TransformationDiagnosed(command.PatientId, command.EntryKey, command.Transformation), command.Correction,
            (checks, p) => Check(checks, p, command.Transformation), command.ExpectedVersion);
        return (result, new Events(events));
    }

    private static void Check(FieldChecks checks, Patient patient, Transformation t) => checks
        .NotBefore(t.DiagnosedOn, patient.EnrolledOn, "transformation.diagnosedOn", "enrolment");
}
