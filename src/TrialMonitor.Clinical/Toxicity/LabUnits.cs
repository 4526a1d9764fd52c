namespace TrialMonitor.Clinical.Toxicity;

/// <summary>
/// Converts lab values to the units the grading tables use: counts in 10^9/L, hemoglobin in
/// g/dL. Units match without regard to case; an unknown unit gives null, never a guess.
/// </summary>
public static class LabUnits
{
    public const string CountsPerLitre = "10^9/L";
    public const string GramsPerDecilitre = "g/dL";

    private static readonly Dictionary<string, decimal> CountDivisors = new(StringComparer.OrdinalIgnoreCase)
    {
        ["10^9/L"] = 1m,
        ["G/L"] = 1m,
        ["10^3/uL"] = 1m,
        ["10^3/µL"] = 1m,
        ["10^3/mL"] = 1000m,
        ["cells/mm3"] = 1000m,
        ["cells/mm³"] = 1000m,
    };

    private static readonly Dictionary<string, decimal> HemoglobinDivisors = new(StringComparer.OrdinalIgnoreCase)
    {
        ["g/dL"] = 1m,
        ["g/L"] = 10m,
    };

    /// <summary>A cell count in 10^9/L, or null when the value or unit is missing or unknown.</summary>
    public static decimal? ToCountsPerLitre(decimal? value, string? unit) => Convert(value, unit, CountDivisors);

    /// <summary>Hemoglobin in g/dL, or null when the value or unit is missing or unknown.</summary>
    public static decimal? ToGramsPerDecilitre(decimal? value, string? unit) => Convert(value, unit, HemoglobinDivisors);

    private static decimal? Convert(decimal? value, string? unit, Dictionary<string, decimal> divisors) =>
        value is { } v && unit is not null && divisors.TryGetValue(unit.Trim(), out var divisor) ? v / divisor : null;
}
