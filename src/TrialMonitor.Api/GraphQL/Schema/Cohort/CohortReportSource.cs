using TrialMonitor.Api.Cohort;
using TrialMonitor.Api.GraphQL.Transport;
using TrialMonitor.Clinical.Cohort;

namespace TrialMonitor.Api.GraphQL.Schema.Cohort;

/// <summary>A cohort answer read from this report holds while the views would still return the same report.</summary>
public sealed record CohortReportSource(CohortViews Views, CohortReport? Report, Guid TrialId, IReadOnlyList<string>? Sites, string? CriteriaSet)
    : IAnswerSource
{
    public Task<bool> IsCurrentAsync(CancellationToken cancellation) =>
        Views.IsCurrentAsync(Report, TrialId, Sites, CriteriaSet, cancellation);
}
