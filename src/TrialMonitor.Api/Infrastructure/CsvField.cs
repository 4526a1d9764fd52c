namespace TrialMonitor.Api.Infrastructure;

/// <summary>CSV fields as RFC 4180 writes them, for every CSV TrialMonitor writes (CDISC datasets, audit trail, ODM import report).</summary>
public static class CsvField
{
    /// <summary>Quoted, its quotes doubled, only when it holds a comma, quote or line break; null is an empty field.</summary>
    public static string Of(string? value) =>
        string.IsNullOrEmpty(value) || value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value ?? "" : Quoted(value);

    /// <summary>Always quoted, so an empty text (<c>""</c>) reads apart from a missing one (an empty field).</summary>
    public static string Quoted(string? value) => value is null ? "" : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A record: the fields, each as <see cref="Of"/> writes it, separated by commas.</summary>
    public static string Line(IEnumerable<string?> fields) => string.Join(',', fields.Select(Of));
}
