using Npgsql;
using TrialMonitor.Api.Alerts;
using TrialMonitor.Api.Alerts.Listening;
using TrialMonitor.Api.Infrastructure;

namespace TrialMonitor.Api.Health;

/// <summary>
/// Whether this instance can serve: the database answers, the event store's schema is there, some
/// instance runs the async daemon (alerts are being raised) and this instance's alert listener
/// is connected. The daemon's lag (events appended that the alert projection has not read) is reported.
/// </summary>
public sealed class Readiness(AlertListenerState listener, IConfiguration configuration)
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public async Task<ReadinessReport> CheckAsync(CancellationToken cancellation)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            await using var connection = new NpgsqlConnection(EventStore.ConnectionString(configuration));
            await connection.OpenAsync(timeout.Token);
            var schemaApplied = await SchemaAppliedAsync(connection, timeout.Token);
            var heartbeatAge = schemaApplied ? await DaemonHeartbeatAgeAsync(connection, timeout.Token) : null;
            var lag = schemaApplied ? await AlertLagAsync(connection, timeout.Token) : null;
            return new ReadinessReport(
                Database: Check.Passed("reachable"),
                Schema: schemaApplied ? Check.Passed("applied") : Check.Failed("the event store's tables are missing"),
                Daemon: DaemonCheck.From(heartbeatAge, lag),
                AlertListener: Listener());
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException && !cancellation.IsCancellationRequested)
        {
            var unreachable = Check.Failed("unreachable: " + e.Message);
            return new ReadinessReport(unreachable, Check.Failed("unknown: the database is unreachable"),
                new DaemonCheck(false, "unknown: the database is unreachable", null), Listener());
        }
    }

    private Check Listener() => listener.Connected ? Check.Passed("connected") : Check.Failed("not connected");

    private static async Task<bool> SchemaAppliedAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "select count(*) from pg_tables where schemaname = @schema and tablename in ('mt_events', 'mt_event_progression')", connection);
        command.Parameters.AddWithValue("schema", EventStore.Schema);
        return (long)(await command.ExecuteScalarAsync(ct))! == 2;
    }

    // The daemon's high-water agent, running only where the daemon runs, rewrites its progress rows every
    // second or so even when nothing is appended: their age says whether a daemon runs anywhere.
    private static async Task<double?> DaemonHeartbeatAgeAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            select extract(epoch from now() - max(last_updated))::float8
            from {EventStore.Schema}.mt_event_progression where name like 'HighWater%'
            """, connection);
        return await command.ExecuteScalarAsync(ct) as double?;
    }

    internal static async Task<long?> AlertLagAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            select (select coalesce(max(seq_id), 0) from {EventStore.Schema}.mt_events)
                 - coalesce((select last_seq_id from {EventStore.Schema}.mt_event_progression where name = @shard), 0)
            """, connection);
        command.Parameters.AddWithValue("shard", AlertProjection.Name + ":All");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}

/// <summary>One readiness condition: passed or not, and what was found.</summary>
public sealed record Check(bool Ok, string Detail)
{
    public static Check Passed(string detail) => new(true, detail);

    public static Check Failed(string detail) => new(false, detail);
}

/// <summary>Whether an instance runs the async daemon, and how many events the alert projection has still to read.</summary>
public sealed record DaemonCheck(bool Ok, string Detail, long? LagEvents)
{
    // A takeover after the daemon's instance dies takes a second or two (EventStore's LeadershipPollingTime).
    private static readonly TimeSpan HeartbeatLimit = TimeSpan.FromSeconds(10);

    public static DaemonCheck From(double? heartbeatAgeSeconds, long? lagEvents) => heartbeatAgeSeconds switch
    {
        null => new(false, "no instance has run the async daemon yet", lagEvents),
        var age when age > HeartbeatLimit.TotalSeconds =>
            new(false, $"no instance runs the async daemon (last heartbeat {age:0} s ago)", lagEvents),
        _ => new(true, "running on an instance", lagEvents),
    };
}

public sealed record ReadinessReport(Check Database, Check Schema, DaemonCheck Daemon, Check AlertListener)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Ready => Database.Ok && Schema.Ok && Daemon.Ok && AlertListener.Ok;
}
