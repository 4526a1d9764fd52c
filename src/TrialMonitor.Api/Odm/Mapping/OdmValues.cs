using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrialMonitor.Api.Odm.Mapping;

/// <summary>A value the mapping could not read: the item, the text in the file and why.</summary>
public sealed record OdmValueProblem(string Field, string? ItemOid, string? Value, string Reason);

/// <summary>
/// Builds a value of an entry kind's type (or the enrolment) from ODM items, field by field as the
/// mapping says: each field is a constructor parameter of the type, read as that parameter's type.
/// </summary>
public static class OdmValues
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyyMMdd", "dd MMM yyyy", "d MMM yyyy", "yyyy MM dd", "yyyy-MM-ddTHH:mm:ss"];

    /// <summary>
    /// The fields of <paramref name="type"/> read from <paramref name="items"/> (item OID → text), plus <paramref name="extra"/>
    /// fields that are not parameters of the type (read as the type given). A nested record's fields are named by their path
    /// (lowerLimits.wbc); a value that is not a record is the one field <see cref="OdmValueFields.Scalar"/>.
    /// Null when no mapped item is present at all.
    /// </summary>
    public static JsonObject? Read(Type type, IReadOnlyDictionary<string, OdmField> fields, IReadOnlyDictionary<string, string?> items,
        List<OdmValueProblem> problems, IReadOnlyDictionary<string, Type>? extra = null, JsonObject? start = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(problems);
        var parameters = OdmValueFields.Of(type).ToDictionary(f => f.Name, StringComparer.Ordinal);
        if (start is null && !fields.Values.Any(f => f.Item is not null && items.TryGetValue(f.Item, out var v) && !string.IsNullOrWhiteSpace(v))) return null;
        var value = start ?? new JsonObject();
        foreach (var (name, field) in fields)
        {
            if (name.Contains('.', StringComparison.Ordinal)) continue; // read below, with the record it belongs to
            var target = parameters.TryGetValue(name, out var p) ? p.Type : extra?.GetValueOrDefault(name);
            if (target is null || !OdmValueFields.IsScalar(target))
            {
                problems.Add(new OdmValueProblem(name, field.Item, null, $"{type.Name} has no field '{name}' (fix the mapping)"));
                continue;
            }
            var text = field.Item is not null && items.TryGetValue(field.Item, out var t) && !string.IsNullOrWhiteSpace(t) ? t.Trim() : null;
            if (text is null)
            {
                if (field.Value is { } stated) value[name] = JsonNode.Parse(stated.GetRawText());
                continue;
            }
            if (Convert(field, target, text, out var node, out var reason)) value[name] = node;
            else problems.Add(new OdmValueProblem(name, field.Item, text, reason));
        }
        foreach (var nested in fields.Keys.Where(k => k.Contains('.', StringComparison.Ordinal)).GroupBy(k => k[..k.IndexOf('.', StringComparison.Ordinal)], StringComparer.Ordinal))
        {
            if (!parameters.TryGetValue(nested.Key, out var record) || OdmValueFields.IsScalar(record.Type))
            {
                problems.AddRange(nested.Select(name => new OdmValueProblem(name, fields[name].Item, null, $"{type.Name} has no field '{name}' (fix the mapping)")));
                continue;
            }
            var inner = new List<OdmValueProblem>();
            var innerValue = Read(record.Type, nested.ToDictionary(name => name[(nested.Key.Length + 1)..], name => fields[name], StringComparer.Ordinal), items, inner);
            problems.AddRange(inner.Select(problem => problem with { Field = nested.Key + "." + problem.Field }));
            if (innerValue is not null) value[nested.Key] = innerValue;
        }
        foreach (var (name, field) in parameters)
        {
            if (value.ContainsKey(name) || problems.Any(p => p.Field == name || p.Field.StartsWith(name + ".", StringComparison.Ordinal))) continue;
            if (field.Optional) value[name] = null;
            else problems.Add(new OdmValueProblem(name, fields.GetValueOrDefault(name)?.Item, null, "missing: the file has no value for it and the mapping states none"));
        }
        return value;
    }

    public static T ToValue<T>(JsonObject value) => (T)ToValue(value, typeof(T));

    public static object ToValue(JsonObject value, Type type)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(type);
        return (OdmValueFields.IsScalar(type) ? value[OdmValueFields.Scalar].Deserialize(type, OdmMapping.Json) : value.Deserialize(type, OdmMapping.Json))!;
    }

    private static bool Convert(OdmField field, Type target, string text, out JsonNode? node, out string reason)
    {
        node = null;
        reason = "";
        if (field.Codes is { } codes)
        {
            if (!codes.TryGetValue(text, out var coded))
            {
                reason = $"not in the code list of the mapping ({string.Join(", ", codes.Keys)})";
                return false;
            }
            if (coded.ValueKind != JsonValueKind.String)
            {
                node = JsonNode.Parse(coded.GetRawText());
                return true;
            }
            text = coded.GetString()!;
        }
        var type = Nullable.GetUnderlyingType(target) ?? target;
        if (field.Bands is { } bands)
        {
            if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                reason = "not a number";
                return false;
            }
            var band = bands.FirstOrDefault(b => number < b.Below);
            if (band is null)
            {
                reason = $"above the mapping's bands (below {bands[^1].Below})";
                return false;
            }
            node = JsonNode.Parse(band.Value.GetRawText());
            return true;
        }
        if (type == typeof(DateOnly))
        {
            var formats = field.Format is { } f ? f.Split('|') : DateFormats;
            if (DateOnly.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date))
            {
                node = JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                return true;
            }
            reason = $"not a date ({string.Join(" or ", formats)})";
            return false;
        }
        if (type == typeof(decimal) || type == typeof(int))
        {
            if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                reason = "not a number";
                return false;
            }
            number *= field.Factor ?? 1m;
            if (type == typeof(int))
            {
                if (number != decimal.Truncate(number) || number is > int.MaxValue or < int.MinValue)
                {
                    reason = "not a whole number";
                    return false;
                }
                node = JsonValue.Create((int)number);
                return true;
            }
            node = JsonValue.Create(number);
            return true;
        }
        if (type == typeof(bool))
        {
            bool? flag = text.ToUpperInvariant() switch { "Y" or "YES" or "1" or "TRUE" => true, "N" or "NO" or "0" or "FALSE" => false, _ => null };
            node = flag is { } b ? JsonValue.Create(b) : null;
            reason = "not yes or no";
            return flag is not null;
        }
        if (type.IsEnum)
        {
            if (Enum.TryParse(type, text, ignoreCase: true, out var member) && Enum.IsDefined(type, member))
            {
                node = JsonValue.Create(member.ToString());
                return true;
            }
            reason = $"not one of {string.Join(", ", Enum.GetNames(type))}";
            return false;
        }
        node = JsonValue.Create(text);
        return true;
    }
}
