using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Trials;

// A trial is its own stream: registration fixes the protocol's clinical settings (criteria set,
// FISH background cut-off) and later events move the data cut-off for analyses.

public sealed record TrialRegistered(Guid TrialId, string Code, string Title, IReadOnlyList<string> Sites, ClinicalSettings Settings);

public sealed record DataCutoffSet(Guid TrialId, DateOnly DataCutoffOn);

public sealed record TrialSiteAdded(Guid TrialId, string Site);

/// <summary>The trial as commands and projections read it; a self-aggregating inline snapshot.</summary>
public sealed partial record Trial(Guid Id, string Code, string Title, IReadOnlyList<string> Sites, ClinicalSettings Settings)
{
    public long Version { get; set; }

    public static Trial Create(TrialRegistered e) => new(e.TrialId, e.Code, e.Title, e.Sites, e.Settings);

    public Trial Apply(TrialSiteAdded e) => this with { Sites = [.. Sites, e.Site] };

    public Trial Apply(DataCutoffSet e) => this with { Settings = Settings with { DataCutoffOn = e.DataCutoffOn } };
}
