using TrialMonitor.Api.Auth;
using TrialMonitor.Api.GraphQL.Transport;
using TrialMonitor.Api.Tests.Auth;
using TrialMonitor.Api.Tests.GraphQL.SchemaTests;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Alerts;

/// <summary>Coordinators read the alerts of their own sites' patients, as they read the cohort views; no other site's.</summary>
public sealed class CoordinatorAlertsTests(AppFixture app) : IntegrationTest(app)
{
    private GraphQLOperations Graph { get; } = new(app);

    [Fact]
    public async Task A_coordinator_reads_the_alerts_of_their_sites_patients_and_is_refused_another_sites()
    {
        var trial = await Bus.Trial();
        var ours = await Bus.EnrolledPatient(trial, "001", "MDACC");
        var theirs = await Bus.EnrolledPatient(trial, "002", "SITE-2");
        await Bus.Toxicity(ours, "TOX-1", 3);
        await Bus.Toxicity(theirs, "TOX-1", 3);
        var ourAlert = Assert.Single(await App.AlertsOf(ours));
        var theirAlert = Assert.Single(await App.AlertsOf(theirs));
        var coordinator = AccessScenario.Authorization(App, Roles.Coordinator, "MDACC");

        var open = await Graph.ExecuteAsync("query($t: ID!) { openAlerts(trialId: $t) { id site } }", new { t = trial }, coordinator);
        var own = await Graph.ExecuteAsync("query($a: ID!) { alert(id: $a) { id } }", new { a = ourAlert.Id }, coordinator);
        var other = await Graph.ExecuteAsync("query($a: ID!) { alert(id: $a) { id } }", new { a = theirAlert.Id }, coordinator);
        var monitor = await Graph.ExecuteAsync("query($t: ID!) { openAlerts(trialId: $t) { id } }", new { t = trial },
            AccessScenario.Authorization(App, Roles.SafetyMonitor));

        Assert.Equal([ourAlert.Id.ToString()], open["data"]!["openAlerts"]!.AsArray().Select(a => (string?)a!["id"]));
        Assert.Equal(ourAlert.Id.ToString(), (string?)own["data"]!["alert"]!["id"]);
        Assert.Equal([GraphQLErrorCodes.Forbidden], AccessScenario.Codes(other));
        Assert.Contains("SITE-2", (string)other["errors"]![0]!["message"]!, StringComparison.Ordinal);
        Assert.Equal(2, monitor["data"]!["openAlerts"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_coordinators_alerts_subscription_replays_and_pushes_their_sites_alerts_only()
    {
        var trial = await Bus.Trial();
        var ours = await Bus.EnrolledPatient(trial, "001", "MDACC");
        var theirs = await Bus.EnrolledPatient(trial, "002", "SITE-2");
        await Bus.Toxicity(theirs, "TOX-1", 3);
        await Bus.Toxicity(ours, "TOX-1", 3);
        Assert.Equal(2, (await App.Alerts()).Count(a => a.TrialId == trial));
        var coordinator = TestTokens.Principal("coordinator-mdacc", [Roles.Coordinator], ["MDACC"]);
        const string Subscription = "subscription($t: ID!) { alerts(filter: { trialId: $t }) { subjectId site cause { entryKey } } }";

        await using var alerts = await Graph.SubscribeAsync(Subscription, new { t = trial }, coordinator);
        // Replayed from the stored feed: MDACC's alert, not SITE-2's raised before it.
        var replayed = (await alerts.NextAsync(AlertScenario.DaemonTimeout))["data"]!["alerts"]!;
        Assert.Equal(("001", "MDACC", "TOX-1"), ((string?)replayed["subjectId"], (string?)replayed["site"], (string?)replayed["cause"]!["entryKey"]));
        // Live: SITE-2's new alert is committed first, then MDACC's; the coordinator is pushed MDACC's only.
        await Bus.Toxicity(theirs, "TOX-2", 4);
        await Bus.Toxicity(ours, "TOX-2", 4);
        var live = (await alerts.NextAsync(AlertScenario.DaemonTimeout))["data"]!["alerts"]!;
        Assert.Equal(("001", "MDACC", "TOX-2"), ((string?)live["subjectId"], (string?)live["site"], (string?)live["cause"]!["entryKey"]));
        // A safety monitor's subscription to the same trial receives all four.
        await using var monitor = await Graph.SubscribeAsync(Subscription, new { t = trial }, TestTokens.Principal("monitor", [Roles.SafetyMonitor]));
        var seen = new List<string?>();
        for (var i = 0; i < 4; i++) seen.Add((string?)(await monitor.NextAsync(AlertScenario.DaemonTimeout))["data"]!["alerts"]!["site"]);
        Assert.Equal(["MDACC", "MDACC", "SITE-2", "SITE-2"], seen.Order(StringComparer.Ordinal));
    }
}
