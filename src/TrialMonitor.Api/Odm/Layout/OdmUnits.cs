namespace TrialMonitor.Api.Odm.Layout;

/// <summary>The OID of a unit in TrialMonitor's own ODM (MU.109_L for 10^9/L); the units are declared by the entry kinds.</summary>
public static class OdmUnits
{
    public static string Oid(string unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return "MU." + unit.Replace("^", "", StringComparison.Ordinal).Replace("/", "_", StringComparison.Ordinal).Replace("%", "PCT", StringComparison.Ordinal);
    }
}
