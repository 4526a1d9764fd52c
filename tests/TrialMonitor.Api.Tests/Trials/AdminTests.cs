using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Tests.Auth;
using TrialMonitor.Api.Tests.GraphQL.SchemaTests;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Trials;

/// <summary>What an admin manages besides registering trials: the sites of a trial, and the users known from what they recorded.</summary>
public sealed class AdminTests(AppFixture app) : IntegrationTest(app)
{
    private const string AddSite = "mutation($t: ID!, $s: String!) { addTrialSite(trialId: $t, site: $s) { id sites version } }";

    private GraphQLOperations Graph { get; } = new(app);

    private string Admin => "Bearer " + App.Token("root", [Roles.Admin]);

    [Fact]
    public async Task An_added_site_is_appended_to_the_trial_and_accepts_an_enrolment()
    {
        var trial = await Bus.Trial();
        var before = await AccessScenario.EventCount(App);

        var added = MutationTests.Data(await Graph.ExecuteAsync(AddSite, new { t = trial, s = "SITE-3" }, Admin))["addTrialSite"]!;

        Assert.Equal(["MDACC", "SITE-2", "SITE-3"], added["sites"]!.AsArray().Select(s => (string)s!));
        Assert.Equal(2, (int)added["version"]!);
        Assert.Equal(before + 1, await AccessScenario.EventCount(App));
        var stored = MutationTests.Data(await Graph.ExecuteAsync("query($t: ID!) { trial(id: $t) { sites } }", new { t = trial }))["trial"]!;
        Assert.Contains("SITE-3", stored["sites"]!.AsArray().Select(s => (string)s!));

        var enrolled = MutationTests.Data(await Graph.ExecuteAsync("""
            mutation($t: ID!, $p: ID!) { enrolPatient(patientId: $p, trialId: $t, enrolledOn: "2000-03-01",
              baseline: { subjectId: "301", site: "SITE-3", ageAtEnrolment: 50, sex: MALE, diagnosedOn: "1998-01-01", ecog: 0,
                spleenCmBelowCostalMargin: 0, hepatomegaly: false, clonalEvolution: false, diseaseGroupAtStandardDose: CYTOGENETIC_RESISTANCE }) { version } }
            """, new { t = trial, p = Guid.NewGuid() }, "Bearer " + App.Token("dana", [Roles.Coordinator], ["SITE-3"])))["enrolPatient"]!;
        Assert.Equal(1, (int)enrolled["version"]!);
    }

    [Theory]
    [InlineData("  ", false, "site")]
    [InlineData("SITE-3", true, "trialId")]
    [InlineData("SITE-2", false, "site")]
    [InlineData("mdacc", false, "site")]
    public async Task A_refused_site_names_the_field_and_appends_nothing(string site, bool unknownTrial, string field)
    {
        var trial = await Bus.Trial();
        var before = await AccessScenario.EventCount(App);

        var response = await Graph.ExecuteAsync(AddSite, new { t = unknownTrial ? Guid.NewGuid() : trial, s = site }, Admin);

        var errors = MutationTests.Errors(response);
        Assert.Equal(field, (string?)Assert.Single(errors)!["extensions"]!["field"]);
        Assert.Equal(before, await AccessScenario.EventCount(App));
    }

    [Fact]
    public async Task Users_lists_a_coordinator_after_they_record_something()
    {
        var scenario = await AccessScenario.CreateAsync(App);
        const string query = "{ users { user role firstRecordedAt lastRecordedAt eventCount } }";
        var beforeUsers = MutationTests.Data(await Graph.ExecuteAsync(query, null, Admin))["users"]!.AsArray();
        Assert.DoesNotContain(beforeUsers, u => (string?)u!["user"] == "erin");

        var erin = "Bearer " + App.Token("erin", [Roles.Coordinator], [AccessScenario.Site]);
        MutationTests.Data(await Graph.ExecuteAsync("""mutation($p: ID!) { recordFollowUpContact(patientId: $p, entryKey: "FU-1", contactOn: "2000-06-01") { version } }""",
            new { p = scenario.Patient }, erin));
        MutationTests.Data(await Graph.ExecuteAsync("""mutation($p: ID!) { recordFollowUpContact(patientId: $p, entryKey: "FU-2", contactOn: "2000-07-01") { version } }""",
            new { p = scenario.Patient }, erin));

        var users = MutationTests.Data(await Graph.ExecuteAsync(query, null, Admin))["users"]!.AsArray();
        var listed = Assert.Single(users, u => (string?)u!["user"] == "erin")!;
        Assert.Equal(Roles.Coordinator, (string?)listed["role"]);
        Assert.Equal(2, (int)listed["eventCount"]!);
        Assert.True(DateTimeOffset.Parse((string)listed["firstRecordedAt"]!) <= DateTimeOffset.Parse((string)listed["lastRecordedAt"]!));
    }
}
