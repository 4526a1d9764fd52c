using TrialMonitor.Api.Door;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Patients.Entries.Kinds;

public sealed record MarrowRecorded(Guid PatientId, string EntryKey, MarrowAssessment Marrow) : IPatientEntry
{
    DateOnly IPatientEntry.ClinicalOn => Marrow.CollectedOn;
}

/// <summary>Bone marrow blasts and basophils (%); not read by the rules the alerts derive.</summary>
public sealed class Marrow : EntryKind<MarrowRecorded, MarrowAssessment>
{
    public override string Name => "Marrow";
    public override string Mutation => "recordMarrow";
    public override string Argument => "marrow";
    public override string ChartField => "marrow";
    public override string ClinicalDateField => "marrow.collectedOn";
    public override bool MovesAssessment => false;

    public override IReadOnlyDictionary<string, string> Units { get; } = new Dictionary<string, string> { ["blastsPercent"] = "%", ["basophilsPercent"] = "%" };

    protected override MarrowRecorded Record(Guid patientId, string entryKey, MarrowAssessment value) => new(patientId, entryKey, value);
    protected override MarrowAssessment ValueOf(MarrowRecorded entry) => entry.Marrow;
    protected override string FormCode(MarrowAssessment value) => "BM";

    protected override void Check(FieldChecks checks, MarrowAssessment m) => checks
        .Between(m.BlastsPercent, 0, 100, "blastsPercent", "%")
        .Between(m.BasophilsPercent, 0, 100, "basophilsPercent", "%");
}
