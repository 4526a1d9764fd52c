using GraphQL.Types;
using TrialMonitor.Api.Alerts;
using TrialMonitor.Clinical.Alerts;

namespace TrialMonitor.Api.GraphQL.Schema.Alerts;

/// <summary>Which alerts a monitor follows; every condition given must hold.</summary>
public sealed record AlertFilterInput(Guid? TrialId = null, string? Site = null, List<AlertKind>? Kinds = null, int? MinimumGrade = null)
{
    public AlertFilter ToFilter() => new(TrialId, Site, Kinds, MinimumGrade);
}

public sealed class AlertFilterInputType : AutoRegisteringInputObjectGraphType<AlertFilterInput>
{
    public AlertFilterInputType()
    {
        Name = "AlertFilter";
        Description = "Which alerts to receive: of the trial, of the site, of one of the kinds, and toxicities of at least the grade "
            + "(alerts without a grade — dose, discontinuation, transformation, death, relapse — are never filtered out by minimumGrade). "
            + "Every condition given must hold.";
    }
}
