using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using TrialMonitor.Api.Trials;

namespace TrialMonitor.Api.Cohort;

/// <summary>
/// Inline: a change to the trial itself (a new site, a data cut-off) changes its cohort views.
/// Patients' changes are stamped by the chart projection, which knows each patient's trial.
/// </summary>
public sealed class TrialChangeProjection : IProjection
{
    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(events);
        foreach (var trialId in events.Where(e => e.Data is TrialRegistered or DataCutoffSet or TrialSiteAdded).Select(e => e.StreamId).Distinct())
        {
            operations.Store(CohortChange.Of(trialId));
        }
        return Task.CompletedTask;
    }
}
