using TrialMonitor.Api.Cdisc.DatasetJson;

namespace TrialMonitor.Api.Cdisc;

/// <summary>
/// One dataset: its name, label and variables, and its rows for one patient (a pure function, so
/// an export reads one patient at a time and the mapping is tested without a database).
/// </summary>
public sealed record CdiscDataset(
    CdiscModel Model,
    string Name,
    string Label,
    IReadOnlyList<DatasetColumn> Columns,
    Func<CdiscSubject, IEnumerable<object?[]>> RowsOf)
{
    public string MetaDataVersionOid => Model == CdiscModel.Sdtm ? "MDV.TRIALMONITOR.SDTMIG.3.4" : "MDV.TRIALMONITOR.ADaMIG.1.3";

    public DatasetHeader Header(string studyId, DateTimeOffset createdAt) =>
        new(Name, Label, Columns, studyId, MetaDataVersionOid, createdAt);
}
