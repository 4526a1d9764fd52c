using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using TrialMonitor.Api.GraphQL.Transport;
using TrialMonitor.Api.Telemetry;
using TrialMonitor.Api.Tests.Alerts;
using TrialMonitor.Api.Tests.GraphQL.SchemaTests;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Operations;

/// <summary>What the shared host exports, read from the in-memory exporter (see <see cref="TelemetryCapture"/>).</summary>
[Collection(AloneHost.Name)]
public sealed class TelemetryTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private GraphQLOperations Graph { get; } = new(app);

    [Fact]
    public async Task A_mutation_is_one_trace_from_the_request_through_its_graphql_operation_the_handler_and_the_database()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());

        var answer = await Graph.ExecuteAsync("""
            mutation ReportNauseaForTheTrace($p: ID!) { reportToxicity(patientId: $p, entryKey: "TOX-1",
              toxicity: { onsetOn: "2000-05-01", term: "Nausea", grade: 2 }) { version } }
            """, new { p = patient });
        Assert.Null(answer["errors"]);

        var operation = TelemetryCapture.Spans.Snapshot()
            .Single(s => s.Source.Name == GraphQLTransportTelemetry.SourceName && s.DisplayName == "graphql mutation ReportNauseaForTheTrace");
        Assert.Equal("mutation", operation.GetTagItem("graphql.operation.type"));
        Assert.Equal(ActivityStatusCode.Unset, operation.Status);
        // The request's own span ends after the response is written: wait for its export, bounded.
        Assert.True(await Poll.UntilAsync(() => Trace(operation).Any(s => s.Source.Name == "Microsoft.AspNetCore"), Patience),
            "the request span was not exported");

        var trace = Trace(operation);
        var request = trace.Single(s => s.Source.Name == "Microsoft.AspNetCore");
        Assert.Equal(default, request.ParentSpanId);
        Assert.Equal(request.SpanId, operation.ParentSpanId);
        Assert.NotNull(request.GetTagItem(CorrelationLogging.TagName));
        Assert.Contains(trace, s => s.Source.Name == "Wolverine" && Descends(s, operation, trace));
        Assert.Contains(trace, s => s.Source.Name == "Marten" && Descends(s, operation, trace));
        Assert.Contains(trace, s => s.Source.Name == "Npgsql" && Descends(s, operation, trace));
    }

    [Fact]
    public async Task Metrics_count_entries_by_kind_refusals_by_code_alerts_raised_and_delivered_and_time_the_cohort_and_the_subscribers()
    {
        var trial = await Bus.Trial();
        var patient = await Bus.EnrolledPatient(trial);
        var before = Flush();

        var toxicity = """
            mutation($p: ID!, $key: String!, $grade: Int!) { reportToxicity(patientId: $p, entryKey: $key,
              toxicity: { onsetOn: "2000-05-01", term: "Nausea", grade: $grade }) { version } }
            """;
        Assert.Null((await Graph.ExecuteAsync(toxicity, new { p = patient, key = "TOX-1", grade = 3 }))["errors"]);
        var refused = await Graph.ExecuteAsync(toxicity, new { p = patient, key = "TOX-2", grade = 9 });
        Assert.Equal("BAD_USER_INPUT", (string?)refused["errors"]![0]!["extensions"]!["code"]);
        await using (var alerts = await Graph.SubscribeAsync("subscription { alerts { id } }"))
        {
            // The grade 3 toxicity's alert, raised by the daemon, replayed to this subscriber.
            Assert.NotNull(Data(await alerts.NextAsync(AlertScenario.DaemonTimeout))["alerts"]!["id"]);
        }
        await using (var charts = await Graph.SubscribeAsync("subscription($p: ID!) { patientChanged(patientId: $p) { version } }", new { p = patient }))
        {
            await Graph.ExecuteAsync("""mutation($p: ID!) { recordFollowUpContact(patientId: $p, entryKey: "FU-1", contactOn: "2000-06-01") { version } }""", new { p = patient });
            Assert.Equal(3, (int)Data(await charts.NextAsync())["patientChanged"]!["version"]!);
        }
        Assert.Null((await Graph.ExecuteAsync("query($t: ID!) { cohort(trialId: $t) { table1 { patients } } }", new { t = trial }))["errors"]);
        var after = Flush();

        Assert.Equal(1, Sum(after, before, "trialmonitor.entries.appended", ("kind", "toxicity_reported")));
        Assert.Equal(1, Sum(after, before, "trialmonitor.entries.appended", ("kind", "follow_up_contact_recorded")));
        Assert.Equal(1, Sum(after, before, "trialmonitor.refusals", ("code", "BAD_USER_INPUT")));
        Assert.Equal(1, Sum(after, before, "trialmonitor.alerts.raised"));
        Assert.Equal(1, Sum(after, before, "trialmonitor.alerts.delivered"));
        Assert.True(Count(after, before, "trialmonitor.subscription.latency", ("subscription", "patientChanged")) >= 1);
        Assert.True(Count(after, before, "trialmonitor.cohort.recomputation.duration") >= 1);
        // The daemon has processed this test's events (their alert was delivered): the lag, sampled every 5 s, comes to 0.
        Assert.True(await Poll.UntilAsync(() => Latest(Flush(), "trialmonitor.daemon.lag") is [var lag] && lag.GetGaugeLastValueLong() == 0, AlertScenario.DaemonTimeout),
            "the daemon lag gauge did not read 0 events after the alert projection caught up");
    }

    private static JsonNode Data(JsonNode pushed) => pushed["data"]!;

    private static List<Activity> Trace(Activity span) =>
        [.. TelemetryCapture.Spans.Snapshot().Where(s => s.TraceId == span.TraceId)];

    private static bool Descends(Activity span, Activity ancestor, List<Activity> trace)
    {
        for (var current = span; current is not null; current = trace.FirstOrDefault(s => s.SpanId == current.ParentSpanId))
        {
            if (current.SpanId == ancestor.SpanId) return true;
        }
        return false;
    }

    /// <summary>Exports the metrics now; returns how many exports there were, so a test reads its own export.</summary>
    private int Flush()
    {
        Assert.True(App.Host.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));
        return TelemetryCapture.Metrics.Count;
    }

    private static List<MetricPoint> Latest(int export, string name)
    {
        var snapshot = TelemetryCapture.Metrics.Snapshot().Take(export).LastOrDefault(m => m.Name == name);
        return snapshot is null ? [] : [.. snapshot.MetricPoints];
    }

    private static IEnumerable<MetricPoint> Matching(int export, string name, (string Key, string Value)[] tags) =>
        Latest(export, name).Where(point => tags.All(tag => Tags(point).TryGetValue(tag.Key, out var value) && Equals(value, tag.Value)));

    private static Dictionary<string, object?> Tags(MetricPoint point)
    {
        var tags = new Dictionary<string, object?>();
        foreach (var tag in point.Tags) tags[tag.Key] = tag.Value;
        return tags;
    }

    // Cumulative counters: what this test added is the difference between two exports.
    private static long Sum(int after, int before, string name, params (string Key, string Value)[] tags) =>
        Matching(after, name, tags).Sum(p => p.GetSumLong()) - Matching(before, name, tags).Sum(p => p.GetSumLong());

    private static long Count(int after, int before, string name, params (string Key, string Value)[] tags) =>
        Matching(after, name, tags).Sum(p => p.GetHistogramCount()) - Matching(before, name, tags).Sum(p => p.GetHistogramCount());
}
