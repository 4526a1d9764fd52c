namespace TrialMonitor.Api.Cdisc.DatasetJson;

/// <summary>
/// A variable of a dataset as Dataset-JSON v1.1 describes it (<c>columns[]</c>). The item OID is
/// <c>IT.{dataset}.{name}</c> and the item group OID <c>IG.{dataset}</c>, as in CDISC's examples.
/// </summary>
public sealed record DatasetColumn(
    string Name,
    string Label,
    string DataType,
    int? Length = null,
    int? KeySequence = null,
    string? TargetDataType = null,
    string? DisplayFormat = null)
{
    /// <summary>Character, up to <paramref name="length"/> characters.</summary>
    public static DatasetColumn Text(string name, string label, int length, int? key = null) =>
        new(name, label, DatasetDataTypes.Text, length, key);

    public static DatasetColumn WholeNumber(string name, string label, int? key = null) =>
        new(name, label, DatasetDataTypes.WholeNumber, KeySequence: key);

    public static DatasetColumn DecimalNumber(string name, string label) => new(name, label, DatasetDataTypes.DecimalNumber);

    /// <summary>SDTM --DTC: an ISO 8601 date string (CDISC's SDTM examples type these <c>date</c>).</summary>
    public static DatasetColumn IsoDate(string name, string label, int? key = null) =>
        new(name, label, DatasetDataTypes.Date, KeySequence: key);

    /// <summary>ADaM *DT: an ISO 8601 date string that SAS reads as a DATE9. number (as CDISC's ADTTE example).</summary>
    public static DatasetColumn AnalysisDate(string name, string label) =>
        new(name, label, DatasetDataTypes.Date, TargetDataType: DatasetDataTypes.WholeNumber, DisplayFormat: "DATE9.");
}

/// <summary>The <c>dataType</c> values of Dataset-JSON v1.1 that these datasets use.</summary>
public static class DatasetDataTypes
{
    public const string Text = "string";
    public const string WholeNumber = "integer";
    public const string DecimalNumber = "decimal";
    public const string Date = "date";
}
