using Marten;
using Marten.Services;
using TrialMonitor.Api.Alerts;

namespace TrialMonitor.Api.Telemetry;

/// <summary>
/// Counts the alerts the daemon's alert projection raised in a committed batch: an alert whose position
/// is the one it was raised at (acknowledging or withdrawing it moves its position on).
/// </summary>
internal sealed class AlertsRaisedCounter : IChangeListener
{
    public Task BeforeCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token) => Task.CompletedTask;

    public Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(commit);
        foreach (var alert in commit.Inserted.Concat(commit.Updated).OfType<Alert>().Where(a => a.Position == a.RaisedPosition))
        {
            TrialMonitorMetrics.AlertsRaised.Add(1, new KeyValuePair<string, object?>("kind", alert.Kind.ToString()));
        }
        return Task.CompletedTask;
    }
}
