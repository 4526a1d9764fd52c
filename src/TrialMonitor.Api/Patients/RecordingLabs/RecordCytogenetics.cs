using TrialMonitor.Api.Validation;
using TrialMonitor.Clinical.Course;
using Wolverine.Marten;

namespace TrialMonitor.Api.Patients.RecordingLabs;

public sealed record RecordCytogenetics(Guid PatientId, string EntryKey, CytogeneticAssessment Cytogenetics, Correction? Correction = null, long? ExpectedVersion = null);

public static class RecordCytogeneticsHandler
{
    public static (EntryResult, Events) Handle(RecordCytogenetics command, [WriteAggregate(Required = false)] Patient? patient)
    {
        var (result, events) = EntryRecording.Decide(command.PatientId, patient, command.EntryKey,
            new CytogeneticsRecorded(command.PatientId, command.EntryKey, command.Cytogenetics), command.Correction,
            (checks, p) => Check(checks, p, command.Cytogenetics), command.ExpectedVersion);
        return (result, new Events(events));
    }

    private static void Check(FieldChecks checks, Patient patient, CytogeneticAssessment c) => checks
        .Percentage(c.PhPositivePercent, "cytogenetics.phPositivePercent")
        .Require(c.CellsAnalysed > 0, "cytogenetics.cellsAnalysed", $"must be at least 1 (got {c.CellsAnalysed})");
}
