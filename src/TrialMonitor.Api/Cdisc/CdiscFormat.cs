using TrialMonitor.Api.Cdisc.DatasetJson;

namespace TrialMonitor.Api.Cdisc;

/// <summary>The file formats of an export: Dataset-JSON, its NDJSON form, and CSV for spreadsheets.</summary>
public enum CdiscFormat { Json, Ndjson, Csv }

public static class CdiscFormats
{
    public static string Extension(this CdiscFormat format) => format.ToString().ToLowerInvariant();

    public static string ContentType(this CdiscFormat format) => format switch
    {
        CdiscFormat.Json => DatasetJsonFormats.JsonContentType,
        CdiscFormat.Ndjson => DatasetJsonFormats.NdjsonContentType,
        _ => CsvRows.ContentType,
    };

    public static CdiscFormat? Parse(string extension) =>
        Enum.GetValues<CdiscFormat>().Cast<CdiscFormat?>().FirstOrDefault(f => string.Equals(f!.Value.Extension(), extension, StringComparison.OrdinalIgnoreCase));
}
