using System.Reflection;
using System.Text.Json;

namespace TrialMonitor.Api.Odm.Mapping;

/// <summary>One field of a value type: its name as JSON and the API write it, its type (nullable unwrapped) and whether it may be absent.</summary>
public sealed record OdmValueField(string Name, Type Type, bool Optional);

/// <summary>
/// The fields of a value type as an ODM item group carries them: the parameters of its record constructor,
/// a nested record's fields under its name and a dot (lowerLimits.wbc); a value that is not a record
/// (a follow-up contact's date) is the one field <see cref="Scalar"/>.
/// </summary>
public static class OdmValueFields
{
    public const string Scalar = "value";

    private static readonly NullabilityInfoContext Nullability = new();

    public static bool IsScalar(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateOnly);
    }

    public static IReadOnlyList<OdmValueField> Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (IsScalar(type)) return [new OdmValueField(Scalar, Nullable.GetUnderlyingType(type) ?? type, Nullable.GetUnderlyingType(type) is not null)];
        return [.. type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First().GetParameters()
            .Select(p => new OdmValueField(JsonNamingPolicy.CamelCase.ConvertName(p.Name!), Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType,
                Nullable.GetUnderlyingType(p.ParameterType) is not null
                || !p.ParameterType.IsValueType && Nullability.Create(p).WriteState == NullabilityState.Nullable))];
    }

    /// <summary>Every field down to the scalars, nested records' fields named by their path; optional when it or a record around it is.</summary>
    public static IEnumerable<OdmValueField> Flattened(Type type)
    {
        foreach (var field in Of(type))
        {
            if (IsScalar(field.Type)) yield return field;
            else
            {
                foreach (var inner in Flattened(field.Type))
                    yield return inner with { Name = field.Name + "." + inner.Name, Optional = inner.Optional || field.Optional };
            }
        }
    }
}
