using System.Globalization;
using TrialMonitor.Api.Patients.Entries;

namespace TrialMonitor.Api.Fhir;

/// <summary>
/// The units a lab value is converted from, as UCUM codes (Quantity.code, else Quantity.unit), to the unit its field
/// stores: DOMAIN's CTCAE section (hemoglobin g/L ÷ 10 = g/dL; for counts G/L and 10^3/uL = 10^9/L; 10^3/mL and
/// cells/mm³ ÷ 1000), matched without regard to case. Any other unit is refused, never guessed.
/// </summary>
public static class UcumUnits
{
    public const string System = "http://unitsofmeasure.org";

    private static readonly Dictionary<LabMeasure, (string Stored, Dictionary<string, decimal> Divisors)> Measures = new()
    {
        [LabMeasure.CellCount] = ("10^9/L", new(StringComparer.OrdinalIgnoreCase)
        {
            ["10*9/L"] = 1m, ["10^9/L"] = 1m, ["G/L"] = 1m, ["10*3/uL"] = 1m, ["10^3/uL"] = 1m,
            ["10*3/mL"] = 1000m, ["10^3/mL"] = 1000m, ["/mm3"] = 1000m, ["{cells}/mm3"] = 1000m, ["cells/mm3"] = 1000m,
        }),
        [LabMeasure.Hemoglobin] = ("g/dL", new(StringComparer.OrdinalIgnoreCase) { ["g/dL"] = 1m, ["g/L"] = 10m }),
        [LabMeasure.Percent] = ("%", new(StringComparer.Ordinal) { ["%"] = 1m }),
        [LabMeasure.Copies] = ("{copies}", new(StringComparer.OrdinalIgnoreCase) { ["{copies}"] = 1m }),
    };

    /// <summary>The value in the field's unit, or null when the unit is not one of <see cref="Accepted"/>.</summary>
    public static decimal? Convert(LabMeasure measure, decimal value, string? unit) =>
        unit is not null && Measures[measure].Divisors.TryGetValue(unit.Trim(), out var divisor) ? value / divisor : null;

    /// <summary>The unit the field stores, as the door's messages name it.</summary>
    public static string Stored(LabMeasure measure) => Measures[measure].Stored;

    public static IEnumerable<string> Accepted(LabMeasure measure) => Measures[measure].Divisors.Keys;

    public static string Show(decimal value, string? unit) =>
        $"{value.ToString(CultureInfo.InvariantCulture)} {unit}".TrimEnd();
}
