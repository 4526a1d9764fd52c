using TrialMonitor.Api.Cdisc.DatasetJson;

namespace TrialMonitor.Api.Cdisc;

/// <summary>File extension and content type of each format.</summary>
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
