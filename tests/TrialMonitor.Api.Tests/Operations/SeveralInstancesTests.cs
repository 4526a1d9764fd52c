using System.Text.Json;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Tests.Alerts;
using TrialMonitor.Api.Tests.GraphQL.Transport;
using TrialMonitor.Api.Tests.Support;
using Xunit.Abstractions;

namespace TrialMonitor.Api.Tests.Operations;

/// <summary>Three API processes on one database, as behind a load balancer: subscriptions, failover of the daemon, a graceful stop.</summary>
[Collection(SpawnedProcesses.Name)]
[Trait(Speed.Trait, Speed.Slow)]
public sealed class SeveralInstancesTests(ITestOutputHelper output)
{
    private static readonly string Everyone = "Bearer " + TestTokens.DevelopmentToken("test-user", Roles.All, TestTokens.AllTestSites);

    [Fact]
    public async Task Writes_through_one_reach_subscribers_of_the_others_alerts_survive_losing_the_daemon_and_a_stopped_instances_monitor_resumes_elsewhere()
    {
        var database = await ApiInstance.FreshDatabaseAsync("three");
        await using var writer = await ApiInstance.StartAsync(database); // creates the schema; the others find it
        var others = await Task.WhenAll(ApiInstance.StartAsync(database), ApiInstance.StartAsync(database));
        ApiInstance[] instances = [writer, .. others];
        try
        {
            var (trial, patient) = await writer.TrialWithPatientAsync();
            var monitors = new Dictionary<ApiInstance, WsTestClient>();
            foreach (var instance in instances)
            {
                monitors[instance] = await WsTestClient.ConnectAndInitAsync(instance.WebSocketUri, authorization: Everyone);
                await monitors[instance].SubscribeAsync("a", WireOperations.AlertsSubscription());
            }
            await using var chart = await WsTestClient.ConnectAndInitAsync(others[0].WebSocketUri, authorization: Everyone);
            await chart.SubscribeAsync("p", $$"""subscription { patientChanged(patientId: "{{patient}}") { version } }""");
            await using var cohort = await WsTestClient.ConnectAndInitAsync(others[1].WebSocketUri, authorization: Everyone);
            await cohort.SubscribeAsync("c", $$"""subscription { cohortChanged(trialId: "{{trial}}") { table1 { patients } } }""");

            // A subscription is live a moment after its subscribe message (there is no acknowledgement in the protocol):
            // follow-up contacts go in through the writer until the first push arrives.
            using (var writing = new CancellationTokenSource())
            {
                var contacts = WriteContactsAsync(writer, patient, writing.Token);
                var pushedChart = await NextDataAsync(chart, "p");
                var pushedCohort = await NextDataAsync(cohort, "c");
                await writing.CancelAsync();
                await contacts;
                Assert.True(pushedChart.GetProperty("patientChanged").GetProperty("version").GetInt32() >= 2);
                Assert.Equal(1, pushedCohort.GetProperty("cohortChanged").GetProperty("table1").GetProperty("patients").GetInt32());
            }

            await writer.ToxicityAsync(patient, "TOX-1");
            foreach (var instance in instances) Assert.Equal("TOX-1", (await monitors[instance].NextAlertAsync("a")).EntryKey());

            // The instance running the daemon dies: another takes the lock over and alerts keep coming.
            var daemon = instances.Single(i => i.RanTheAlertProjection);
            await daemon.KillAsync();
            var survivors = instances.Where(i => i != daemon).ToArray();
            await survivors[0].ToxicityAsync(patient, "TOX-2");
            JsonElement last = default;
            foreach (var survivor in survivors)
            {
                last = await monitors[survivor].NextAlertAsync("a");
                Assert.Equal("TOX-2", last.EntryKey());
            }

            // A graceful stop: the monitor is told 1001 (going away) and resumes on the other instance after its cursor.
            var (stopping, remaining) = (survivors[0], survivors[1]);
            var stopped = stopping.TerminateAsync(TimeSpan.FromSeconds(30));
            var (code, _) = await monitors[stopping].ReceiveCloseAsync();
            Assert.Equal(1001, code);
            await stopped;
            await remaining.ToxicityAsync(patient, "TOX-3");
            await using var resumed = await WsTestClient.ConnectAndInitAsync(remaining.WebSocketUri, authorization: Everyone);
            await resumed.SubscribeAsync("a", WireOperations.AlertsSubscription(after: last.GetProperty("cursor").GetString()));
            Assert.Equal("TOX-3", (await resumed.NextAlertAsync("a")).EntryKey());
            foreach (var monitor in monitors.Values) await monitor.DisposeAsync();
        }
        catch
        {
            foreach (var instance in instances) output.WriteLine($"--- {instance.BaseUri}\n{instance.Output}");
            throw;
        }
        finally
        {
            foreach (var other in others) await other.DisposeAsync();
        }
    }

    private static async Task WriteContactsAsync(ApiInstance writer, Guid patient, CancellationToken stop)
    {
        for (var contact = 1; !stop.IsCancellationRequested; contact++)
        {
            await writer.GraphQLAsync($$"""
                mutation { recordFollowUpContact(patientId: "{{patient}}", entryKey: "FU-{{contact}}", contactOn: "2000-06-01") { version } }
                """);
            await Task.Delay(200, CancellationToken.None);
        }
    }

    private static async Task<JsonElement> NextDataAsync(WsTestClient client, string id)
    {
        var message = await client.ReceiveAsync();
        Assert.True(message.GetProperty("type").GetString() == "next" && message.GetProperty("id").GetString() == id, $"Expected next for {id}: {message}");
        return message.GetProperty("payload").GetProperty("data").Clone();
    }
}
