using System.Text.Json.Nodes;
using TrialMonitor.Api.Tests.GraphQL.SchemaTests;
using TrialMonitor.Api.Tests.Support;
using static TrialMonitor.Api.Tests.GraphQL.SchemaTests.MutationTests;

namespace TrialMonitor.Api.Tests.Cohort;

/// <summary>Table 3 a page at a time over GraphQL, in the paper's order, with cursors and a total.</summary>
public sealed class Table3PageTests(AppFixture app) : IntegrationTest(app)
{
    private GraphQLOperations Graph { get; } = new(app);

    private const string Page = """
        query($t: ID!, $first: Int, $after: String) { cohort(trialId: $t) {
          table3 { subjectId }
          table3Page(first: $first, after: $after) {
            totalCount edges { cursor node { subjectId responseDisplay } } pageInfo { hasNextPage hasPreviousPage endCursor } } } }
        """;

    [Fact]
    public async Task Pages_follow_the_papers_order_to_the_end()
    {
        var trial = await Bus.Trial();
        // Complete before partial; among partial responses the lower Ph+ first.
        await Bus.EscalatedWithImprovement(trial, "001", 20m);
        await Bus.EscalatedWithImprovement(trial, "002", 10m);
        await Bus.EscalatedWithImprovement(trial, "003", 0m);

        var first = Data(await Graph.ExecuteAsync(Page, new { t = trial, first = 2 }))["cohort"]!;
        var second = Data(await Graph.ExecuteAsync(Page, new { t = trial, first = 2, after = (string?)first["table3Page"]!["pageInfo"]!["endCursor"] }))["cohort"]!;

        Assert.Equal(["003", "002"], Subjects(first["table3Page"]!));
        Assert.Equal(["001"], Subjects(second["table3Page"]!));
        Assert.Equal(3, (int)first["table3Page"]!["totalCount"]!);
        Assert.True((bool)first["table3Page"]!["pageInfo"]!["hasNextPage"]!);
        Assert.False((bool)first["table3Page"]!["pageInfo"]!["hasPreviousPage"]!);
        Assert.False((bool)second["table3Page"]!["pageInfo"]!["hasNextPage"]!);
        Assert.True((bool)second["table3Page"]!["pageInfo"]!["hasPreviousPage"]!);
        Assert.Equal(first["table3"]!.AsArray().Select(l => (string?)l!["subjectId"]), [.. Subjects(first["table3Page"]!), .. Subjects(second["table3Page"]!)]);
        Assert.Equal("CR/5+", (string?)first["table3Page"]!["edges"]![0]!["node"]!["responseDisplay"]);
    }

    [Fact]
    public async Task A_page_size_out_of_range_or_a_cursor_of_another_list_is_refused_naming_the_argument()
    {
        var trial = await Bus.Trial();
        await Bus.EscalatedWithImprovement(trial, "001", 0m);
        var patientsCursor = (string?)Data(await Graph.ExecuteAsync(
            "query($t: ID!) { patients(trialId: $t) { pageInfo { endCursor } } }", new { t = trial }))["patients"]!["pageInfo"]!["endCursor"];
        Assert.NotNull(patientsCursor);

        var tooMany = await Graph.ExecuteAsync(Page, new { t = trial, first = 501 });
        var negative = await Graph.ExecuteAsync("query($t: ID!) { cohort(trialId: $t) { table3Page(first: -1) { totalCount } } }", new { t = trial });
        var foreign = await Graph.ExecuteAsync(Page, new { t = trial, after = patientsCursor });

        Assert.Equal("first", (string?)Assert.Single(Errors(tooMany))!["extensions"]!["field"]);
        Assert.Equal("first", (string?)Assert.Single(Errors(negative))!["extensions"]!["field"]);
        Assert.Equal("after", (string?)Assert.Single(Errors(foreign))!["extensions"]!["field"]);
    }

    private static List<string?> Subjects(JsonNode page) => [.. page["edges"]!.AsArray().Select(e => (string?)e!["node"]!["subjectId"])];
}
