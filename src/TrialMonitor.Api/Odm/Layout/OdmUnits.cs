namespace TrialMonitor.Api.Odm.Layout;

/// <summary>
/// The unit of a value field, read from its name as the door's checks state it (DOMAIN, "At the door"):
/// counts in 10^9/L, hemoglobin in g/dL, percentages, the daily dose in mg, the spleen in cm, the age in years.
/// </summary>
public static class OdmUnits
{
    private static readonly string[] Counts = ["wbc", "neutrophils", "platelets"];

    public static string? Of(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var name = field[(field.LastIndexOf('.') + 1)..];
        if (Counts.Contains(name)) return "10^9/L";
        if (name == "hemoglobin") return "g/dL";
        if (name.Contains("Percent", StringComparison.Ordinal)) return "%";
        if (name.EndsWith("Mg", StringComparison.Ordinal)) return "mg";
        if (name.Contains("Cm", StringComparison.Ordinal)) return "cm";
        return name == "ageAtEnrolment" ? "years" : null;
    }

    public static string Oid(string unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return "MU." + unit.Replace("^", "", StringComparison.Ordinal).Replace("/", "_", StringComparison.Ordinal).Replace("%", "PCT", StringComparison.Ordinal);
    }
}
