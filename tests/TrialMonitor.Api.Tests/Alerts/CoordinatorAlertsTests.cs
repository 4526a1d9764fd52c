using TrialMonitor.Api.Alerts;
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
    public async Task The_alert_feed_a_coordinators_subscription_reads_holds_their_sites_alerts_only()
    {
        var trial = await Bus.Trial();
        var ours = await Bus.EnrolledPatient(trial, "001", "MDACC");
        var theirs = await Bus.EnrolledPatient(trial, "002", "SITE-2");
        await Bus.Toxicity(ours, "TOX-1", 3);
        await Bus.Toxicity(theirs, "TOX-1", 3);
        var all = await App.Alerts();
        var mdacc = new AlertFilter(TrialId: trial, ReadableSites: ["MDACC"]);

        await using var session = App.Store.QuerySession();
        var feed = await AlertFeed.AfterAsync(session, 0, mdacc);

        Assert.Equal(2, all.Count);
        Assert.Equal([ours], feed.Select(a => a.PatientId));
        Assert.Equal([ours], all.Where(mdacc.Matches).Select(a => a.PatientId)); // the live alerts pass the same filter
    }
}
