using System.Globalization;
using System.Text.Json;

namespace TrialMonitor.Api.Cdisc.DatasetJson;

/// <summary>
/// A row's cells: text, whole numbers, decimals, or null for a missing value (Dataset-JSON v1.1:
/// a missing value is null). Dates are ISO 8601 text by the time they get here.
/// </summary>
public static class DatasetCells
{
    public static void Write(Utf8JsonWriter writer, object? cell)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (cell)
        {
            case null: writer.WriteNullValue(); break;
            case string text: writer.WriteStringValue(text); break;
            case int number: writer.WriteNumberValue(number); break;
            case long number: writer.WriteNumberValue(number); break;
            case decimal number: writer.WriteNumberValue(number); break;
            default: throw new ArgumentException($"A dataset cell is text, a number or null, not {cell.GetType().Name}.", nameof(cell));
        }
    }

    public static string Text(object? cell) => cell switch
    {
        null => "",
        string text => text,
        int number => number.ToString(CultureInfo.InvariantCulture),
        long number => number.ToString(CultureInfo.InvariantCulture),
        decimal number => number.ToString("0.############################", CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"A dataset cell is text, a number or null, not {cell.GetType().Name}.", nameof(cell)),
    };

    /// <summary>A row must have one cell per column: a mapping that forgets one is a bug, not data.</summary>
    public static void EnsureShape(DatasetHeader header, object?[] row)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(row);
        if (row.Length != header.Columns.Count)
            throw new InvalidOperationException($"{header.Name} row has {row.Length} cells for {header.Columns.Count} columns.");
    }
}
