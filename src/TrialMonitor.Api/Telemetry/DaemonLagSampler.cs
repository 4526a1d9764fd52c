using Npgsql;
using TrialMonitor.Api.Health;
using TrialMonitor.Api.Infrastructure;

namespace TrialMonitor.Api.Telemetry;

/// <summary>Reads the alert projection's lag every few seconds for the trialmonitor.daemon.lag gauge (gauges are read synchronously).</summary>
internal sealed partial class DaemonLagSampler(IConfiguration configuration, ILogger<DaemonLagSampler> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private long lag = -1;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        TrialMonitorMetrics.ObserveDaemonLag(() => Interlocked.Read(ref lag) is >= 0 and var events ? events : null);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                await SampleAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task SampleAsync(CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(EventStore.ConnectionString(configuration));
            await connection.OpenAsync(ct);
            Interlocked.Exchange(ref lag, await Readiness.AlertLagAsync(connection, ct) ?? -1);
        }
        catch (NpgsqlException e)
        {
            Interlocked.Exchange(ref lag, -1);
            LogUnavailable(e);
        }
    }

    [LoggerMessage(LogLevel.Debug, "Daemon lag not sampled: the database is unavailable")]
    private partial void LogUnavailable(Exception exception);
}
