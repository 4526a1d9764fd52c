using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQL.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.GraphQL.Transport;
using TrialMonitor.Api.Tests.GraphQL.SchemaTests;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Auth;

/// <summary>
/// A coordinator of SITE-2 and the scenario's patient at MDACC: one patient's chart, its changes and every
/// write are refused naming the site (nothing appended); lists and cohort views leave MDACC's patients out.
/// </summary>
public sealed class SiteScopingTests(AppFixture app) : IntegrationTest(app)
{
    private GraphQLOperations Graph { get; } = new(app);

    private string OtherSiteCoordinator => AccessScenario.Authorization(App, Roles.Coordinator, AccessScenario.OtherSite);

    public static TheoryData<string> Writes =>
    [
        """mutation($p: ID!) { recordBloodCount(patientId: $p, entryKey: "X-1", count: { collectedOn: "2000-06-01", wbc: 5.2 }) { version } }""",
        """mutation($p: ID!) { reportToxicity(patientId: $p, entryKey: "X-2", toxicity: { onsetOn: "2000-06-01", term: "Nausea", grade: 1 }) { version } }""",
        """mutation($p: ID!) { recordFollowUpContact(patientId: $p, entryKey: "X-3", contactOn: "2000-06-01") { version } }""",
        """mutation($p: ID!) { voidEntry(patientId: $p, entryKey: "CBC-1", reason: "entered in error") { version } }""",
        """
        mutation($p: ID!) { recordBloodCount(patientId: $p, entryKey: "CBC-1b", count: { collectedOn: "2000-06-01", wbc: 5.2 },
          correction: { supersedesEntryKey: "CBC-1", reason: "transcription error" }) { version } }
        """,
    ];

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_write_to_another_sites_patient_is_refused_naming_the_site_and_appends_nothing(string mutation)
    {
        var scenario = await AccessScenario.CreateAsync(App);
        var before = await AccessScenario.EventCount(App);

        var response = await Graph.ExecuteAsync(mutation, new { p = scenario.Patient }, OtherSiteCoordinator);

        Assert.Equal([GraphQLErrorCodes.Forbidden], AccessScenario.Codes(response));
        Assert.Contains("site MDACC", (string)response["errors"]![0]!["message"]!, StringComparison.Ordinal);
        Assert.Contains("SITE-2", (string)response["errors"]![0]!["message"]!, StringComparison.Ordinal);
        Assert.Equal(before, await AccessScenario.EventCount(App));
    }

    [Fact]
    public async Task Enrolling_at_another_site_is_refused_and_at_their_own_site_allowed()
    {
        var scenario = await AccessScenario.CreateAsync(App);
        const string enrol = """
            mutation($t: ID!, $p: ID!, $site: String!) { enrolPatient(patientId: $p, trialId: $t, enrolledOn: "2000-03-01",
              baseline: { subjectId: "NEW", site: $site, ageAtEnrolment: 50, sex: MALE, diagnosedOn: "1998-01-01", ecog: 0,
                spleenCmBelowCostalMargin: 0, hepatomegaly: false, clonalEvolution: false, diseaseGroupAtStandardDose: CYTOGENETIC_RESISTANCE }) { version } }
            """;
        var before = await AccessScenario.EventCount(App);

        var refused = await Graph.ExecuteAsync(enrol, new { t = scenario.Trial, p = Guid.NewGuid(), site = "MDACC" }, OtherSiteCoordinator);
        Assert.Equal([GraphQLErrorCodes.Forbidden], AccessScenario.Codes(refused));
        Assert.Equal(before, await AccessScenario.EventCount(App));

        var allowed = await Graph.ExecuteAsync(enrol, new { t = scenario.Trial, p = Guid.NewGuid(), site = "SITE-2" }, OtherSiteCoordinator);
        Assert.True(allowed["errors"] is null, allowed.ToJsonString());
    }

    [Fact]
    public async Task Another_sites_patient_is_refused_by_id_and_left_out_of_lists_and_cohort_views()
    {
        var scenario = await AccessScenario.CreateAsync(App);

        var patient = await Graph.ExecuteAsync("query($p: ID!) { patient(id: $p) { id } }", new { p = scenario.Patient }, OtherSiteCoordinator);
        Assert.Equal([GraphQLErrorCodes.Forbidden], AccessScenario.Codes(patient));
        Assert.Contains("site MDACC", (string)patient["errors"]![0]!["message"]!, StringComparison.Ordinal);
        Assert.Null(patient["data"]!["patient"]);

        var views = await Graph.ExecuteAsync("""
            query($t: ID!) { patients(trialId: $t) { totalCount items { site } }
              cohort(trialId: $t) { disposition { patients } } }
            """, new { t = scenario.Trial }, OtherSiteCoordinator);
        Assert.True(views["errors"] is null, views.ToJsonString());
        Assert.Equal(1, (int)views["data"]!["patients"]!["totalCount"]!);
        Assert.Equal("SITE-2", (string?)views["data"]!["patients"]!["items"]![0]!["site"]);
        Assert.Equal(1, (int)views["data"]!["cohort"]!["disposition"]!["patients"]!);

        // A monitor and an auditor read every site.
        var monitor = await Graph.ExecuteAsync("query($t: ID!) { patients(trialId: $t) { totalCount } }", new { t = scenario.Trial },
            AccessScenario.Authorization(App, Roles.SafetyMonitor));
        Assert.Equal(2, (int)monitor["data"]!["patients"]!["totalCount"]!);
    }

    [Fact]
    public async Task A_coordinators_cohortChanged_leaves_other_sites_patients_out_where_a_monitors_shows_every_site()
    {
        var scenario = await AccessScenario.CreateAsync(App);
        const string watch = "subscription($t: ID!) { cohortChanged(trialId: $t) { table1 { patients } disposition { patients } } }";
        await using var coordinator = await Graph.SubscribeAsync(watch, new { t = scenario.Trial },
            TestTokens.Principal("coordinator-2", [Roles.Coordinator], [AccessScenario.OtherSite]));
        await using var monitor = await Graph.SubscribeAsync(watch, new { t = scenario.Trial }, TestTokens.Principal("monitor", [Roles.SafetyMonitor]));

        await Bus.EnrolledPatient(scenario.Trial, "003", AccessScenario.Site);

        // The monitor's tables count all three patients; the coordinator gets no push for an MDACC patient.
        Assert.Equal((3, 3), Patients(await monitor.NextAsync()));

        await Bus.EnrolledPatient(scenario.Trial, "004", AccessScenario.OtherSite);

        // The coordinator's first push: SITE-2's two patients.
        Assert.Equal((2, 2), Patients(await coordinator.NextAsync()));
        Assert.Equal((4, 4), Patients(await monitor.NextAsync()));
    }

    [Fact]
    public async Task Watching_another_sites_patient_is_refused()
    {
        var scenario = await AccessScenario.CreateAsync(App);
        var services = App.Host.Services;
        await using var scope = services.CreateAsyncScope();
        var result = await services.GetRequiredService<IDocumentExecuter>().ExecuteAsync(new ExecutionOptions
        {
            Schema = services.GetRequiredService<ISchema>(),
            Query = "subscription($p: ID!) { patientChanged(patientId: $p) { id } }",
            Variables = new GraphQLSerializer().Deserialize<Inputs>($$"""{ "p": "{{scenario.Patient}}" }"""),
            RequestServices = scope.ServiceProvider,
            User = TestTokens.Principal("coordinator-2", [Roles.Coordinator], [AccessScenario.OtherSite]),
            ValidationRules = [.. DocumentValidator.CoreRules, .. services.GetRequiredService<IOptions<GraphQLTransportOptions>>().Value.ValidationRules],
            ThrowOnUnhandledException = false,
        });

        var error = Assert.Single(result.Errors!);
        Assert.Equal(GraphQLErrorCodes.Forbidden, error.Code);
        Assert.Contains("site MDACC", error.Message, StringComparison.Ordinal);
    }

    private static (int Table1, int Disposition) Patients(JsonNode pushed)
    {
        var cohort = MutationTests.Data(pushed)["cohortChanged"]!;
        return ((int)cohort["table1"]!["patients"]!, (int)cohort["disposition"]!["patients"]!);
    }
}
