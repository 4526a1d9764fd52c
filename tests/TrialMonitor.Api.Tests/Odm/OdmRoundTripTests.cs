using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.DemoCohort;
using TrialMonitor.Api.Odm.Layout;
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Api.Patients.Entries;
using TrialMonitor.Api.Tests.Alerts;
using TrialMonitor.Api.Tests.Audit;
using TrialMonitor.Api.Tests.Support;
using TrialMonitor.Api.Trials;
using TrialMonitor.Api.Trials.Registering;

namespace TrialMonitor.Api.Tests.Odm;

/// <summary>
/// The demo trial (the paper's 54 patients, entered through the write path) leaves as ODM 1.3.2 over HTTP and comes
/// back into a new trial through ./ops/import-odm's import without a mapping: the API then answers the same for both.
/// </summary>
[Collection(DemoHost.Name)]
[Trait(Speed.Trait, Speed.Slow)]
public sealed class OdmRoundTripTests(DemoAppFixture app)
{
    private static readonly Guid Demo = DemoCohortSeeding.TrialId;

    [Fact]
    public async Task The_demo_trial_exported_and_imported_into_a_new_trial_gives_the_same_cohort_discrepancies_alerts_and_charts_and_a_second_import_appends_nothing()
    {
        var export = await Export(Demo, Roles.Auditor);
        var copy = await NewTrialLike(Demo);

        var imported = await app.Import(copy, new MemoryStream(export), "demo.odm.xml", OdmLayoutMapping.Mapping);

        Assert.True(imported.Rows.Count == 0, imported.ToString());
        var charts = await app.Charts(Demo);
        Assert.Equal(charts.Count, imported.Summary.Enrolled);
        Assert.Equal(charts.Sum(c => c.Entries.Count), imported.Summary.Appended);
        await app.Alerts(); // once the async daemon has raised them
        foreach (var (query, type, mayBeEmpty) in new[]
                 {
                     ("cohort(trialId: $t)", "Cohort", false), ("discrepancies(trialId: $t)", "TrialDiscrepancy", false),
                     ("openAlerts(trialId: $t)", "Alert", false), ("acknowledgedAlerts(trialId: $t)", "Alert", true),
                 })
        {
            var selection = $"query($t: ID!) {{ answer: {query} {await GraphQLSelection.Of(app, type)} }}";
            var demo = Answer(await app.GraphQL(selection, new { t = Demo }, Roles.SafetyMonitor), selection);
            var copied = Answer(await app.GraphQL(selection, new { t = copy }, Roles.SafetyMonitor), selection);
            Assert.True(mayBeEmpty || demo is not JsonArray { Count: 0 }, $"{query}: nothing to compare");
            Assert.Equal(Comparable(demo), Comparable(copied));
        }

        // Each chart (the API's patient query is bounded in complexity, so read from the store): enrolment, entries under their keys, assessment.
        Assert.Equal(Charts(charts), Charts(await app.Charts(copy)));

        var events = await app.EventsOfTrialPatients(copy);
        var again = await app.Import(copy, new MemoryStream(export), "demo.odm.xml", OdmLayoutMapping.Mapping);
        var intoTheDemo = await app.Import(Demo, new MemoryStream(export), "demo.odm.xml", OdmLayoutMapping.Mapping);
        foreach (var repeat in new[] { again, intoTheDemo })
        {
            Assert.True(repeat.Rows.Count == 0, repeat.ToString());
            Assert.Equal((0, 0, 0, 0), (repeat.Summary.Enrolled, repeat.Summary.Appended, repeat.Summary.Voided, repeat.Summary.RefusedRows));
            Assert.Equal(imported.Summary.Appended, repeat.Summary.AlreadyRecorded);
        }
        Assert.Equal(events, await app.EventsOfTrialPatients(copy));
    }

    private static List<string> Charts(IEnumerable<PatientChart> charts) =>
    [
        .. charts.Select(c => JsonSerializer.Serialize(new
        {
            c.SubjectId, c.Site, c.EnrolledOn, c.Baseline, c.Assessment,
            Entries = c.Entries.Select(e => new { e.EntryKey, Value = EntryKinds.Of(e).ValueOf(e) }),
        })),
    ];

    private static JsonNode Answer(JsonNode response, string query)
    {
        Assert.True(response["errors"] is null, $"{query}\n{response.ToJsonString()}");
        return response["data"]!["answer"]!;
    }

    /// <summary>A list compared whatever the order it came in (alerts are in the order raised, which the loaders' order moves); anything else as it is.</summary>
    private static List<string> Comparable(JsonNode answer) =>
        answer is JsonArray list ? [.. list.Select(n => n!.ToJsonString()).Order(StringComparer.Ordinal)] : [answer.ToJsonString()];

    private async Task<byte[]> Export(Guid trial, string role)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url($"/odm/trials/{trial}.xml");
            s.WithRequestHeader("Authorization", "Bearer " + app.Token($"{role}-1", [role]));
            s.IgnoreStatusCode();
        });
        Assert.Equal((int)HttpStatusCode.OK, result.Context.Response.StatusCode);
        Assert.StartsWith("application/xml", result.Context.Response.ContentType, StringComparison.Ordinal);
        using var body = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(body);
        return body.ToArray();
    }

    private async Task<Guid> NewTrialLike(Guid trialId)
    {
        await using var session = app.Store.QuerySession();
        var trial = (await session.LoadAsync<Trial>(trialId))!;
        var id = Guid.NewGuid();
        await app.Bus.InvokeAsync<Trial>(new RegisterTrial(id, "ODM-" + id.ToString()[..8], trial.Title, trial.Sites, trial.Settings));
        return id;
    }
}
