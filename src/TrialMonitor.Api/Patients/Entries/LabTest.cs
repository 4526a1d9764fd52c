namespace TrialMonitor.Api.Patients.Entries;

/// <summary>What a lab value is measured in, as its entry field stores it: DOMAIN, "At the door" and the CTCAE section.</summary>
public enum LabMeasure
{
    /// <summary>Cells in 10^9/L.</summary>
    CellCount,

    /// <summary>Hemoglobin in g/dL.</summary>
    Hemoglobin,

    /// <summary>A percentage.</summary>
    Percent,

    /// <summary>A whole number of transcript copies.</summary>
    Copies,
}

/// <summary>
/// A lab test that gives one field of an entry kind's value, declared with the kind (<see cref="EntryKind.LabTests"/>):
/// the code a lab sends it under (LOINC, or TrialMonitor's own system where LOINC has none), the field as the door
/// names it, its measure, and the field its lower limit of normal goes to. A test <see cref="Within"/> another is a
/// component of that test's result, required with it (the ABL1 control copies of a BCR-ABL1 result).
/// </summary>
public sealed record LabTest(string System, string Code, string Name, string Field, LabMeasure Measure, string? LowerLimitField = null,
    string? Within = null)
{
    public const string LoincSystem = "http://loinc.org";

    /// <summary>Codes of TrialMonitor's own, for results no LOINC code names.</summary>
    public const string TrialMonitorSystem = "urn:trialmonitor:code";

    public static LabTest Loinc(string code, string name, string field, LabMeasure measure, string? lowerLimitField = null) =>
        new(LoincSystem, code, name, field, measure, lowerLimitField);

    public static LabTest ComponentOf(string loinc, string code, string name, string field, LabMeasure measure) =>
        new(TrialMonitorSystem, code, name, field, measure, Within: loinc);
}
