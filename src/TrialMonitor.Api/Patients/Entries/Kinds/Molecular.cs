using TrialMonitor.Api.Door;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Patients.Entries.Kinds;

public sealed record MolecularRecorded(Guid PatientId, string EntryKey, MolecularAssessment Molecular) : IPatientEntry
{
    DateOnly IPatientEntry.ClinicalOn => Molecular.CollectedOn;
}

/// <summary>BCR-ABL1 % on the International Scale with its ABL1 control copies (beyond the paper).</summary>
public sealed class Molecular : EntryKind<MolecularRecorded, MolecularAssessment>
{
    public override string Name => "Molecular";
    public override string Mutation => "recordMolecular";
    public override string Argument => "molecular";
    public override string ChartField => "molecular";
    public override string ClinicalDateField => "molecular.collectedOn";
    public override bool MovesAssessment => true;

    public override IReadOnlyDictionary<string, string> Units { get; } = new Dictionary<string, string> { ["bcrAbl1PercentIs"] = "%", ["abl1ControlCopies"] = "copies" };

    // LOINC has no code for the control gene's copies: they come as a component of the BCR-ABL1 result.
    public override IReadOnlyList<LabTest> LabTests { get; } =
    [
        LabTest.Loinc("69380-4", "BCR-ABL1/ABL1 on the International Scale", "bcrAbl1PercentIs", LabMeasure.Percent),
        LabTest.ComponentOf("69380-4", "abl1-control-copies", "ABL1 control gene copies", "abl1ControlCopies", LabMeasure.Copies),
    ];

    protected override MolecularRecorded Record(Guid patientId, string entryKey, MolecularAssessment value) => new(patientId, entryKey, value);
    protected override MolecularAssessment ValueOf(MolecularRecorded entry) => entry.Molecular;
    protected override string FormCode(MolecularAssessment value) => "PCR";

    // ELN: fewer than 10 000 control copies is stored but not evaluable for MR4 or deeper; none at all is no result.
    protected override void Check(FieldChecks checks, MolecularAssessment m) => checks
        .AtLeast(m.BcrAbl1PercentIs, 0, "bcrAbl1PercentIs", "%")
        .Require(m.Abl1ControlCopies >= 1, "abl1ControlCopies", $"must be at least 1 copy (got {m.Abl1ControlCopies})");
}
