using TrialMonitor.Api.Tests.Support;
using static TrialMonitor.Api.Tests.GraphQL.SchemaTests.MutationTests;

namespace TrialMonitor.Api.Tests.GraphQL.SchemaTests;

public sealed class SubscriptionTests(AppFixture app) : IntegrationTest(app)
{
    private GraphQLOperations Graph { get; } = new(app);

    [Fact]
    public async Task PatientChanged_pushes_the_chart_after_a_mutation_commits()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await using var changes = await Graph.SubscribeAsync(
            "subscription($p: ID!) { patientChanged(patientId: $p) { version cytogenetics { entryKey } assessment { latestCytogenetic { category } } } }",
            new { p = patient });

        await Graph.ExecuteAsync("""
            mutation($p: ID!) { recordCytogenetics(patientId: $p, entryKey: "CG-1",
              cytogenetics: { collectedOn: "2000-06-01", phPositivePercent: 40, method: KARYOTYPE, cellsAnalysed: 20, clonalEvolution: false }) { version } }
            """, new { p = patient });

        var pushed = Data(await changes.NextAsync())["patientChanged"]!;
        Assert.Equal(2, (int)pushed["version"]!);
        Assert.Equal("MINOR", (string?)pushed["assessment"]!["latestCytogenetic"]!["category"]);
    }

    [Fact]
    public async Task PatientChanged_ignores_other_patients()
    {
        var trial = await Bus.Trial();
        var watched = await Bus.EnrolledPatient(trial, "001");
        var other = await Bus.EnrolledPatient(trial, "002");
        await using var changes = await Graph.SubscribeAsync(
            "subscription($p: ID!) { patientChanged(patientId: $p) { subjectId version } }", new { p = watched });

        await Graph.ExecuteAsync("""mutation($p: ID!) { recordFollowUpContact(patientId: $p, entryKey: "FU-1", contactOn: "2000-06-01") { version } }""", new { p = other });
        await Graph.ExecuteAsync("""mutation($p: ID!) { recordFollowUpContact(patientId: $p, entryKey: "FU-1", contactOn: "2000-06-01") { version } }""", new { p = watched });

        var pushed = Data(await changes.NextAsync())["patientChanged"]!;
        Assert.Equal("001", (string?)pushed["subjectId"]);
    }

    [Fact]
    public async Task CohortChanged_pushes_the_recomputed_views_after_an_enrolment()
    {
        var trial = await Bus.Trial();
        await using var changes = await Graph.SubscribeAsync(
            "subscription($t: ID!) { cohortChanged(trialId: $t) { table1 { patients } disposition { patients } } }", new { t = trial });

        await Bus.EnrolledPatient(trial, "001");

        var pushed = Data(await changes.NextAsync())["cohortChanged"]!;
        Assert.Equal(1, (int)pushed["table1"]!["patients"]!);
    }
}
