using System.Text.Json;
using TrialMonitor.Api.Odm.Mapping;
using TrialMonitor.Api.Patients.Entries;

namespace TrialMonitor.Api.Odm.Layout;

/// <summary>One form of TrialMonitor's own ODM (the enrolment, or an entry kind): a FormDef holding one ItemGroupDef of its items.</summary>
public sealed record OdmLayoutForm(string Name, EntryKind? Kind, IReadOnlyList<OdmLayoutItem> Items)
{
    public string FormOid => "F." + Name;

    public string ItemGroupOid => "IG." + Name;

    /// <summary>The items of a value as ODM text (ISO dates, invariant numbers, true/false, enum names); absent values are left out.</summary>
    public IEnumerable<(OdmLayoutItem Item, string Value)> ValuesOf(JsonElement value)
    {
        foreach (var item in Items)
        {
            if (Text(Find(value, item.Field)) is { } text) yield return (item, text);
        }
    }

    public IEnumerable<(OdmLayoutItem Item, string Value)> ValuesOf(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return ValuesOf(JsonSerializer.SerializeToElement(value, value.GetType(), OdmMapping.Json));
    }

    private static JsonElement Find(JsonElement value, string field)
    {
        if (field == OdmValueFields.Scalar) return value;
        foreach (var name in field.Split('.'))
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out var inner)) return default;
            value = inner;
        }
        return value;
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
