using TrialMonitor.Api.Validation;
using TrialMonitor.Clinical.Course;
using Wolverine.Marten;

namespace TrialMonitor.Api.Patients.RecordingOutcomes;

public sealed record RecordFollowUpContact(Guid PatientId, string EntryKey, DateOnly ContactOn, Correction? Correction = null, long? ExpectedVersion = null);

public static class RecordFollowUpContactHandler
{
    public static (EntryResult, Events) Handle(RecordFollowUpContact command, [WriteAggregate(Required = false)] Patient? patient)
    {
        var (result, events) = EntryRecording.Decide(command.PatientId, patient, command.EntryKey,
            new FollowUpContactRecorded(command.PatientId, command.EntryKey, command.ContactOn), command.Correction,
            (checks, p) => Check(checks, p, command.ContactOn), command.ExpectedVersion);
        return (result, new Events(events));
    }

    private static void Check(FieldChecks checks, Patient patient, DateOnly contactOn) => checks
        .NotBefore(contactOn, patient.EnrolledOn, "contactOn", "enrolment");
}
