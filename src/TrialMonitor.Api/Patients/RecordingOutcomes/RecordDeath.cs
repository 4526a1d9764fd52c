using TrialMonitor.Api.Validation;
using TrialMonitor.Clinical.Course;
using Wolverine.Marten;

namespace TrialMonitor.Api.Patients.RecordingOutcomes;

public sealed record RecordDeath(Guid PatientId, string EntryKey, Death Death, Correction? Correction = null, long? ExpectedVersion = null);

public static class RecordDeathHandler
{
    public static (EntryResult, Events) Handle(RecordDeath command, [WriteAggregate(Required = false)] Patient? patient)
    {
        var (result, events) = EntryRecording.Decide(command.PatientId, patient, command.EntryKey,
            new PatientDied(command.PatientId, command.EntryKey, command.Death), command.Correction,
            (checks, p) => Check(checks, p, command.Death), command.ExpectedVersion);
        return (result, new Events(events));
    }

    private static void Check(FieldChecks checks, Patient patient, Death d) => checks
        .NotBefore(d.DiedOn, patient.EnrolledOn, "death.diedOn", "enrolment");
}
