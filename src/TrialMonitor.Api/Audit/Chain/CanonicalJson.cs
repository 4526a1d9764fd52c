using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TrialMonitor.Api.Audit.Chain;

/// <summary>
/// One byte form of a JSON value, whichever way it was written: PostgreSQL's jsonb reorders keys,
/// drops whitespace, re-escapes strings and rewrites numbers (1E-05 comes back as 0.00001), so the
/// JSON the store serialized and the JSON read back from mt_events differ as text but not here.
/// Keys are sorted ordinally, strings re-encoded one way, numbers written as their shortest decimal.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>Null and blank text (a column that was never written) read as JSON null.</summary>
    public static void Write(Utf8JsonWriter writer, string? json)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (string.IsNullOrWhiteSpace(json))
        {
            writer.WriteNullValue();
            return;
        }
        using var document = JsonDocument.Parse(json);
        Write(writer, document.RootElement);
    }

    public static string ToCanonical(string? json)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, json);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static Utf8JsonWriter CreateWriter(Stream stream) => new(stream, WriterOptions);

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) Write(writer, item);
                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            case JsonValueKind.Number:
                writer.WriteRawValue(Number(element.GetRawText()), skipInputValidation: true);
                break;
            case JsonValueKind.True:
                writer.WriteBooleanValue(true);
                break;
            case JsonValueKind.False:
                writer.WriteBooleanValue(false);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    /// <summary>40, 40.0 and 4E+1 are one number: the shortest plain decimal, without trailing zeros.</summary>
    internal static string Number(string raw)
    {
        if (decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            var text = value.ToString(CultureInfo.InvariantCulture);
            if (text.Contains('.', StringComparison.Ordinal)) text = text.TrimEnd('0').TrimEnd('.');
            return text == "-0" ? "0" : text;
        }
        // Beyond decimal's range: the round-trip form of the double.
        return double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
    }
}
