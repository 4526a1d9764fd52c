using System.Text.Json.Nodes;
using Alba;
using JasperFx.Events;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.DemoCohort;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Tests.Support;
using TrialMonitor.DemoCohort;

namespace TrialMonitor.Api.Tests.Auth;

/// <summary>Every event appended through the write path records who, in which role, from where, why, and the request's correlation id.</summary>
public sealed class EventMetadataTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task A_console_entry_records_the_coordinator_the_console_and_the_incoming_correlation_id()
    {
        var scenario = await AccessScenario.CreateAsync(App);
        var before = await Events(scenario.Patient);

        var result = await Post("""mutation($p: ID!) { recordFollowUpContact(patientId: $p, entryKey: "FU-1", contactOn: "2000-06-01") { version } }""",
            new { p = scenario.Patient }, "alice", console: true, correlationId: "req-42");

        var appended = Assert.Single((await Events(scenario.Patient)).Skip(before.Count));
        Assert.Equal(("alice", "coordinator", "console"), Who(appended));
        Assert.Null(appended.GetHeader(EventMetadata.Reason));
        Assert.Equal("req-42", appended.CorrelationId);
        Assert.Equal("req-42", result.Context.Response.Headers["X-Correlation-Id"].ToString());
    }

    [Fact]
    public async Task A_correction_records_its_reason_on_the_new_entry_and_on_the_void_under_one_correlation_id()
    {
        var scenario = await AccessScenario.CreateAsync(App);
        var before = await Events(scenario.Patient);

        await Post("""
            mutation($p: ID!) { recordBloodCount(patientId: $p, entryKey: "CBC-1b", count: { collectedOn: "2000-06-01", wbc: 5.2 },
              correction: { supersedesEntryKey: "CBC-1", reason: "transcription error" }) { version } }
            """, new { p = scenario.Patient }, "bob", console: false, correlationId: null);

        var appended = (await Events(scenario.Patient)).Skip(before.Count).ToList();
        Assert.Equal(2, appended.Count);
        Assert.Contains(appended, e => e.EventTypeName == "entry_voided");
        Assert.All(appended, e =>
        {
            Assert.Equal(("bob", "coordinator", "api"), Who(e));
            Assert.Equal("transcription error", e.GetHeader(EventMetadata.Reason)?.ToString());
        });
        Assert.Single(appended.Select(e => e.CorrelationId).Distinct());
        Assert.True(Guid.TryParse(appended[0].CorrelationId, out _), "a request without X-Correlation-Id gets a new one");
    }

    [Fact]
    public async Task Voiding_records_the_reason_given()
    {
        var scenario = await AccessScenario.CreateAsync(App);
        var before = await Events(scenario.Patient);

        await Post("""mutation($p: ID!) { voidEntry(patientId: $p, entryKey: "CBC-1", reason: "wrong patient") { version } }""",
            new { p = scenario.Patient }, "carol", console: true, correlationId: null);

        var voided = Assert.Single((await Events(scenario.Patient)).Skip(before.Count));
        Assert.Equal("entry_voided", voided.EventTypeName);
        Assert.Equal(("carol", "coordinator", "console"), Who(voided));
        Assert.Equal("wrong patient", voided.GetHeader(EventMetadata.Reason)?.ToString());
    }

    [Fact]
    public async Task An_admin_registering_a_trial_is_recorded_as_admin()
    {
        var trialId = Guid.NewGuid();
        var result = await App.Host.Scenario(s =>
        {
            s.Post.Json(new
            {
                query = """mutation($t: ID!) { registerTrial(trialId: $t, code: "T", title: "T", sites: ["MDACC"], settings: { criteriaSet: "MDACC-2003" }) { id } }""",
                variables = new { t = trialId },
            }).ToUrl("/graphql");
            s.WithRequestHeader("Authorization", "Bearer " + App.Token("dana", [Roles.Admin]));
        });
        Assert.Null(JsonNode.Parse(await result.ReadAsTextAsync())!["errors"]);

        Assert.Equal(("dana", "admin", "api"), Who(Assert.Single(await Events(trialId))));
    }

    [Fact]
    public async Task The_demo_cohort_loader_writes_as_an_import_and_internal_commands_as_system()
    {
        var course = Kantarjian2003.Courses[0];
        await DemoCohortLoader.LoadAsync(() => Bus, App.Store, DemoCohortSeeding.PaperTrial, [course]);

        var imported = await Events(DemoCohortLoader.PatientId(DemoCohortSeeding.TrialId, course.Baseline.SubjectId));
        Assert.NotEmpty(imported);
        Assert.All(imported, e => Assert.Equal(("demo-cohort-loader", "system", "import"), Who(e)));
        Assert.Single(imported.Select(e => e.CorrelationId).Distinct());

        var internalTrial = await Bus.Trial();
        Assert.Equal(("system", "system", "system"), Who(Assert.Single(await Events(internalTrial))));
    }

    private static (string?, string?, string?) Who(IEvent e) =>
        (e.GetHeader(EventMetadata.User)?.ToString(), e.GetHeader(EventMetadata.Role)?.ToString(), e.GetHeader(EventMetadata.Source)?.ToString());

    private async Task<IReadOnlyList<IEvent>> Events(Guid stream)
    {
        await using var session = App.Store.QuerySession();
        return await session.Events.FetchStreamAsync(stream);
    }

    private async Task<IScenarioResult> Post(string query, object variables, string user, bool console, string? correlationId)
    {
        var result = await App.Host.Scenario(s =>
        {
            s.Post.Json(new { query, variables }).ToUrl("/graphql");
            s.WithRequestHeader("Authorization", "Bearer " + App.Token(user, [Roles.Coordinator], [AccessScenario.Site]));
            if (console) s.WithRequestHeader("X-TrialMonitor-Source", "console");
            if (correlationId is not null) s.WithRequestHeader("X-Correlation-Id", correlationId);
        });
        var body = JsonNode.Parse(await result.ReadAsTextAsync())!;
        Assert.True(body["errors"] is null, body.ToJsonString());
        return result;
    }
}
