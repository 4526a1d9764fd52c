using Marten;
using Npgsql;
using TrialMonitor.Api.Infrastructure;

namespace TrialMonitor.Api.Alerts.Listening;

/// <summary>
/// One per instance: keeps a dedicated connection listening on <see cref="AlertProjection.Channel"/>
/// and on each notification publishes every alert change after the last position it saw to the
/// <see cref="AlertHub"/>. On (re)connecting it first catches up from that position, so nothing
/// committed while it was disconnected is skipped; notifications only say "look now".
/// </summary>
public sealed partial class AlertListener(
    IDocumentStore store, AlertHub hub, AlertListenerState state, IConfiguration configuration, ILogger<AlertListener> logger)
    : ChannelListener(AlertProjection.Channel, configuration, logger)
{
    // Also looks without a notification now and then, should one ever be dropped.
    private static readonly TimeSpan SafetyPoll = TimeSpan.FromSeconds(30);

    private readonly ILogger _logger = logger;
    private long cursor = -1;
    private Guid? lastPublished;

    protected override async Task ListeningAsync(NpgsqlConnection connection, CancellationToken stoppingToken)
    {
        if (cursor < 0)
        {
            // A new instance publishes what is raised from now on; earlier alerts are in the feed.
            await using var session = store.QuerySession();
            cursor = await AlertFeed.LatestPositionAsync(session, stoppingToken);
        }
        LogListening(_logger, cursor);
        state.Set(true);

        await PublishChangesAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            await connection.WaitAsync(SafetyPoll, stoppingToken);
            await PublishChangesAsync(stoppingToken);
        }
    }

    protected override void OnDisconnected() => state.Set(false);

    private async Task PublishChangesAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        if (await AlertFeed.LatestPositionAsync(session, ct) < cursor
            || (lastPublished is { } id && await session.LoadAsync<Alert>(id, ct) is null))
        {
            // The feed went backwards or lost the alert published last: its data was reset (the
            // event sequence starts again, so new positions may already be past the cursor), or it
            // is being rebuilt (same positions again). Replay it from the start; subscribers skip
            // positions they have seen.
            cursor = 0;
        }

        while (true)
        {
            var page = await AlertFeed.AfterAsync(session, cursor, cancellation: ct);
            foreach (var alert in page)
            {
                hub.Publish(alert);
                cursor = alert.Position;
                lastPublished = alert.Id;
            }

            if (page.Count < AlertFeed.DefaultPageSize) return;
        }
    }

    [LoggerMessage(LogLevel.Information, "Listening for alerts after feed position {Cursor}")]
    private static partial void LogListening(ILogger logger, long cursor);
}
