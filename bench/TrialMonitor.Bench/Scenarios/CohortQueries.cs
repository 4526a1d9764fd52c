using System.Net.Http.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using TrialMonitor.Api.Cohort;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.GraphQL.Schema.Cohort;
using TrialMonitor.Api.Infrastructure;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Api.Patients.Recording;
using TrialMonitor.Bench.Hosting;
using TrialMonitor.Bench.Measuring;
using static TrialMonitor.Bench.Report;

namespace TrialMonitor.Bench.Scenarios;

/// <summary>
/// The cohort tables of a trial at 1 and 32 concurrent clients, against a raw SELECT of the chart
/// documents they are computed from. Two costs: a read while the trial is unchanged (CohortViews
/// checks the trial's change stamp and returns its cached report), and the first read after a
/// change (the report recomputed from every chart of the trial).
/// </summary>
public static class CohortQueries
{
    public const double Table2TargetMs = 10;
    public const double Table3PageTargetMs = 20;
    private const int PageRows = 100;

    /// <summary>The expression of the chart's trial index (Marten's computed index on the JSON).</summary>
    public const string TrialIdExpression = "CAST(data ->> 'TrialId' as uuid)";

    /// <summary>Table 2 and a 100-line page of Table 3, as the GraphQL resolvers cut them from the report.</summary>
    public static async Task<int> ReadAsync(CohortViews views, Guid trialId)
    {
        var report = await views.ForTrialAsync(trialId, sites: null) ?? throw new InvalidOperationException($"no trial {trialId}");
        return report.Table2.Lines.Count + Table3Pages.Page(report.Table3, PageRows, after: null).Edges!.Count;
    }

    /// <summary>What a process's first read costs: the report computed by views that keep nothing yet.</summary>
    public static async Task RecomputeAsync(IDocumentStore store, Guid trialId) =>
        _ = await new CohortViews(store, new KeptPatients(), TimeProvider.System).ForTrialAsync(trialId, sites: null)
            ?? throw new InvalidOperationException($"no trial {trialId}");

    /// <summary>
    /// The growth table's p50s: a read of an unchanged trial, the first read after one patient's
    /// change (rereads that patient's chart), the full computation a process does on its first read,
    /// and the raw SELECT of every chart.
    /// </summary>
    public static async Task<(double Cached, double AfterChange, double Full, double Raw)> SingleClientAsync(
        BenchContext ctx, InProcessHost host, Guid trialId, IReadOnlyList<Guid> patients, int runs)
    {
        var views = host.Services.GetRequiredService<CohortViews>();
        await ReadAsync(views, trialId); // fills the cache
        var cached = await Latencies.RunAsync(1, TimeSpan.Zero, (_, _) => ReadAsync(views, trialId), minimumPerWorker: 100);
        var afterChange = await AfterChangesAsync(host, views, trialId, patients, runs, $"GROWTH-{patients.Count}");
        var full = await Latencies.RunAsync(1, TimeSpan.Zero, (_, _) => RecomputeAsync(host.Store, trialId), minimumPerWorker: runs);
        var raw = await Latencies.RunAsync(1, TimeSpan.Zero, (_, _) => ctx.Raw.SelectChartsAsync(EventStore.Schema, trialId, TrialIdExpression),
            minimumPerWorker: runs);
        return (cached.P50, afterChange.P50, full.P50, raw.P50);
    }

    /// <summary>One blood count recorded for a patient, then the read that has to bring the report up to date, timed.</summary>
    private static async Task<Latencies> AfterChangesAsync(InProcessHost host, CohortViews views, Guid trialId, IReadOnlyList<Guid> patients,
        int runs, string run)
    {
        var bus = host.NewBus();
        var reads = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            await bus.InvokeAsync<EntryResult>(new RecordEntry(new BloodCountRecorded(patients[i], $"COHORT-{run}-{i}", Appends.Count)), InProcessHost.Writer);
            reads.Add((await Latencies.TimeAsync(() => ReadAsync(views, trialId))).TotalMilliseconds);
        }
        return new Latencies(reads, TimeSpan.FromMilliseconds(reads.Sum()));
    }

    public static async Task RunAsync(BenchContext ctx, InProcessHost host, Guid trialId, int trialPatients, IReadOnlyList<Guid> writable)
    {
        var views = host.Services.GetRequiredService<CohortViews>();
        await ReadAsync(views, trialId);
        foreach (var clients in new[] { 1, 32 })
        {
            BenchContext.Progress($"cohort tables of the {trialPatients:N0}-patient trial, {clients} clients, unchanged trial");
            Latencies measured;
            double peak;
            await using (var memory = PeakMemory.OfThisProcess())
            {
                measured = await Latencies.RunAsync(clients, ctx.RunFor, (_, _) => ReadAsync(views, trialId), minimumPerWorker: 20);
                peak = memory.PeakMiB;
            }
            var raw = await Latencies.RunAsync(clients, TimeSpan.Zero,
                (_, _) => ctx.Raw.SelectChartsAsync(EventStore.Schema, trialId, TrialIdExpression), minimumPerWorker: clients == 1 ? 3 : 1);
            var of = $"{N(trialPatients)}-patient trial, {clients} client{(clients == 1 ? "" : "s")}";
            var note = $"{measured.Count} reads of the cached report (one primary-key read of the trial's change stamp each); "
                + $"{N(measured.PerSecond)} reads/s vs raw {N(raw.PerSecond, 2)} SELECTs/s";
            ctx.Report.Add(new Figure("cohort query", $"Table 2, {of}, unchanged trial (p50 / p99)",
                $"{Ms(measured.P50)} / {Ms(measured.P99)}", $"{Ms(raw.P50)} / {Ms(raw.P99)} (SELECT charts)",
                Percent(raw.P99 / measured.P99), "p99 < 10 ms", Met(measured.P99 < Table2TargetMs), MiB(peak), note));
            ctx.Report.Add(new Figure("cohort query", $"Table 3, a {PageRows}-line page, same calls, {of}",
                $"{Ms(measured.P50)} / {Ms(measured.P99)}", $"{Ms(raw.P50)} / {Ms(raw.P99)}",
                Percent(raw.P99 / measured.P99), "p99 < 20 ms", Met(measured.P99 < Table3PageTargetMs), MiB(peak),
                "Table 2 and the page come from the same report, so each call reads both"));
        }

        // After a change: one blood count recorded, then the read that has to bring the report up to date.
        BenchContext.Progress($"cohort tables of the {trialPatients:N0}-patient trial after each change");
        var changed = await AfterChangesAsync(host, views, trialId, writable, 10, "CHANGE");
        var full = await Latencies.RunAsync(1, TimeSpan.Zero, (_, _) => RecomputeAsync(host.Store, trialId), 3);
        var rawOnce = await Latencies.RunAsync(1, TimeSpan.Zero, (_, _) => ctx.Raw.SelectChartsAsync(EventStore.Schema, trialId, TrialIdExpression), 3);
        ctx.Report.Add(new Figure("cohort query", $"Tables 2 and 3, {N(trialPatients)}-patient trial, first read after a change (p50 / max)",
            $"{Ms(changed.P50)} / {Ms(changed.Percentile(100))}", $"{Ms(rawOnce.P50)} / {Ms(rawOnce.Percentile(100))} (SELECT charts)",
            Percent(rawOnce.P50 / changed.P50), "", "", "",
            $"rereads the changed patient's chart and scans the ids and versions of the others, then recomputes the tables; "
            + $"a process's first read computes from every chart: p50 {Ms(full.P50)}"));
    }

    /// <summary>The GraphQL cohort query over HTTP against the API process: Table 2 and a page of Table 3.</summary>
    public static async Task OverHttpAsync(BenchContext ctx, ApiProcess api, Guid trialId, int patients)
    {
        using var http = api.Client();
        var query = $$"""
            { cohort(trialId: "{{trialId}}") {
                table2 { lines { row patientsTreated withChr withPhr } }
                table3Page(first: {{PageRows}}) { totalCount edges { node { subjectId conventionalDisplay lowestAfterIncreaseDisplay responseDisplay } } } } }
            """;
        async Task Run()
        {
            using var response = await http.PostAsJsonAsync(new Uri("graphql", UriKind.Relative), new { query });
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode || body.Contains("\"errors\"", StringComparison.Ordinal))
                throw new InvalidOperationException($"the cohort query failed: {(int)response.StatusCode} {body[..Math.Min(400, body.Length)]}");
        }
        // The API process has not read this cohort yet: its first read computes the report from what is stored.
        var first = await Latencies.TimeAsync(Run);
        var rawFirst = await Latencies.RunAsync(1, TimeSpan.Zero, (_, _) => ctx.Raw.SelectChartsAsync(EventStore.Schema, trialId, TrialIdExpression), 1);
        ctx.Report.Add(new Figure("cohort query", $"the same GraphQL query, the API process's first cohort read, {N(patients)} patients",
            Ms(first.TotalMilliseconds), $"{Ms(rawFirst.P50)} (SELECT charts)", Percent(rawFirst.P50 / first.TotalMilliseconds),
            "< 1 s", Met(first.TotalMilliseconds < 1_000), "", "one read, timed once"));
        foreach (var clients in new[] { 1, 32 })
        {
            BenchContext.Progress($"GraphQL cohort query over HTTP, {patients:N0}-patient trial, {clients} clients");
            Latencies measured;
            double peak;
            await using (var memory = PeakMemory.Of(api.Pid))
            {
                measured = await Latencies.RunAsync(clients, ctx.RunFor, (_, _) => Run(), 20);
                peak = memory.PeakMiB;
            }
            var raw = await Latencies.RunAsync(clients, TimeSpan.Zero,
                (_, _) => ctx.Raw.SelectChartsAsync(EventStore.Schema, trialId, TrialIdExpression), clients == 1 ? 3 : 1);
            ctx.Report.Add(new Figure("cohort query",
                $"GraphQL `cohort {{ table2 table3Page(first: {PageRows}) }}` over HTTP, {N(patients)} patients, {clients} client{(clients == 1 ? "" : "s")}, unchanged trial (p50 / p99)",
                $"{Ms(measured.P50)} / {Ms(measured.P99)}", $"{Ms(raw.P50)} / {Ms(raw.P99)} (SELECT charts)", Percent(raw.P99 / measured.P99),
                "p99 < 10 ms", Met(measured.P99 < Table2TargetMs), MiB(peak), $"{measured.Count} queries, {N(measured.PerSecond)} queries/s"));
        }
    }
}
