using Npgsql;

namespace TrialMonitor.Api.Infrastructure;

/// <summary>
/// Keeps a dedicated connection LISTENing on one PostgreSQL channel for as long as the host runs. The listener must
/// outlive any database failure: it logs, waits (250 ms, doubling up to 30 s) and reconnects; what a subclass needs to
/// make good after a gap it does in <see cref="ListeningAsync"/>, which runs anew on every connection.
/// </summary>
public abstract partial class ChannelListener(string channel, IConfiguration configuration, ILogger logger) : BackgroundService
{
    private static readonly TimeSpan FirstReconnectDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(30);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reconnectDelay = FirstReconnectDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(EventStore.ConnectionString(configuration));
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, notification) => OnNotification(notification.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                reconnectDelay = FirstReconnectDelay;
                await ListeningAsync(connection, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                OnDisconnected();
                return;
            }
#pragma warning disable CA1031 // See the class: log, wait, reconnect.
            catch (Exception e)
#pragma warning restore CA1031
            {
                OnDisconnected();
                LogReconnecting(logger, e, GetType().Name, reconnectDelay);
                await Task.Delay(reconnectDelay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                reconnectDelay = TimeSpan.FromTicks(Math.Min(reconnectDelay.Ticks * 2, MaxReconnectDelay.Ticks));
            }
        }
    }

    /// <summary>Runs once the connection listens, until the host stops: waits on it (<c>connection.WaitAsync</c>) for notifications.</summary>
    protected abstract Task ListeningAsync(NpgsqlConnection connection, CancellationToken stoppingToken);

    /// <summary>A notification on the channel, raised while <see cref="ListeningAsync"/> waits.</summary>
    protected virtual void OnNotification(string payload)
    {
    }

    /// <summary>The connection is lost, or the host stops.</summary>
    protected virtual void OnDisconnected()
    {
    }

    [LoggerMessage(LogLevel.Warning, "{Listener} lost its connection; reconnecting in {Delay}")]
    private static partial void LogReconnecting(ILogger logger, Exception exception, string listener, TimeSpan delay);
}
