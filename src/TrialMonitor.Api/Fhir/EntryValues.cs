using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrialMonitor.Api.Fhir;

/// <summary>
/// An entry's value as JSON, its fields named as the door names them (hemoglobin, lowerLimits.hemoglobin), so the
/// values a lab sends can be set into (and withdrawn from) any kind's value by the fields its lab tests declare.
/// </summary>
public static class EntryValues
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static JsonObject Of(object value) => JsonSerializer.SerializeToNode(value, value.GetType(), Json)!.AsObject();

    public static object To(JsonObject json, Type type) =>
        json.Deserialize(type, Json) ?? throw new InvalidOperationException($"no {type.Name} in {json.ToJsonString()}");

    public static decimal? Get(JsonObject? json, string field)
    {
        JsonNode? node = json;
        foreach (var name in field.Split('.')) node = (node as JsonObject)?[name];
        return node is JsonValue value ? value.GetValue<decimal>() : null;
    }

    public static void Set(JsonObject json, string field, decimal value)
    {
        ArgumentNullException.ThrowIfNull(json);
        var names = field.Split('.');
        var parent = json;
        foreach (var name in names[..^1])
        {
            if (parent[name] is not JsonObject inner) parent[name] = inner = [];
            parent = inner;
        }
        parent[names[^1]] = value;
    }

    /// <summary>Clears a field; a nested value left with no field (lower limits) goes too.</summary>
    public static void Remove(JsonObject json, string field)
    {
        ArgumentNullException.ThrowIfNull(json);
        var names = field.Split('.');
        if (names.Length == 1)
        {
            json[field] = null;
            return;
        }
        if (json[names[0]] is not JsonObject inner) return;
        Remove(inner, string.Join('.', names[1..]));
        if (inner.All(p => p.Value is null)) json[names[0]] = null;
    }
}
