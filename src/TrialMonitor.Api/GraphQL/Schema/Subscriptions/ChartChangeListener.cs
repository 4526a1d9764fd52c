using Npgsql;
using TrialMonitor.Api.Infrastructure;

namespace TrialMonitor.Api.GraphQL.Schema.Subscriptions;

/// <summary>
/// One per instance: LISTENs on <see cref="ChartChangePublisher.Channel"/> and publishes each chart or
/// trial change committed through another instance to this instance's <see cref="ChartChanges"/>.
/// The subscriptions push the current chart or views, so a change missed while reconnecting is made
/// good by the next one.
/// </summary>
public sealed partial class ChartChangeListener(ChartChanges changes, IConfiguration configuration, ILogger<ChartChangeListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reconnectDelay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(EventStore.ConnectionString(configuration));
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, notification) =>
                {
                    if (ChartChangePublisher.ParseFromAnotherInstance(notification.Payload) is { } change) changes.Publish(change);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {ChartChangePublisher.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                reconnectDelay = TimeSpan.FromMilliseconds(250);
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The listener must outlive any database failure: log, wait, reconnect.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogReconnecting(e, reconnectDelay);
                await Task.Delay(reconnectDelay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                reconnectDelay = TimeSpan.FromTicks(Math.Min(reconnectDelay.Ticks * 2, MaxReconnectDelay.Ticks));
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Chart change listener lost its connection; reconnecting in {Delay}")]
    private partial void LogReconnecting(Exception exception, TimeSpan delay);
}
