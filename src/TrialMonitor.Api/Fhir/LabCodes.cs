using TrialMonitor.Api.Patients.Entries;

namespace TrialMonitor.Api.Fhir;

/// <summary>The lab tests every entry kind declares (<see cref="EntryKind.LabTests"/>), by the code a lab sends them under.</summary>
public static class LabCodes
{
    public static readonly IReadOnlyList<(EntryKind Kind, LabTest Test)> All =
        [.. EntryKinds.All.SelectMany(kind => kind.LabTests.Select(test => (kind, test)))];

    /// <summary>The kinds a lab's results become.</summary>
    public static readonly IReadOnlyList<EntryKind> Kinds = [.. All.Select(t => t.Kind).Distinct()];

    /// <summary>The test of an Observation's code (a component is not a result of its own).</summary>
    public static (EntryKind Kind, LabTest Test)? Result(string? system, string? code) =>
        All.Where(t => t.Test.Within is null && t.Test.System == system && t.Test.Code == code)
            .Select(t => ((EntryKind, LabTest)?)t).FirstOrDefault();

    public static IEnumerable<LabTest> ComponentsOf(LabTest test) => All.Select(t => t.Test).Where(t => t.Within == test.Code);

    /// <summary>What a lab may send, for refusals and the CapabilityStatement.</summary>
    public static string Describe() => string.Join("; ", All.Select(t => t.Test).Where(t => t.Within is null)
        .Select(t => $"{Code(t)} {t.Name} in {string.Join(" or ", UcumUnits.Accepted(t.Measure))}"
                     + string.Concat(ComponentsOf(t).Select(c => $", with the component {Code(c)} {c.Name} in {UcumUnits.Stored(c.Measure)}"))));

    public static string Code(LabTest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        return test.System == LabTest.LoincSystem ? $"LOINC {test.Code}" : $"{test.System}|{test.Code}";
    }
}
