using System.Diagnostics;
using TrialMonitor.Api.Cdisc;
using TrialMonitor.Api.Cdisc.DatasetJson;
using TrialMonitor.Api.Infrastructure;
using TrialMonitor.Bench.Hosting;
using TrialMonitor.Bench.Measuring;
using static TrialMonitor.Bench.Report;

namespace TrialMonitor.Bench.Scenarios;

/// <summary>
/// The CDISC exports of a generated trial (10 000 patients in the quick and full runs): every SDTM
/// and ADaM dataset in one pass over the charts, as ./ops/export-cdisc does, each written as
/// Dataset-JSON (to a null stream: the figure is the export, not the disk); rows per second and the
/// process's peak working set, against a raw SELECT of every event of the trial's patients.
/// </summary>
public static class CdiscExports
{
    public static async Task RunAsync(BenchContext ctx, InProcessHost host, Guid trialId, int patients)
    {
        long rows;
        TimeSpan elapsed;
        double peak;
        await using (var memory = PeakMemory.OfThisProcess())
        {
            var clock = Stopwatch.StartNew();
            rows = await ExportAsync(host, trialId);
            elapsed = clock.Elapsed;
            peak = memory.PeakMiB;
        }

        var rawClock = Stopwatch.StartNew();
        var events = await ctx.Raw.SelectTrialEventsAsync(EventStore.Schema, trialId, CohortQueries.TrialIdExpression);
        var raw = rawClock.Elapsed;

        var rowsPerSecond = rows / elapsed.TotalSeconds;
        var eventsPerSecond = events / raw.TotalSeconds;
        ctx.Report.Add(new Figure("CDISC export",
            $"all {CdiscDatasets.All.Count} SDTM and ADaM datasets of a {N(patients)}-patient trial as Dataset-JSON, one pass (./ops/export-cdisc's work)",
            $"{N(rowsPerSecond)} rows/s ({N(rows)} rows in {elapsed.TotalSeconds:0.0} s)",
            $"{N(eventsPerSecond)} events/s ({N(events)} events in {raw.TotalSeconds:0.0} s, SELECT of the trial's events)",
            Percent(elapsed.TotalSeconds == 0 ? 0 : raw.TotalSeconds / elapsed.TotalSeconds), "memory flat in trial size", "", MiB(peak),
            "charts read 100 at a time, rows spooled to temporary files; peak is the whole bench process (its host and kept cohort inputs included)"));
    }

    /// <summary>What ./ops/export-cdisc does, to a null stream; returns the rows written.</summary>
    public static async Task<long> ExportAsync(InProcessHost host, Guid trialId)
    {
        ArgumentNullException.ThrowIfNull(host);
        await using var session = host.Store.QuerySession();
        var now = DateTimeOffset.UtcNow;
        var source = await CdiscSource.OpenAsync(session, trialId, sites: null, asOf: null, now)
            ?? throw new InvalidOperationException($"no trial {trialId}");
        var spools = await CdiscExport.SpoolAsync(session, source, CdiscDatasets.All, now);
        long rows = 0;
        foreach (var spool in spools)
        {
            await using (spool)
            {
                await DatasetJsonFormats.WriteJsonAsync(spool, Stream.Null);
                rows += spool.Count;
            }
        }
        return rows;
    }
}
