using System.Runtime.CompilerServices;
using Marten;
using TrialMonitor.Api.Telemetry;

namespace TrialMonitor.Api.Alerts.Listening;

/// <summary>
/// What a monitor resuming from a cursor receives: every stored alert change after the cursor that
/// matches the filter, in feed order, then the live ones from this instance's <see cref="AlertHub"/>;
/// none missing, none repeated.
/// </summary>
public static class AlertDelivery
{
    public static async IAsyncEnumerable<Alert> ReadAsync(
        IDocumentStore store, AlertHub hub, long cursor, AlertFilter filter, int pageSize = AlertFeed.DefaultPageSize,
        [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(filter);

        // Live first: whatever the listener publishes from now on is queued here, so an alert committed
        // after the replay below has read the feed cannot fall between the replay and going live.
        using var live = hub.Open();
        var last = cursor;
        while (true)
        {
            IReadOnlyList<Alert> page;
            await using (var session = store.QuerySession())
            {
                page = await AlertFeed.AfterAsync(session, last, filter, pageSize, cancellation);
            }
            foreach (var alert in page)
            {
                last = alert.Position;
                TrialMonitorMetrics.AlertsDelivered.Add(1);
                yield return alert;
            }
            if (page.Count < pageSize) break;
        }

        // The hub also repeats what the replay already returned (published while it ran), and after a
        // rebuild it republishes the feed from the start: skip every position already passed.
        await foreach (var alert in live.Alerts.ReadAllAsync(cancellation))
        {
            if (alert.Position <= last || !filter.Matches(alert)) continue;
            last = alert.Position;
            TrialMonitorMetrics.AlertsDelivered.Add(1);
            if (alert.Position == alert.RaisedPosition)
            {
                // Raised just now: the time since its cause was recorded is what the monitor waited.
                TrialMonitorMetrics.CommitToSubscriber.Record((DateTimeOffset.UtcNow - alert.Cause.RecordedAt).TotalMilliseconds,
                    new KeyValuePair<string, object?>("subscription", "alerts"));
            }
            yield return alert;
        }
    }
}
