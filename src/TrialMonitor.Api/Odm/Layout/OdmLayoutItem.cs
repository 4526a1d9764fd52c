using TrialMonitor.Api.Odm.Mapping;

namespace TrialMonitor.Api.Odm.Layout;

/// <summary>
/// One ItemDef of TrialMonitor's own ODM: the value field it carries (<see cref="OdmValueField.Name"/>, the mapping's
/// field name), its OID, its ODM data type, unit (as the entry kind declares it) and code list.
/// </summary>
public sealed record OdmLayoutItem(string Field, string Oid, Type Type, bool Mandatory, string? Unit = null)
{
    public string DataType =>
        Type == typeof(DateOnly) ? "date"
        : Type == typeof(int) ? "integer"
        : Type == typeof(decimal) ? "float"
        : Type == typeof(bool) ? "boolean"
        : "text";

    /// <summary>The code list of an enumerated field (its names), e.g. CL.DoseAction.</summary>
    public string? CodeListOid => Type.IsEnum ? OdmLayout.CodeListOid(Type) : null;
}
