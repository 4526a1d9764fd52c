using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Cohort;
using TrialMonitor.Api.DemoCohort;
using TrialMonitor.Api.GraphQL.Transport;
using TrialMonitor.Api.Tests.GraphQL.SchemaTests;
using TrialMonitor.Api.Tests.Support;
using static TrialMonitor.Api.Tests.GraphQL.SchemaTests.MutationTests;

namespace TrialMonitor.Api.Tests.Cohort;

/// <summary>
/// The demo trial (the paper's cohort, registered under MDACC-2003) read under ELN-2013 as well, over
/// GraphQL. Expected values are read by hand off the paper's Tables 2 and 3 (see the clinical
/// PaperCohortUnderEln2013Tests): patients 11 and 13 improve to a minor response only under ELN-2013,
/// patient 17 only under MDACC, and patient 14's minor response ends earlier under ELN-2013.
/// </summary>
[Collection(DemoHost.Name)]
[Trait(Speed.Trait, Speed.Slow)]
public sealed class CriteriaSetsTests(DemoAppFixture app)
{
    private static readonly Guid Trial = DemoCohortSeeding.TrialId;

    private static readonly string[] MdaccThenEln = ["MDACC-2003", "ELN-2013"];
    private static readonly string[] ElnThenMdacc = ["ELN-2013", "MDACC-2003"];
    private static readonly string[] UnknownInList = ["MDACC-2003", "eln-2013"];
    private static readonly string[] One = ["ELN-2013"];
    private static readonly string[] Twice = ["ELN-2013", "ELN-2013"];

    private GraphQLOperations Graph { get; } = new(app);

    private const string Tables = """
        query($t: ID!, $set: String) { cohort(trialId: $t, criteriaSet: $set) {
          criteriaSet
          table2 { lines { row complete { display } partial { display } minor { display } } }
          table3 { subjectId responseDisplay } } }
        """;

    [Fact]
    public async Task The_cohort_under_ELN_2013_has_20_Table_3_lines_with_11_and_13_minor_and_17_gone_and_under_its_own_set_the_papers_19()
    {
        var eln = Data(await Graph.ExecuteAsync(Tables, new { t = Trial, set = "ELN-2013" }))["cohort"]!;
        var own = Data(await Graph.ExecuteAsync(Tables, new { t = Trial }))["cohort"]!;

        Assert.Equal("ELN-2013", (string?)eln["criteriaSet"]);
        Assert.Equal("MDACC-2003", (string?)own["criteriaSet"]);
        Assert.Equal(20, eln["table3"]!.AsArray().Count);
        Assert.Equal(19, own["table3"]!.AsArray().Count);
        Assert.Equal(["KAN-11 Minor/6+", "KAN-13 Minor/5+", "KAN-14 Minor/9"], Lines(eln, "KAN-11", "KAN-13", "KAN-14", "KAN-17"));
        Assert.Equal(["KAN-14 Minor/11", "KAN-17 Minor/2"], Lines(own, "KAN-11", "KAN-13", "KAN-14", "KAN-17"));
        // Table 2, CG resistance 35-90 % (CR, PR, minor) and loss of CR/PR to above 90 % (minor).
        Assert.Equal(("1", "2", "2"), Counts(eln, "CYTOGENETIC_RESISTANCE_35_TO_90"));
        Assert.Equal(("1", "2", "0"), Counts(own, "CYTOGENETIC_RESISTANCE_35_TO_90"));
        Assert.Equal("0", Counts(eln, "LOSS_OF_CYTOGENETIC_COMPLETE_OR_PARTIAL_TO_ABOVE_90").Minor);
        Assert.Equal("1", Counts(own, "LOSS_OF_CYTOGENETIC_COMPLETE_OR_PARTIAL_TO_ABOVE_90").Minor);
    }

    [Fact]
    public async Task A_repeated_read_under_another_set_is_served_from_its_own_cached_report()
    {
        var views = app.Host.Services.GetRequiredService<CohortViews>();

        var eln = await views.ForTrialAsync(Trial, sites: null, "ELN-2013");
        var again = await views.ForTrialAsync(Trial, sites: null, "ELN-2013");
        var own = await views.ForTrialAsync(Trial, sites: null);

        Assert.Same(eln, again);
        Assert.NotSame(eln, own);
        Assert.Equal(("ELN-2013", "MDACC-2003"), (eln!.CriteriaSet, own!.CriteriaSet));
    }

    [Fact]
    public async Task The_auditors_cohort_as_of_a_past_time_can_be_read_under_another_set_too()
    {
        var response = await Graph.ExecuteAsync("""
            query($t: ID!) { cohortAsOf(trialId: $t, recordedAt: "2100-01-01T00:00:00Z", criteriaSet: "ELN-2013") { criteriaSet table3 { subjectId } } }
            """, new { t = Trial }, Authorization(Roles.Auditor));

        var cohort = Data(response)["cohortAsOf"]!;
        Assert.Equal("ELN-2013", (string?)cohort["criteriaSet"]);
        Assert.Equal(20, cohort["table3"]!.AsArray().Count);
    }

    private const string Comparison = """
        query($t: ID!, $sets: [String!]!) { criteriaComparison(trialId: $t, criteriaSets: $sets) {
          subjectId differences { field values { criteriaSet value } } } }
        """;

    [Fact]
    public async Task The_comparison_lists_the_Table_3_differences_of_11_13_14_and_17_and_the_categories_of_single_results()
    {
        var patients = Data(await Graph.ExecuteAsync(Comparison, new { t = Trial, sets = MdaccThenEln }))["criteriaComparison"]!.AsArray();

        var lines = patients.SelectMany(p => p!["differences"]!.AsArray().Select(d =>
            $"{p["subjectId"]} {d!["field"]}: {string.Join(" | ", d["values"]!.AsArray().Select(v => $"{v!["criteriaSet"]} {(string?)v["value"] ?? "-"}"))}")).ToList();
        Assert.Equal(
            [
                "KAN-11 table3.improvedCategory: MDACC-2003 - | ELN-2013 MINOR",
                "KAN-11 table3.byFish: MDACC-2003 - | ELN-2013 false",
                "KAN-11 table3.start: MDACC-2003 - | ELN-2013 2001-12-23",
                "KAN-11 table3.end: MDACC-2003 - | ELN-2013 2002-07-09",
                "KAN-11 table3.censored: MDACC-2003 - | ELN-2013 true",
                "KAN-13 table3.improvedCategory: MDACC-2003 - | ELN-2013 MINOR",
                "KAN-13 table3.byFish: MDACC-2003 - | ELN-2013 false",
                "KAN-13 table3.start: MDACC-2003 - | ELN-2013 2002-02-04",
                "KAN-13 table3.end: MDACC-2003 - | ELN-2013 2002-07-21",
                "KAN-13 table3.censored: MDACC-2003 - | ELN-2013 true",
                "KAN-14 table3.end: MDACC-2003 2002-06-09 | ELN-2013 2002-03-25",
                "KAN-17 table3.improvedCategory: MDACC-2003 MINOR | ELN-2013 -",
                "KAN-17 table3.byFish: MDACC-2003 false | ELN-2013 -",
                "KAN-17 table3.start: MDACC-2003 2002-04-09 | ELN-2013 -",
                "KAN-17 table3.end: MDACC-2003 2002-06-24 | ELN-2013 -",
                "KAN-17 table3.censored: MDACC-2003 false | ELN-2013 -",
            ],
            lines.Where(l => !l.Contains(" cytogenetic.", StringComparison.Ordinal)));
        // Patient 17's 95 % after the increase: none above MDACC's 90 %, minimal within ELN-2013's 66-95 %.
        Assert.Contains("KAN-17 cytogenetic.2002-06-24: MDACC-2003 NONE | ELN-2013 MINIMAL", lines);
        Assert.Contains("KAN-17 cytogenetic.2002-04-09: MDACC-2003 MINOR | ELN-2013 MINIMAL", lines);
        Assert.DoesNotContain(patients, p => (string?)p!["subjectId"] is "KAN-15" or "KAN-25");
    }

    [Fact]
    public async Task A_coordinator_compares_the_patients_of_their_sites_only()
    {
        var sets = ElnThenMdacc;
        var everyone = Data(await Graph.ExecuteAsync(Comparison, new { t = Trial, sets }))["criteriaComparison"]!.AsArray();
        var atMdacc = Data(await Graph.ExecuteAsync(Comparison, new { t = Trial, sets }, Authorization(Roles.Coordinator, "MDACC")))["criteriaComparison"]!.AsArray();
        var atSite2 = Data(await Graph.ExecuteAsync(Comparison, new { t = Trial, sets }, Authorization(Roles.Coordinator, "SITE-2")))["criteriaComparison"]!.AsArray();

        // Every demo patient is at MDACC.
        Assert.Equal(everyone.ToJsonString(), atMdacc.ToJsonString());
        Assert.Contains(everyone, p => (string?)p!["subjectId"] == "KAN-17");
        Assert.Empty(atSite2);
        // The values come in the order the sets were asked for.
        Assert.Equal(["ELN-2013", "MDACC-2003"], everyone[0]!["differences"]![0]!["values"]!.AsArray().Select(v => (string?)v!["criteriaSet"]));
    }

    [Fact]
    public async Task An_unknown_set_or_fewer_than_two_different_sets_are_refused_naming_the_argument_the_value_and_the_known_sets()
    {
        var unknown = await Graph.ExecuteAsync(Tables, new { t = Trial, set = "ELN-2099" });
        var unknownInList = await Graph.ExecuteAsync(Comparison, new { t = Trial, sets = UnknownInList });
        var one = await Graph.ExecuteAsync(Comparison, new { t = Trial, sets = One });
        var twice = await Graph.ExecuteAsync(Comparison, new { t = Trial, sets = Twice });

        var error = Assert.Single(Errors(unknown))!;
        Assert.Equal(GraphQLErrorCodes.BadUserInput, (string?)error["extensions"]!["code"]);
        Assert.Equal("criteriaSet", (string?)error["extensions"]!["field"]);
        Assert.Equal("criteriaSet: 'ELN-2099' is not one of MDACC-2003, ELN-2013, ELN-2020", (string?)error["message"]);
        Assert.Null(unknown["data"]!["cohort"]);
        var inList = Assert.Single(Errors(unknownInList))!;
        Assert.Equal("criteriaSets[1]: 'eln-2013' is not one of MDACC-2003, ELN-2013, ELN-2020", (string?)inList["message"]);
        Assert.Equal("criteriaSets: at least two criteria sets are needed to compare (got 1)", (string?)Assert.Single(Errors(one))!["message"]);
        Assert.Equal("criteriaSets: each criteria set at most once (got ELN-2013, ELN-2013)", (string?)Assert.Single(Errors(twice))!["message"]);
        Assert.All(new[] { unknownInList, one, twice }, r => Assert.Equal(GraphQLErrorCodes.BadUserInput, (string?)Errors(r)[0]!["extensions"]!["code"]));
    }

    private string Authorization(string role, string? site = null) =>
        "Bearer " + app.Token($"criteria-{role}", [role], site is null ? [] : [site]);

    private static List<string> Lines(JsonNode cohort, params string[] subjects) =>
    [
        .. cohort["table3"]!.AsArray()
            .Where(l => subjects.Contains((string?)l!["subjectId"]))
            .Select(l => $"{l!["subjectId"]} {l["responseDisplay"]}")
            .Order(StringComparer.Ordinal),
    ];

    private static (string? Complete, string? Partial, string? Minor) Counts(JsonNode cohort, string row)
    {
        var line = cohort["table2"]!["lines"]!.AsArray().Single(l => (string?)l!["row"] == row)!;
        return ((string?)line["complete"]!["display"], (string?)line["partial"]!["display"], (string?)line["minor"]!["display"]);
    }
}
