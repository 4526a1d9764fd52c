using Marten;
using Marten.Services;
using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Trials;

namespace TrialMonitor.Api.GraphQL.Schema.Subscriptions;

/// <summary>
/// After a Marten commit (the inline chart and trial projections are part of it), tells the hub which
/// charts and trials it changed, so subscriptions push state that is already readable.
/// </summary>
public sealed class ChartChangePublisher(ChartChanges changes) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var changed = commit.Inserted.Concat(commit.Updated).ToList();
        foreach (var chart in changed.OfType<PatientChart>()) changes.Publish(new ChartChanged(chart.TrialId, chart.Id));
        foreach (var trial in changed.OfType<Trial>()) changes.Publish(new ChartChanged(trial.Id, null));
        return Task.CompletedTask;
    }
}
