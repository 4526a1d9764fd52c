using System.Collections.Concurrent;
using System.Net;
using Npgsql;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Tests.GraphQL.Transport;
using TrialMonitor.Api.Tests.Alerts;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Operations;

/// <summary>
/// A real API process whose database connection runs through a relay the test cuts in the middle of a burst of
/// writes: what a client sees is UNAVAILABLE with HTTP 503 and Retry-After, and retrying with the same entry
/// key records each entry once; a subscription open across the cut lives on and misses no alert.
/// </summary>
[Collection(SpawnedProcesses.Name)]
[Trait(Speed.Trait, Speed.Slow)]
public sealed class DatabaseOutageTests
{
    private const int Writers = 8;
    private const int EntriesPerWriter = 12;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly string Monitor = "Bearer " + TestTokens.DevelopmentToken("monitor", [Roles.SafetyMonitor]);

    [Fact]
    public async Task Writes_in_flight_when_the_database_goes_away_answer_UNAVAILABLE_503_and_their_retries_append_each_entry_once()
    {
        var database = await ApiInstance.FreshDatabaseAsync("outage");
        var direct = new NpgsqlConnectionStringBuilder(database);
        await using var relay = new TcpRelay(direct.Host!, direct.Port);
        relay.Start();
        await using var api = await ApiInstance.StartAsync(
            new NpgsqlConnectionStringBuilder(database) { Host = "127.0.0.1", Port = relay.Port, Timeout = 3 }.ConnectionString);
        var (trial, _) = await api.TrialWithPatientAsync();
        var patients = new List<Guid>();
        for (var w = 0; w < Writers; w++) patients.Add(await EnrolAsync(api, trial, $"{100 + w}"));

        var unavailable = new ConcurrentBag<(TimeSpan? RetryAfter, string Message)>();
        var unexpected = new ConcurrentBag<string>();
        var written = new int[Writers];
        var burst = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < EntriesPerWriter; i++)
            {
                var deadline = DateTime.UtcNow + Patience;
                while (true)
                {
                    var (status, retryAfter, body) = await api.PostGraphQLAsync("""
                        mutation($p: ID!, $key: String!, $on: Date!) { recordFollowUpContact(patientId: $p, entryKey: $key, contactOn: $on) { version } }
                        """, new { p = patients[w], key = $"FU-{i}", on = new DateOnly(2000, 4, 1).AddDays(i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
                    if (status == HttpStatusCode.OK && body["errors"] is null) break;
                    if (status == HttpStatusCode.ServiceUnavailable && (string?)body["errors"]?[0]?["extensions"]?["code"] == "UNAVAILABLE")
                    {
                        unavailable.Add((retryAfter, (string)body["errors"]![0]!["message"]!));
                        Assert.True(DateTime.UtcNow < deadline, "the database did not come back");
                        await Task.Delay(retryAfter ?? TimeSpan.FromSeconds(1));
                        continue;
                    }
                    unexpected.Add($"{(int)status} {body.ToJsonString()}");
                    break;
                }
                Interlocked.Increment(ref written[w]);
            }
        })).ToList();

        // Cut once every writer is under way, and keep the database away long enough for requests to meet the cut.
        Assert.True(await Poll.UntilAsync(() => written.All(n => n >= 2), Patience), "the writers did not start");
        relay.Cut();
        var export = await api.GetTextAsync($"/cdisc/trials/{trial}/sdtm/dm.json");
        await Task.Delay(TimeSpan.FromSeconds(2));
        relay.Start();
        await Task.WhenAll(burst);

        // The REST doors say the same: 503, Retry-After, retry.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, export.Status);
        Assert.Equal(TimeSpan.FromSeconds(1), export.RetryAfter);
        Assert.Contains("retry", export.Body, StringComparison.Ordinal);
        Assert.Empty(unexpected);
        Assert.NotEmpty(unavailable);
        Assert.All(unavailable, u =>
        {
            Assert.Equal(TimeSpan.FromSeconds(1), u.RetryAfter);
            Assert.Contains("retry", u.Message, StringComparison.Ordinal);
        });
        // Each writer's 12 entries, once each, whatever attempt committed them.
        foreach (var patient in patients)
        {
            Assert.Equal((long)EntriesPerWriter, await AlertDatabase.ScalarAsync(database,
                $"select count(*) from trialmonitor.mt_events where stream_id = '{patient}' and type = 'follow_up_contact_recorded'"));
            Assert.Equal((long)EntriesPerWriter, await AlertDatabase.ScalarAsync(database,
                $"select count(distinct data->>'EntryKey') from trialmonitor.mt_events where stream_id = '{patient}' and type = 'follow_up_contact_recorded'"));
        }
        // The API is healthy again.
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/health/ready")).Status);
    }

    [Fact]
    public async Task A_monitor_subscribed_across_an_outage_keeps_the_subscription_and_gets_each_alert_once_and_a_new_subscriber_is_told_UNAVAILABLE()
    {
        var database = await ApiInstance.FreshDatabaseAsync("outage_alerts");
        var direct = new NpgsqlConnectionStringBuilder(database);
        await using var relay = new TcpRelay(direct.Host!, direct.Port);
        relay.Start();
        await using var api = await ApiInstance.StartAsync(
            new NpgsqlConnectionStringBuilder(database) { Host = "127.0.0.1", Port = relay.Port, Timeout = 3 }.ConnectionString);
        var (_, patient) = await api.TrialWithPatientAsync();
        await using var monitor = await WsTestClient.ConnectAndInitAsync(api.WebSocketUri, authorization: Monitor);
        await monitor.SubscribeAsync("a", WireOperations.AlertsSubscription());
        await api.ToxicityAsync(patient, "TOX-0");
        Assert.Equal("TOX-0", (await monitor.NextAlertAsync("a")).EntryKey());

        relay.Cut();
        // A subscription started while the database is away: its stored alerts cannot be read, and the client is told to retry.
        await using var latecomer = await WsTestClient.ConnectAndInitAsync(api.WebSocketUri, authorization: Monitor);
        await latecomer.SubscribeAsync("b", WireOperations.AlertsSubscription());
        var refused = await latecomer.ReceiveAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        relay.Start();

        Assert.Equal("error", refused.GetProperty("type").GetString());
        Assert.Equal("UNAVAILABLE", refused.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
        for (var i = 1; i <= 3; i++) await RetriedUntilCommittedAsync(api, patient, $"TOX-{i}");
        var delivered = new List<string?>();
        for (var i = 1; i <= 3; i++) delivered.Add((await monitor.NextAlertAsync("a")).EntryKey());
        Assert.Equal(["TOX-1", "TOX-2", "TOX-3"], delivered.Order(StringComparer.Ordinal));
        Assert.Equal(4L, await AlertDatabase.ScalarAsync(database, "select count(*) from trialmonitor.mt_doc_alert"));
    }

    /// <summary>A grade 3 toxicity, sent again after each UNAVAILABLE (the pool meets the cut connections first).</summary>
    private static async Task RetriedUntilCommittedAsync(ApiInstance api, Guid patient, string entryKey)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var (status, retryAfter, body) = await api.PostGraphQLAsync("""
                mutation($p: ID!, $key: String!) { reportToxicity(patientId: $p, entryKey: $key, toxicity: { onsetOn: "2000-05-01", term: "Nausea", grade: 3 }) { version } }
                """, new { p = patient, key = entryKey });
            if (status == HttpStatusCode.OK && body["errors"] is null) return;
            Assert.True(status == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline, $"{(int)status} {body.ToJsonString()}");
            await Task.Delay(retryAfter ?? TimeSpan.FromSeconds(1));
        }
    }

    private static async Task<Guid> EnrolAsync(ApiInstance api, Guid trial, string subjectId)
    {
        var patient = Guid.NewGuid();
        await api.GraphQLAsync($$"""
            mutation { enrolPatient(patientId: "{{patient}}", trialId: "{{trial}}", enrolledOn: "2000-03-01",
              baseline: { subjectId: "{{subjectId}}", site: "MDACC", ageAtEnrolment: 58, sex: FEMALE, diagnosedOn: "1997-06-01", ecog: 0,
                          spleenCmBelowCostalMargin: 0, hepatomegaly: false, clonalEvolution: false, diseaseGroupAtStandardDose: CYTOGENETIC_RESISTANCE })
              { version } }
            """);
        return patient;
    }
}
