using System.Net.Http.Json;
using Marten;
using TrialMonitor.Api.Cohort;
using TrialMonitor.Api.Infrastructure;
using TrialMonitor.Bench.Hosting;
using TrialMonitor.Bench.Measuring;
using static TrialMonitor.Bench.Report;

namespace TrialMonitor.Bench.Scenarios;

/// <summary>
/// The cohort tables of a trial (CohortViews: the trial's charts loaded by the trial index, the
/// tables computed from them), at 1 and 32 concurrent clients, against a raw SELECT of the same
/// stored chart documents. One call computes Tables 1–3 together, so Table 2 and a 100-row page
/// of Table 3 cost the same; both are read from each result.
/// </summary>
public static class CohortQueries
{
    public const double Table2TargetMs = 10;
    public const double Table3PageTargetMs = 20;

    /// <summary>The expression of the chart's trial index (Marten's computed index on the JSON).</summary>
    public const string TrialIdExpression = "CAST(data ->> 'TrialId' as uuid)";

    public static Task<CohortPage> QueryAsync(IDocumentStore store, Guid trialId) => QueryAsync(store, trialId, CancellationToken.None);

    public static async Task<CohortPage> QueryAsync(IDocumentStore store, Guid trialId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var report = await CohortViews.ForTrialAsync(session, trialId, ct)
            ?? throw new InvalidOperationException($"no trial {trialId}");
        return new CohortPage(report.Table2.Lines.Count, [.. report.Table3.Take(100).Select(l => l.SubjectId)]);
    }

    public sealed record CohortPage(int Table2Lines, IReadOnlyList<string> Table3Page);

    /// <summary>p50 of a few sequential queries and of the raw SELECT (the growth table).</summary>
    public static async Task<(double Query, double Raw)> SingleClientAsync(BenchContext ctx, IDocumentStore store, Guid trialId, int runs)
    {
        await QueryAsync(store, trialId); // warm-up
        var query = await Latencies.RunAsync(1, TimeSpan.Zero, (_, _) => QueryAsync(store, trialId), minimumPerWorker: runs);
        var raw = await Latencies.RunAsync(1, TimeSpan.Zero, (_, _) => ctx.Raw.SelectChartsAsync(EventStore.Schema, trialId, TrialIdExpression),
            minimumPerWorker: runs);
        return (query.P50, raw.P50);
    }

    public static async Task RunAsync(BenchContext ctx, InProcessHost host, Guid trialId, int patients)
    {
        var store = host.Store;
        await QueryAsync(store, trialId);
        foreach (var clients in new[] { 1, 32 })
        {
            BenchContext.Progress($"cohort tables of the {patients:N0}-patient trial, {clients} clients");
            Latencies measured;
            double peak;
            var duration = clients == 1 ? ctx.RunFor : TimeSpan.Zero;
            var minimum = clients == 1 ? 3 : ctx.Quick ? 1 : 3;
            await using (var memory = PeakMemory.OfThisProcess())
            {
                measured = await Latencies.RunAsync(clients, duration, (_, _) => QueryAsync(store, trialId), minimum, tolerateFailures: true);
                peak = memory.PeakMiB;
            }
            var raw = await Latencies.RunAsync(clients, duration,
                (_, _) => ctx.Raw.SelectChartsAsync(EventStore.Schema, trialId, TrialIdExpression), minimum, tolerateFailures: true);
            var note = $"{measured.Count} queries; raw p50 {Ms(raw.P50)}; {N(measured.PerSecond, 2)} queries/s vs raw {N(raw.PerSecond, 2)}"
                + (measured.Failures + raw.Failures > 0
                    ? $"; {measured.Failures} of the API's and {raw.Failures} of the raw calls failed (Npgsql's 30 s command timeout), timed until they failed"
                    : "");
            ctx.Report.Add(new Figure("cohort query", $"Table 2, {N(patients)}-patient trial, {clients} client{(clients == 1 ? "" : "s")} (p50 / p99)",
                $"{Ms(measured.P50)} / {Ms(measured.P99)}", $"{Ms(raw.P50)} / {Ms(raw.P99)} (SELECT charts)",
                Percent(raw.P99 / measured.P99), "p99 < 10 ms", Met(measured.P99 < Table2TargetMs), MiB(peak), note));
            ctx.Report.Add(new Figure("cohort query", $"Table 3, first 100 rows, same calls, {clients} client{(clients == 1 ? "" : "s")}",
                $"{Ms(measured.P50)} / {Ms(measured.P99)}", $"{Ms(raw.P50)} / {Ms(raw.P99)}",
                Percent(raw.P99 / measured.P99), "p99 < 20 ms", Met(measured.P99 < Table3PageTargetMs), MiB(peak),
                "Table 3 has no paging: the whole report is computed and the first 100 rows kept"));
        }
    }

    /// <summary>The GraphQL cohort query over HTTP against the API process, Table 2 and Table 3.</summary>
    public static async Task OverHttpAsync(BenchContext ctx, ApiProcess api, Guid trialId, int patients)
    {
        using var http = api.Client();
        var query = $$"""
            { cohort(trialId: "{{trialId}}") {
                table2 { lines { row patientsTreated withChr withPhr } }
                table3 { subjectId conventionalDisplay lowestAfterIncreaseDisplay responseDisplay } } }
            """;
        async Task Run()
        {
            using var response = await http.PostAsJsonAsync(new Uri("graphql", UriKind.Relative), new { query });
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode || body.Contains("\"errors\"", StringComparison.Ordinal))
                throw new InvalidOperationException($"the cohort query failed: {(int)response.StatusCode} {body[..Math.Min(400, body.Length)]}");
        }
        await Run();
        BenchContext.Progress($"GraphQL cohort query over HTTP, {patients:N0}-patient trial, 1 client");
        Latencies measured;
        double peak;
        await using (var memory = PeakMemory.Of(api.Pid))
        {
            measured = await Latencies.RunAsync(1, ctx.RunFor, (_, _) => Run(), 3);
            peak = memory.PeakMiB;
        }
        var raw = await Latencies.RunAsync(1, ctx.RunFor, (_, _) => ctx.Raw.SelectChartsAsync(EventStore.Schema, trialId, TrialIdExpression), 3);
        ctx.Report.Add(new Figure("cohort query", $"GraphQL `cohort {{ table2 table3 }}` over HTTP, {N(patients)} patients, 1 client (p50 / p99)",
            $"{Ms(measured.P50)} / {Ms(measured.P99)}", $"{Ms(raw.P50)} / {Ms(raw.P99)} (SELECT charts)", Percent(raw.P99 / measured.P99),
            "p99 < 10 ms", Met(measured.P99 < Table2TargetMs), MiB(peak), $"{measured.Count} queries; whole Table 3 returned"));
    }
}
