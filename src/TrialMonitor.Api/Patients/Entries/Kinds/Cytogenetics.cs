using TrialMonitor.Api.Door;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Patients.Entries.Kinds;

public sealed record CytogeneticsRecorded(Guid PatientId, string EntryKey, CytogeneticAssessment Cytogenetics) : IPatientEntry
{
    DateOnly IPatientEntry.ClinicalOn => Cytogenetics.CollectedOn;
}

/// <summary>Ph+ % by karyotype (metaphases) or FISH (nuclei).</summary>
public sealed class Cytogenetics : EntryKind<CytogeneticsRecorded, CytogeneticAssessment>
{
    public override string Name => "Cytogenetics";
    public override string Mutation => "recordCytogenetics";
    public override string Argument => "cytogenetics";
    public override string ChartField => "cytogenetics";
    public override string ClinicalDateField => "cytogenetics.collectedOn";
    public override bool MovesAssessment => true;

    public override IReadOnlyDictionary<string, string> Units { get; } = new Dictionary<string, string> { ["phPositivePercent"] = "%" };

    protected override CytogeneticsRecorded Record(Guid patientId, string entryKey, CytogeneticAssessment value) => new(patientId, entryKey, value);
    protected override CytogeneticAssessment ValueOf(CytogeneticsRecorded entry) => entry.Cytogenetics;
    protected override string FormCode(CytogeneticAssessment value) => value.Method == CytogeneticMethod.Fish ? "FISH" : "CG";

    protected override void Check(FieldChecks checks, CytogeneticAssessment c) => checks
        .Between(c.PhPositivePercent, 0, 100, "phPositivePercent", "%")
        .Require(c.CellsAnalysed >= 1, "cellsAnalysed",
            $"must be at least 1 {(c.Method == CytogeneticMethod.Fish ? "nucleus" : "metaphase")} (got {c.CellsAnalysed})");
}
