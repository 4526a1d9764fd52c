using TrialMonitor.Api.Validation;
using TrialMonitor.Clinical.Course;
using Wolverine.Marten;

namespace TrialMonitor.Api.Patients.RecordingOutcomes;

public sealed record DiscontinueTherapy(Guid PatientId, string EntryKey, Discontinuation Discontinuation, Correction? Correction = null, long? ExpectedVersion = null);

public static class DiscontinueTherapyHandler
{
    public static (EntryResult, Events) Handle(DiscontinueTherapy command, [WriteAggregate(Required = false)] Patient? patient)
    {
        var (result, events) = EntryRecording.Decide(command.PatientId, patient, command.EntryKey,
            new TherapyDiscontinued(command.PatientId, command.EntryKey, command.Discontinuation), command.Correction,
            (checks, p) => Check(checks, p, command.Discontinuation), command.ExpectedVersion);
        return (result, new Events(events));
    }

    private static void Check(FieldChecks checks, Patient patient, Discontinuation d) => checks
        .NotBefore(d.EffectiveOn, patient.EnrolledOn, "discontinuation.effectiveOn", "enrolment");
}
