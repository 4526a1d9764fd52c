using TrialMonitor.Api.Door;
using TrialMonitor.Clinical.Alerts;
using TrialMonitor.Clinical.Course;
using TrialMonitor.Clinical.Toxicity;

namespace TrialMonitor.Api.Patients.Entries.Kinds;

public sealed record BloodCountRecorded(Guid PatientId, string EntryKey, BloodCount Count) : IPatientEntry
{
    DateOnly IPatientEntry.ClinicalOn => Count.CollectedOn;
}

/// <summary>Peripheral blood: counts in 10^9/L, hemoglobin in g/dL, the differential in %.</summary>
public sealed class BloodCounts : EntryKind<BloodCountRecorded, BloodCount>
{
    public const string Counts = "×10⁹/L";

    public override string Name => "BloodCount";
    public override string Mutation => "recordBloodCount";
    public override string Argument => "count";
    public override string ChartField => "bloodCounts";
    public override string ClinicalDateField => "count.collectedOn";
    public override bool MovesAssessment => true;

    public override IReadOnlyDictionary<string, string> Units { get; } = new Dictionary<string, string>
    {
        ["wbc"] = LabUnits.CountsPerLitre,
        ["neutrophils"] = LabUnits.CountsPerLitre,
        ["platelets"] = LabUnits.CountsPerLitre,
        ["hemoglobin"] = LabUnits.GramsPerDecilitre,
        ["blastsPercent"] = "%",
        ["basophilsPercent"] = "%",
        ["promyelocytesMyelocytesPercent"] = "%",
        ["lowerLimits.wbc"] = LabUnits.CountsPerLitre,
        ["lowerLimits.neutrophils"] = LabUnits.CountsPerLitre,
        ["lowerLimits.platelets"] = LabUnits.CountsPerLitre,
        ["lowerLimits.hemoglobin"] = LabUnits.GramsPerDecilitre,
    };

    public override IReadOnlyList<LabTest> LabTests { get; } =
    [
        LabTest.Loinc("6690-2", "Leukocytes [#/volume] in Blood by Automated count", "wbc", LabMeasure.CellCount, "lowerLimits.wbc"),
        LabTest.Loinc("751-8", "Neutrophils [#/volume] in Blood by Automated count", "neutrophils", LabMeasure.CellCount, "lowerLimits.neutrophils"),
        LabTest.Loinc("777-3", "Platelets [#/volume] in Blood by Automated count", "platelets", LabMeasure.CellCount, "lowerLimits.platelets"),
        LabTest.Loinc("718-7", "Hemoglobin [Mass/volume] in Blood", "hemoglobin", LabMeasure.Hemoglobin, "lowerLimits.hemoglobin"),
        LabTest.Loinc("26446-5", "Blasts/100 leukocytes in Blood", "blastsPercent", LabMeasure.Percent),
        LabTest.Loinc("709-6", "Blasts/100 leukocytes in Blood by Manual count", "blastsPercent", LabMeasure.Percent),
        LabTest.Loinc("706-2", "Basophils/100 leukocytes in Blood by Automated count", "basophilsPercent", LabMeasure.Percent),
        LabTest.Loinc("30180-4", "Basophils/100 leukocytes in Blood", "basophilsPercent", LabMeasure.Percent),
    ];

    protected override BloodCountRecorded Record(Guid patientId, string entryKey, BloodCount value) => new(patientId, entryKey, value);
    protected override BloodCount ValueOf(BloodCountRecorded entry) => entry.Count;
    protected override string FormCode(BloodCount value) => "CBC";

    // DOMAIN, "At the door": CML can bring WBC of several hundred and platelets of several thousand; beyond these limits it is a typing or unit error.
    protected override void Check(FieldChecks checks, BloodCount c)
    {
        checks
            .Require(c is not { Wbc: null, Neutrophils: null, Platelets: null, Hemoglobin: null, BlastsPercent: null, BasophilsPercent: null, PromyelocytesMyelocytesPercent: null },
                "", "a blood count needs at least one value (wbc, neutrophils, platelets, hemoglobin or a differential %)")
            .Between(c.Wbc, 0, 1_000, "wbc", Counts)
            .Between(c.Neutrophils, 0, 1_000, "neutrophils", Counts)
            .Require(c.Neutrophils is null || c.Wbc is not >= 0 || c.Neutrophils <= c.Wbc, "neutrophils",
                $"must not exceed the WBC of {c.Wbc} {Counts} (got {c.Neutrophils} {Counts})")
            .Between(c.Platelets, 0, 5_000, "platelets", Counts)
            .Between(c.Hemoglobin, 0, 25, "hemoglobin", "g/dL")
            .Between(c.BlastsPercent, 0, 100, "blastsPercent", "%")
            .Between(c.BasophilsPercent, 0, 100, "basophilsPercent", "%")
            .Between(c.PromyelocytesMyelocytesPercent, 0, 100, "promyelocytesMyelocytesPercent", "%");
        var differential = (c.BlastsPercent ?? 0) + (c.BasophilsPercent ?? 0) + (c.PromyelocytesMyelocytesPercent ?? 0);
        checks.Require(differential <= 100, "promyelocytesMyelocytesPercent",
            $"blasts, basophils and promyelocytes + myelocytes must add up to at most 100 % (got {differential} %)");
        checks.Under("lowerLimits")
            .Between(c.LowerLimits?.Wbc, 0, 1_000, "wbc", Counts)
            .Between(c.LowerLimits?.Neutrophils, 0, 1_000, "neutrophils", Counts)
            .Between(c.LowerLimits?.Platelets, 0, 5_000, "platelets", Counts)
            .Between(c.LowerLimits?.Hemoglobin, 0, 25, "hemoglobin", "g/dL");
    }

    protected override IReadOnlyList<SafetySignal> Signals(BloodCount value, int gradeThreshold) =>
        SafetySignals.ForBloodCount(value, gradeThreshold);
}
