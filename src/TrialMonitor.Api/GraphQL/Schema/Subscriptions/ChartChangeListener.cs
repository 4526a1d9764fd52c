using Npgsql;
using TrialMonitor.Api.Infrastructure;

namespace TrialMonitor.Api.GraphQL.Schema.Subscriptions;

/// <summary>
/// One per instance: LISTENs on <see cref="ChartChangePublisher.Channel"/> and publishes each chart or
/// trial change committed through another instance to this instance's <see cref="ChartChanges"/>.
/// The subscriptions push the current chart or views, so a change missed while reconnecting is made
/// good by the next one.
/// </summary>
public sealed class ChartChangeListener(ChartChanges changes, IConfiguration configuration, ILogger<ChartChangeListener> logger)
    : ChannelListener(ChartChangePublisher.Channel, configuration, logger)
{
    protected override void OnNotification(string payload)
    {
        if (ChartChangePublisher.ParseFromAnotherInstance(payload) is { } change) changes.Publish(change);
    }

    protected override async Task ListeningAsync(NpgsqlConnection connection, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
    }
}
