using System.Net;
using System.Text.Json.Nodes;
using Marten;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Cdisc;
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Cdisc;

/// <summary>An export as of a past recorded time is the export that was taken then, whatever was recorded or corrected since.</summary>
public sealed class CdiscAsOfExportTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task An_export_as_of_a_past_time_equals_the_one_taken_then()
    {
        var trial = await Bus.Trial();
        var first = await Bus.EscalatedWithImprovement(trial, "001", phAfter: 20m);
        var second = await Bus.EscalatedWithImprovement(trial, "002", phAfter: 50m);
        var then = new Dictionary<string, string>();
        foreach (var dataset in CdiscDatasets.All) then[Path(dataset)] = await Export(trial, dataset, asOf: null);
        DateTimeOffset cutoff;
        await using (var session = App.Store.QuerySession())
        {
            cutoff = (await session.Query<PatientChart>().Where(c => c.TrialId == trial).ToListAsync()).Max(c => c.LastRecordedAt);
        }

        // Later: a new patient, a result that ends patient 001's response, and a correction of patient 002's last result.
        await Bus.EscalatedWithImprovement(trial, "003", phAfter: 0m);
        await Mutate("""
            mutation($p: ID!) { recordCytogenetics(patientId: $p, entryKey: "CG-4", cytogenetics: {
              collectedOn: "2002-09-15", phPositivePercent: 95, method: KARYOTYPE, cellsAnalysed: 20, clonalEvolution: false }) { version } }
            """, first);
        await Mutate("""
            mutation($p: ID!) { voidEntry(patientId: $p, entryKey: "CG-3", reason: "sample mislabelled") { version } }
            """, second);

        foreach (var dataset in CdiscDatasets.All)
        {
            var now = await Export(trial, dataset, asOf: null);
            var asOf = await Export(trial, dataset, cutoff);
            Assert.Equal(WithoutCreationTime(then[Path(dataset)]), WithoutCreationTime(asOf));
            if (dataset.Name is "DM" or "ADTTE") Assert.NotEqual(WithoutCreationTime(then[Path(dataset)]), WithoutCreationTime(now));
        }
    }

    /// <summary>A mutation as the test user (every role, both test sites) that must succeed.</summary>
    private async Task Mutate(string mutation, Guid patient)
    {
        var result = await App.Host.Scenario(s =>
        {
            s.Post.Json(new { query = mutation, variables = new { p = patient } }).ToUrl("/graphql");
            s.IgnoreStatusCode();
        });
        var response = JsonNode.Parse(await result.ReadAsTextAsync())!;
        Assert.True(response["errors"] is null, response.ToJsonString());
    }

    private static string Path(CdiscDataset dataset) => $"{dataset.Model.ToString().ToLowerInvariant()}/{dataset.Name.ToLowerInvariant()}";

    private static string WithoutCreationTime(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        Assert.NotNull(node["datasetJSONCreationDateTime"]);
        node.Remove("datasetJSONCreationDateTime");
        return node.ToJsonString();
    }

    private async Task<string> Export(Guid trial, CdiscDataset dataset, DateTimeOffset? asOf)
    {
        var query = asOf is { } at ? "?asOf=" + Uri.EscapeDataString(at.UtcDateTime.ToString("O")) : "";
        var result = await App.Host.Scenario(s =>
        {
            s.Get.Url($"/cdisc/trials/{trial}/{Path(dataset)}.json{query}");
            s.WithRequestHeader("Authorization", "Bearer " + App.Token("auditor-1", [Roles.Auditor]));
            s.IgnoreStatusCode();
        });
        Assert.Equal(HttpStatusCode.OK, (HttpStatusCode)result.Context.Response.StatusCode);
        return await result.ReadAsTextAsync();
    }
}
