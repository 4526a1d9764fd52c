using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using TrialMonitor.Api.Tests.Alerts;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Operations;

/// <summary>The health endpoints of a real API process whose database connection runs through a relay the test can cut.</summary>
[Collection(SpawnedProcesses.Name)]
[Trait(Speed.Trait, Speed.Slow)]
public sealed class HealthTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Readiness_turns_503_when_the_database_goes_away_and_back_to_200_when_it_returns_while_liveness_stays_200()
    {
        var database = new NpgsqlConnectionStringBuilder(await ApiInstance.FreshDatabaseAsync("health"));
        await using var relay = new TcpRelay(database.Host!, database.Port);
        relay.Start();
        await using var api = await ApiInstance.StartAsync(
            new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = relay.Port, Timeout = 3 }.ConnectionString);

        var ready = await WaitForAsync(api, HttpStatusCode.OK);
        Assert.Equal("ready", (string?)ready["status"]);
        Assert.True((bool)ready["checks"]!["schema"]!["ok"]!);
        Assert.True((bool)ready["checks"]!["daemon"]!["ok"]!);
        Assert.Equal(0, (long)ready["checks"]!["daemon"]!["lagEvents"]!);
        Assert.True((bool)ready["checks"]!["alertListener"]!["ok"]!);

        relay.Cut();
        var notReady = await WaitForAsync(api, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("not ready", (string?)notReady["status"]);
        Assert.False((bool)notReady["checks"]!["database"]!["ok"]!);
        var (liveStatus, live) = await api.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, liveStatus);
        Assert.Equal("live", (string?)live!["status"]);

        relay.Start();
        var back = await WaitForAsync(api, HttpStatusCode.OK);
        Assert.True((bool)back["checks"]!["database"]!["ok"]!);
        Assert.True((bool)back["checks"]!["alertListener"]!["ok"]!); // reconnected
    }

    // Readiness changes on its own (daemon start-up, listener reconnecting): asks until it answers as expected, bounded.
    private static async Task<JsonNode> WaitForAsync(ApiInstance api, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var (status, body) = await api.GetAsync("/health/ready");
            if (status == expected) return body!;
            Assert.True(DateTime.UtcNow < deadline, $"/health/ready still answers {(int)status} after {Patience}: {body?.ToJsonString()}");
            await Task.Delay(250);
        }
    }
}
