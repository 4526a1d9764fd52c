using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marten;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Tests.GraphQL.SchemaTests;
using TrialMonitor.Api.Tests.Support;
using TrialMonitor.Clinical.Course;
using static TrialMonitor.Api.Tests.Alerts.AlertScenario;
using static TrialMonitor.Api.Tests.GraphQL.SchemaTests.MutationTests;

namespace TrialMonitor.Api.Tests.Alerts;

/// <summary>
/// The alerts subscription, queries and acknowledgement through the GraphQL schema. Nothing sleeps:
/// "none repeated" is shown by raising one more alert and seeing that it is the next one pushed.
/// </summary>
public sealed class AlertSubscriptionTests(AppFixture app) : IntegrationTest(app)
{
    private const string AlertFields = "id cursor kind status subjectId site grade term cause { entryKey } acknowledgement { by comment }";

    private GraphQLOperations Graph { get; } = new(app);

    [Fact]
    public async Task Alerts_replays_the_stored_alerts_after_the_cursor_in_order_then_pushes_live_ones_with_their_cursors()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await Bus.Toxicity(patient, "TOX-1", 3);
        await Bus.Toxicity(patient, "TOX-2", 4);
        await Bus.Toxicity(patient, "TOX-3", 3);
        var stored = await App.Alerts();

        await using var alerts = await Subscribe(after: stored[0].Position.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var replayed = new[] { EntryKey(await Next(alerts)), EntryKey(await Next(alerts)) };
        Assert.Equal("TOX-2 TOX-3", string.Join(" ", replayed));

        await Bus.Toxicity(patient, "TOX-4", 3);
        var live = await Next(alerts);
        Assert.Equal("TOX-4", EntryKey(live));
        Assert.Equal((await App.Alerts())[^1].Position.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)live["cursor"]);
    }

    [Fact]
    public async Task A_monitor_reconnecting_with_its_last_cursor_receives_exactly_the_missed_alerts_in_order_then_live_ones()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        string lastCursor;
        await using (var first = await Subscribe())
        {
            await Bus.Toxicity(patient, "TOX-1", 3);
            await Bus.Toxicity(patient, "TOX-2", 3);
            Assert.Equal("TOX-1", EntryKey(await Next(first)));
            var second = await Next(first);
            Assert.Equal("TOX-2", EntryKey(second));
            lastCursor = (string)second["cursor"]!;
        }

        // Away: three alerts are raised (one of them acknowledged, which moves it in the feed).
        await Bus.Toxicity(patient, "TOX-3", 4);
        await Bus.Counts(patient, "CBC-1", neutrophils: 0.4m);
        await Bus.Dose(patient, "D-1", Day(2000, 6), DoseAction.Interrupted, 0, "Neutropenia");
        await App.Alerts();

        await using var resumed = await Subscribe(after: lastCursor);
        var missed = new List<JsonNode> { await Next(resumed), await Next(resumed), await Next(resumed) };
        Assert.Equal("TOX-3 CBC-1 D-1", string.Join(" ", missed.Select(EntryKey)));
        var cursors = missed.Select(m => long.Parse((string)m["cursor"]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(cursors.Order(), cursors);
        Assert.True(cursors[0] > long.Parse(lastCursor, System.Globalization.CultureInfo.InvariantCulture));

        await Bus.Toxicity(patient, "TOX-5", 3);
        Assert.Equal("TOX-5", EntryKey(await Next(resumed))); // the next push is the new alert: nothing was repeated
    }

    [Fact]
    public async Task Alerts_follow_the_filter_on_trial_site_kind_and_minimum_grade()
    {
        var trial = await Bus.Trial();
        var main = await Bus.EnrolledPatient(trial, "001", "MDACC");
        var away = await Bus.EnrolledPatient(trial, "002", "SITE-2");
        var elsewhere = await Bus.EnrolledPatient(await Bus.Trial(), "001", "MDACC");
        await using var alerts = await Subscribe(filter: $$"""{ trialId: "{{trial}}", site: "MDACC", kinds: [REPORTED_TOXICITY, DOSE_INTERRUPTED], minimumGrade: 4 }""");

        await Bus.Toxicity(main, "TOX-1", 3);
        await Bus.Toxicity(away, "TOX-1", 4);
        await Bus.Toxicity(elsewhere, "TOX-1", 4);
        await Bus.Counts(main, "CBC-1", neutrophils: 0.4m);
        await Bus.Toxicity(main, "TOX-2", 4);
        await Bus.Dose(main, "D-1", Day(2000, 6), DoseAction.Interrupted, 0, "Nausea");

        var first = await Next(alerts);
        Assert.Equal(("TOX-2", "001", "MDACC", 4), (EntryKey(first), (string?)first["subjectId"], (string?)first["site"], (int?)first["grade"]));
        var second = await Next(alerts);
        Assert.Equal(("D-1", "DOSE_INTERRUPTED"), (EntryKey(second), (string?)second["kind"]));
    }

    [Fact]
    public async Task Monitors_list_open_alerts_acknowledge_one_with_a_comment_and_find_it_acknowledged()
    {
        var trial = await Bus.Trial();
        var patient = await Bus.EnrolledPatient(trial);
        await Bus.Toxicity(patient, "TOX-1", 3);
        await Bus.Toxicity(patient, "TOX-2", 4);
        await App.Alerts();
        await using var changes = await Subscribe(after: (await App.Alerts())[^1].Position.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var open = Data(await Graph.ExecuteAsync($"query($t: ID!) {{ openAlerts(trialId: $t) {{ {AlertFields} }} }}", new { t = trial }))["openAlerts"]!.AsArray();
        Assert.Equal("TOX-1 TOX-2", string.Join(" ", open.Select(a => EntryKey(a!))));
        var alertId = (string)open[0]!["id"]!;

        // The acknowledging monitor is the token's user (an acknowledgedBy argument does not override it).
        var acknowledged = Data(await Graph.ExecuteAsync("""
            mutation($a: ID!) { acknowledgeAlert(alertId: $a, comment: " dose held, reviewed with PI ", acknowledgedBy: "someone.else") {
              alertId acknowledgedBy comment alert { id } } }
            """, new { a = alertId }, "Bearer " + App.Token("monitor.a", [Roles.SafetyMonitor])))["acknowledgeAlert"]!;
        Assert.Equal((alertId, "monitor.a", "dose held, reviewed with PI"),
            ((string?)acknowledged["alertId"], (string?)acknowledged["acknowledgedBy"], (string?)acknowledged["comment"]));

        // The acknowledgement is an event; the alert projection applies it and the feed pushes the change.
        var pushed = await Next(changes);
        Assert.Equal((alertId, "ACKNOWLEDGED", "monitor.a"), ((string?)pushed["id"], (string?)pushed["status"], (string?)pushed["acknowledgement"]!["by"]));
        var lists = Data(await Graph.ExecuteAsync($$"""
            query($t: ID!, $a: ID!) { openAlerts(trialId: $t) { id } acknowledgedAlerts(trialId: $t) { id acknowledgement { by comment at } }
              alert(id: $a) { status acknowledgement { comment } } }
            """, new { t = trial, a = alertId }));
        Assert.Equal(new[] { EntryKeyId(open[1]!) }, lists["openAlerts"]!.AsArray().Select(a => (string?)a!["id"]));
        Assert.Equal(alertId, (string?)Assert.Single(lists["acknowledgedAlerts"]!.AsArray())!["id"]);
        Assert.Equal("dose held, reviewed with PI", (string?)lists["alert"]!["acknowledgement"]!["comment"]);

        var again = await Graph.ExecuteAsync("""mutation($a: ID!) { acknowledgeAlert(alertId: $a, comment: "again") { alertId } }""", new { a = alertId },
            "Bearer " + App.Token("monitor.b", [Roles.SafetyMonitor]));
        var error = Assert.Single(Errors(again))!;
        Assert.Equal(("BAD_USER_INPUT", "alertId"), ((string?)error["extensions"]!["code"], (string?)error["extensions"]!["field"]));
        Assert.Contains("already acknowledged by monitor.a", (string?)error["extensions"]!["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_acknowledgement_without_a_token_and_a_malformed_cursor_are_refused()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await Bus.Toxicity(patient, "TOX-1", 3);
        var alert = (await App.Alerts())[0];

        var anonymous = await Graph.ExecuteAsync("""mutation($a: ID!) { acknowledgeAlert(alertId: $a, comment: "seen", acknowledgedBy: "x") { alertId } }""",
            new { a = alert.Id }, authorization: "Anonymous");
        var error = Assert.Single(Errors(anonymous))!;
        Assert.Equal("UNAUTHENTICATED", (string?)error["extensions"]!["code"]);
        Assert.Equal(0, await EventCount(alert.Id));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Subscribe(after: "-5"));
        Assert.Contains("BAD_USER_INPUT", refused.Message, StringComparison.Ordinal);
        Assert.Contains("after", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_writers_over_GraphQL_get_one_alert_per_qualifying_event_each_pushed_once()
    {
        const int writers = 6;
        const int entriesPerWriter = 10;
        var trial = await Bus.Trial();
        var patients = new List<Guid>();
        for (var i = 0; i < writers; i++) patients.Add(await Bus.EnrolledPatient(trial, $"G{i:00}"));
        await using var alerts = await Subscribe(filter: $$"""{ trialId: "{{trial}}" }""");

        using var http = App.Host.Server.CreateClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", App.Everyone());
        await Task.WhenAll(patients.Select(patient => Task.Run(async () =>
        {
            for (var n = 0; n < entriesPerWriter; n++)
            {
                // Grade 3 toxicities qualify; grade 1 ones do not.
                var grade = n % 2 == 0 ? 3 : 1;
                using var response = await http.PostAsJsonAsync("/graphql", new
                {
                    query = """
                        mutation($p: ID!, $k: String!, $g: Int!) { reportToxicity(patientId: $p, entryKey: $k,
                          toxicity: { onsetOn: "2000-05-01", term: "Nausea", grade: $g }) { version } }
                        """,
                    variables = new { p = patient, k = $"TOX-{n}", g = grade },
                });
                Data(JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
            }
        })));

        var expected = writers * entriesPerWriter / 2;
        var pushed = new List<JsonNode>();
        for (var i = 0; i < expected; i++) pushed.Add(await Next(alerts));
        Assert.Equal(expected, pushed.Select(a => (string?)a["id"]).Distinct().Count());
        var cursors = pushed.Select(a => long.Parse((string)a["cursor"]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(cursors.Order(), cursors);

        var stored = await App.Alerts();
        Assert.Equal(expected, stored.Count);
        await using var session = App.Store.QuerySession();
        var qualifying = (await session.Events.QueryAllRawEvents().Where(e => e.EventTypeName == "toxicity_reported").ToListAsync())
            .Where(e => ((dynamic)e.Data).Toxicity.Grade >= 3).Select(e => e.Id).ToList();
        Assert.Equal(qualifying.Order(), stored.Select(a => a.Cause.EventId).Order());

        await Bus.Toxicity(patients[0], "TOX-LAST", 4);
        Assert.Equal("TOX-LAST", EntryKey(await Next(alerts))); // nothing was pushed twice
    }

    private Task<GraphQLOperations.Subscription> Subscribe(string? after = null, string? filter = null)
    {
        var arguments = new List<string>();
        if (filter is not null) arguments.Add($"filter: {filter}");
        if (after is not null) arguments.Add($"after: \"{after}\"");
        var list = arguments.Count == 0 ? "" : $"({string.Join(", ", arguments)})";
        return Graph.SubscribeAsync($"subscription {{ alerts{list} {{ {AlertFields} }} }}");
    }

    private static async Task<JsonNode> Next(GraphQLOperations.Subscription subscription) =>
        Data(await subscription.NextAsync(DaemonTimeout))["alerts"]!;

    private static string? EntryKey(JsonNode alert) => (string?)alert["cause"]!["entryKey"];

    private static string? EntryKeyId(JsonNode alert) => (string?)alert["id"];
}
