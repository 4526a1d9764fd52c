using TrialMonitor.Api.Validation;
using TrialMonitor.Clinical.Course;
using Wolverine.Marten;

namespace TrialMonitor.Api.Patients.RecordingLabs;

public sealed record RecordBloodCount(Guid PatientId, string EntryKey, BloodCount Count, Correction? Correction = null, long? ExpectedVersion = null);

public static class RecordBloodCountHandler
{
    public static (EntryResult, Events) Handle(RecordBloodCount command, [WriteAggregate(Required = false)] Patient? patient)
    {
        var (result, events) = EntryRecording.Decide(command.PatientId, patient, command.EntryKey,
            new BloodCountRecorded(command.PatientId, command.EntryKey, command.Count), command.Correction,
            (checks, p) => Check(checks, p, command.Count), command.ExpectedVersion);
        return (result, new Events(events));
    }

    private static void Check(FieldChecks checks, Patient patient, BloodCount c) => checks
        .NotNegative(c.Wbc, "count.wbc")
        .NotNegative(c.Neutrophils, "count.neutrophils")
        .NotNegative(c.Platelets, "count.platelets")
        .NotNegative(c.Hemoglobin, "count.hemoglobin")
        .Percentage(c.BlastsPercent, "count.blastsPercent")
        .Percentage(c.BasophilsPercent, "count.basophilsPercent")
        .Percentage(c.PromyelocytesMyelocytesPercent, "count.promyelocytesMyelocytesPercent")
        .NotNegative(c.LowerLimits?.Wbc, "count.lowerLimits.wbc")
        .NotNegative(c.LowerLimits?.Neutrophils, "count.lowerLimits.neutrophils")
        .NotNegative(c.LowerLimits?.Platelets, "count.lowerLimits.platelets")
        .NotNegative(c.LowerLimits?.Hemoglobin, "count.lowerLimits.hemoglobin");
}
