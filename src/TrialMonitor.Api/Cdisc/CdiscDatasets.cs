using TrialMonitor.Api.Cdisc.Adam;
using TrialMonitor.Api.Cdisc.Sdtm;

namespace TrialMonitor.Api.Cdisc;

/// <summary>Every dataset the exports write, SDTM then ADaM.</summary>
public static class CdiscDatasets
{
    public static IReadOnlyList<CdiscDataset> All { get; } =
    [
        Dm.Dataset, Lb.Dataset, Ex.Dataset, Ae.Dataset, Ds.Dataset, Rs.Dataset,
        Adsl.Dataset, Adrs.Dataset, Adtte.Dataset,
    ];

    /// <summary>The dataset of a model by name, case-insensitive (the URL's <c>sdtm/lb</c>), or null.</summary>
    public static CdiscDataset? Find(CdiscModel model, string name) =>
        All.FirstOrDefault(d => d.Model == model && string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
}
