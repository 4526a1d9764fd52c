using System.Text.Json;

namespace TrialMonitor.Api.Tests.Cdisc;

/// <summary>A Dataset-JSON file as a test reads it: metadata, columns by name, rows as cells by variable name.</summary>
public sealed class ExportedDataset
{
    public ExportedDataset(JsonElement root)
    {
        Root = root;
        Columns = [.. root.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];
        Rows = root.TryGetProperty("rows", out var rows)
            ? [.. rows.EnumerateArray().Select(r => r.EnumerateArray().Select((cell, i) => (Columns[i], cell)).ToDictionary(x => x.Item1, x => x.cell))]
            : [];
    }

    public JsonElement Root { get; }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<Dictionary<string, JsonElement>> Rows { get; }

    public static string? Text(JsonElement cell) => cell.ValueKind == JsonValueKind.Null ? null : cell.GetString();

    public static int? Number(JsonElement cell) => cell.ValueKind == JsonValueKind.Null ? null : cell.GetInt32();
}
