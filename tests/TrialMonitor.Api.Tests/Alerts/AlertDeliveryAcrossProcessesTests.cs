using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Tests.GraphQL.Transport;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Alerts;

/// <summary>
/// The real API as child processes on a database of their own: killed between a commit and the
/// alert it causes, and two instances side by side. Nothing sleeps: the tests wait for the API's
/// start-up line, for socket messages, and for the database's alert notifications, each bounded.
/// </summary>
[Collection(SpawnedProcesses.Name)]
[Trait(Speed.Trait, Speed.Slow)]
public sealed class AlertDeliveryAcrossProcessesTests
{
    private static readonly string Monitor = "Bearer " + TestTokens.DevelopmentToken("monitor", [Roles.SafetyMonitor]);

    private static readonly TimeSpan DaemonTimeout = AlertScenario.DaemonTimeout;

    [Fact]
    public async Task An_alert_whose_cause_committed_just_before_the_process_died_is_raised_after_restart_and_delivered_once_to_the_resuming_monitor()
    {
        var database = await ApiInstance.FreshDatabaseAsync("killed");

        // A monitor has seen the first alert and keeps its cursor.
        Guid patient;
        string lastCursor;
        await using (var first = await ApiInstance.StartAsync(database))
        {
            (_, patient) = await first.TrialWithPatientAsync();
            await using var monitor = await WsTestClient.ConnectAndInitAsync(first.WebSocketUri, authorization: Monitor);
            await monitor.SubscribeAsync("a", WireOperations.AlertsSubscription());
            await first.ToxicityAsync(patient, "TOX-1");
            var seen = await monitor.NextAlertAsync("a");
            Assert.Equal("TOX-1", seen.EntryKey());
            lastCursor = seen.GetProperty("cursor").GetString()!;
            await first.KillAsync();
        }

        // The next cause commits on an instance that runs no daemon, and that instance is killed as
        // soon as the mutation has answered: the event is committed, its alert not yet raised.
        await using (var doomed = await ApiInstance.StartAsync(database, asyncDaemon: "Disabled"))
        {
            await doomed.ToxicityAsync(patient, "TOX-2");
            await doomed.KillAsync();
            Assert.False(doomed.RanTheAlertProjection);
        }
        Assert.Equal(1, await AlertDatabase.ScalarAsync(database,
            "select count(*) from trialmonitor.mt_events where type = 'toxicity_reported' and data->>'EntryKey' = 'TOX-2'"));
        Assert.Equal(1, await AlertDatabase.ScalarAsync(database, "select count(*) from trialmonitor.mt_doc_alert"));

        // A new instance on the same database raises it; the monitor resumes from its cursor.
        await using var restarted = await ApiInstance.StartAsync(database);
        await using var resumed = await WsTestClient.ConnectAndInitAsync(restarted.WebSocketUri, authorization: Monitor);
        await resumed.SubscribeAsync("b", WireOperations.AlertsSubscription(after: lastCursor));
        await AlertDatabase.WaitForAlertsAsync(database, 2, DaemonTimeout);
        Assert.Equal("TOX-2", (await resumed.NextAlertAsync("b")).EntryKey());

        await restarted.ToxicityAsync(patient, "TOX-3");
        Assert.Equal("TOX-3", (await resumed.NextAlertAsync("b")).EntryKey()); // nothing repeated before it
        Assert.Equal(3, await AlertDatabase.ScalarAsync(database,
            "select count(distinct data->'Cause'->>'EventId') from trialmonitor.mt_doc_alert"));
        Assert.Equal(3, await AlertDatabase.ScalarAsync(database, "select count(*) from trialmonitor.mt_doc_alert"));
    }

    [Fact]
    public async Task The_daemon_killed_while_it_raises_a_burst_of_alerts_leaves_each_acknowledged_cause_exactly_one_alert_after_restart()
    {
        const int Causes = 120;
        var database = await ApiInstance.FreshDatabaseAsync("burst");
        await using (var running = await ApiInstance.StartAsync(database))
        {
            var (_, patient) = await running.TrialWithPatientAsync();
            // The daemon raises alerts in batches while the burst commits; the process is killed (SIGKILL) as soon as
            // the last write has answered, with the daemon's batches in flight.
            for (var i = 0; i < Causes; i++) await running.ToxicityAsync(patient, $"TOX-{i}");
            await running.KillAsync();
            Assert.True(running.RanTheAlertProjection);
        }

        await using var restarted = await ApiInstance.StartAsync(database);
        await AlertDatabase.WaitForAlertsAsync(database, Causes, DaemonTimeout);
        await using var monitor = await WsTestClient.ConnectAndInitAsync(restarted.WebSocketUri, authorization: Monitor);
        await monitor.SubscribeAsync("a", WireOperations.AlertsSubscription());
        var delivered = new List<string?>();
        for (var i = 0; i < Causes; i++) delivered.Add((await monitor.NextAlertAsync("a")).EntryKey());

        Assert.Equal(Enumerable.Range(0, Causes).Select(i => $"TOX-{i}").Order(StringComparer.Ordinal), delivered.Order(StringComparer.Ordinal));
        Assert.Equal(Causes, await AlertDatabase.ScalarAsync(database, "select count(*) from trialmonitor.mt_doc_alert"));
        Assert.Equal(Causes, await AlertDatabase.ScalarAsync(database,
            "select count(distinct data->'Cause'->>'EventId') from trialmonitor.mt_doc_alert"));
    }

    [Fact]
    public async Task Two_instances_on_one_database_an_alert_written_through_one_reaches_a_monitor_on_the_other_once()
    {
        var database = await ApiInstance.FreshDatabaseAsync("nodes");
        await using var writer = await ApiInstance.StartAsync(database);
        await using var reader = await ApiInstance.StartAsync(database);

        await using var monitor = await WsTestClient.ConnectAndInitAsync(reader.WebSocketUri, authorization: Monitor);
        await monitor.SubscribeAsync("m", WireOperations.AlertsSubscription());
        var (_, patient) = await writer.TrialWithPatientAsync();
        await writer.ToxicityAsync(patient, "TOX-1");
        await AlertDatabase.WaitForAlertsAsync(database, 1, DaemonTimeout);
        var first = await monitor.NextAlertAsync("m");
        Assert.Equal("TOX-1", first.EntryKey());

        await writer.ToxicityAsync(patient, "TOX-2");
        var second = await monitor.NextAlertAsync("m");
        Assert.Equal("TOX-2", second.EntryKey()); // the first was not pushed twice
        Assert.True(long.Parse(second.GetProperty("cursor").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            > long.Parse(first.GetProperty("cursor").GetString()!, System.Globalization.CultureInfo.InvariantCulture));

        // One node at a time runs the daemon (HotCold): one of the two ran the alert projection, one alert per cause.
        Assert.True(writer.RanTheAlertProjection ^ reader.RanTheAlertProjection, "exactly one instance should run the alert projection");
        Assert.Equal(2, await AlertDatabase.ScalarAsync(database, "select count(*) from trialmonitor.mt_doc_alert"));
    }
}
