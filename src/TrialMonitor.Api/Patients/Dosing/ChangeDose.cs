using TrialMonitor.Api.Validation;
using TrialMonitor.Clinical.Course;
using Wolverine.Marten;

namespace TrialMonitor.Api.Patients.Dosing;

public sealed record ChangeDose(Guid PatientId, string EntryKey, DoseChange Dose, Correction? Correction = null, long? ExpectedVersion = null);

public static class ChangeDoseHandler
{
    public static (EntryResult, Events) Handle(ChangeDose command, [WriteAggregate(Required = false)] Patient? patient)
    {
        var (result, events) = EntryRecording.Decide(command.PatientId, patient, command.EntryKey,
            new DoseChanged(command.PatientId, command.EntryKey, command.Dose), command.Correction,
            (checks, p) => Check(checks, p, command.Dose), command.ExpectedVersion);
        return (result, new Events(events));
    }

    private static void Check(FieldChecks checks, Patient patient, DoseChange d) => checks
        .NotBefore(d.EffectiveOn, patient.EnrolledOn, "dose.effectiveOn", "enrolment")
        .Between(d.DailyDoseMg, d.Action == DoseAction.Interrupted ? 0 : 1, 2000, "dose.dailyDoseMg")
        .Require(d.Action != DoseAction.Interrupted || d.DailyDoseMg == 0, "dose.dailyDoseMg", "must be 0 while interrupted")
        .Require(d.Action is not (DoseAction.Reduced or DoseAction.Interrupted) || !string.IsNullOrWhiteSpace(d.Reason),
            "dose.reason", "a reduction or interruption must say why (PANCYTOPENIA or the toxicity term)");
}
