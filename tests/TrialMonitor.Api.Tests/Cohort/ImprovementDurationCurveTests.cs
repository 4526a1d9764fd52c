using TrialMonitor.Api.Tests.Audit;
using TrialMonitor.Api.Tests.GraphQL.SchemaTests;
using TrialMonitor.Api.Tests.Support;
using static TrialMonitor.Api.Tests.GraphQL.SchemaTests.MutationTests;

namespace TrialMonitor.Api.Tests.Cohort;

/// <summary>The Kaplan–Meier curve of the duration of improvement over GraphQL, live and as of a recording time.</summary>
public sealed class ImprovementDurationCurveTests(AppFixture app) : IntegrationTest(app)
{
    private GraphQLOperations Graph { get; } = new(app);

    private const string Curve = "improvementDurationCurve { medianDays medianLowerDays medianUpperDays points { day atRisk events censored survival lower upper } }";

    [Fact]
    public async Task Three_ongoing_improvements_are_three_censorings_on_one_day_with_the_median_not_reached_live_and_as_of_now()
    {
        var trial = await Bus.Trial();
        foreach (var subject in new[] { "001", "002", "003" }) await Bus.EscalatedWithImprovement(trial, subject, 20m);

        var live = Data(await Graph.ExecuteAsync($"query($t: ID!) {{ cohort(trialId: $t) {{ table3 {{ responseDisplay }} {Curve} }} }}", new { t = trial }))["cohort"]!;
        var asOf = (await App.GraphQL($"query($t: ID!, $at: DateTimeOffset!) {{ cohortAsOf(trialId: $t, recordedAt: $at) {{ {Curve} }} }}",
            new { t = trial, at = DateTimeOffset.UtcNow })).Data()["cohortAsOf"]!;

        // Improved 2001-09-15, still so 2002-03-15: 181 days, the paper's "PR/5+".
        Assert.All(live["table3"]!.AsArray(), l => Assert.Equal("PR/5+", (string?)l!["responseDisplay"]));
        var curve = live["improvementDurationCurve"]!;
        var point = Assert.Single(curve["points"]!.AsArray())!;
        Assert.Equal((181, 3, 0, 3), ((int)point["day"]!, (int)point["atRisk"]!, (int)point["events"]!, (int)point["censored"]!));
        Assert.Equal((1.0, 1.0, 1.0), ((double)point["survival"]!, (double)point["lower"]!, (double)point["upper"]!));
        Assert.Null(curve["medianDays"]);
        Assert.Null(curve["medianLowerDays"]);
        Assert.Equal(curve.ToJsonString(), asOf["improvementDurationCurve"]!.ToJsonString());
    }
}
