namespace TrialMonitor.Api.Cdisc.DatasetJson;

/// <summary>
/// The file-level metadata of a Dataset-JSON v1.1 file: what the dataset is, which study it belongs
/// to, and when the file was made.
/// </summary>
public sealed record DatasetHeader(
    string Name,
    string Label,
    IReadOnlyList<DatasetColumn> Columns,
    string StudyOid,
    string MetaDataVersionOid,
    DateTimeOffset CreatedAt)
{
    public const string Version = "1.1.0";
    public const string Originator = "TrialMonitor";
    public const string SourceSystemName = "TrialMonitor";

    public string ItemGroupOid => $"IG.{Name}";

    public string FileOid => $"{StudyOid}/{Name}";

    public string ItemOid(DatasetColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return $"IT.{Name}.{column.Name}";
    }

    public static string SourceSystemVersion { get; } =
        typeof(DatasetHeader).Assembly.GetName().Version?.ToString() ?? "0.0.0";
}
