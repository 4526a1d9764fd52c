using System.Diagnostics;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Odm.Importing;
using TrialMonitor.Api.Odm.Layout;
using TrialMonitor.Api.Trials;
using TrialMonitor.Bench.Generation;
using TrialMonitor.Bench.Hosting;
using TrialMonitor.Bench.Measuring;
using static TrialMonitor.Bench.Report;
using Importer = TrialMonitor.Api.Odm.Importing.OdmImport;

namespace TrialMonitor.Bench.Scenarios;

/// <summary>
/// ./ops/bench --odm [--items N]: generated trials written as ODM files of N/10 and N items (1 000 000 unless --items
/// says otherwise; <see cref="OdmImportFile"/>, streamed to disk) and imported as ./ops/import-odm does, through the
/// full write path (every item group one command through the door), one subject at a time. Items/s and entries/s,
/// next to the bulk path (StartStream of the same patients' events) and raw COPY of them; the peak memory of both
/// imports, flat when the larger file's peak is no more than the smaller's plus a margin. Then the same as
/// Transactional files (an audit stream, one item per message, subjects interleaved, later corrections), whose import
/// holds a bounded number of subjects in memory and spills the others: its rate next to the Snapshot file's, and its
/// peak memory at both sizes.
/// </summary>
public static class OdmImport
{
    private const int FirstTrialNo = 40;

    /// <summary>The import's peak may exceed the smaller file's by this much and still count as flat (the host's own growth).</summary>
    private const double FlatMarginMiB = 64;

    public static async Task RunAsync(BenchContext ctx, InProcessHost host, long items)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(host);
        long[] sizes = [Math.Max(1, items / 10), items];
        var runs = new List<OdmImportRun>();
        foreach (var size in sizes)
            runs.Add(await ImportAsync(ctx, host, FirstTrialNo + runs.Count, size, transactional: false));
        var (small, large) = (runs[0], runs[1]);
        var bulk = await Ingest.TrialAsync(ctx, host, FirstTrialNo + runs.Count, "ODMBULK", large.Patients);
        var flat = large.PeakMiB <= small.PeakMiB + FlatMarginMiB;
        ctx.Report.Add(new Figure("ODM import",
            $"a generated trial as TrialMonitor's own ODM 1.3.2 file, {N(large.Items)} items ({N(large.Patients)} patients, {N(large.Entries)} entries), " +
            "imported through the full write path (./ops/import-odm's work)",
            $"{N(large.Items / large.Elapsed.TotalSeconds)} items/s, {N(large.Entries / large.Elapsed.TotalSeconds)} entries/s ({large.Elapsed.TotalSeconds:0} s)",
            $"bulk path {N(bulk.EventsPerSecond)} events/s, raw COPY {N(bulk.CopyEventsPerSecond)} events/s (the same patients' events)",
            Percent(large.Entries / large.Elapsed.TotalSeconds / bulk.EventsPerSecond), "memory flat in file size", flat ? "flat" : "**not flat**",
            $"{MiB(large.PeakMiB)} ({N(small.Items)} items: {MiB(small.PeakMiB)})",
            $"{N(small.Items)} items: {N(small.Items / small.Elapsed.TotalSeconds)} items/s; {large.Refused} items refused; peak is the whole bench process " +
            $"(its host included); flat = within {FlatMarginMiB:0} MiB of the smaller file's peak"));

        var streams = new List<OdmImportRun>();
        foreach (var size in sizes)
            streams.Add(await ImportAsync(ctx, host, FirstTrialNo + runs.Count + 1 + streams.Count, size, transactional: true));
        // The larger stream again, every subject held in memory to the end of the file (the import before it spilled).
        var allHeld = await ImportAsync(ctx, host, FirstTrialNo + runs.Count + 1 + streams.Count, items, transactional: true, subjectsHeld: int.MaxValue);
        var (smallStream, largeStream) = (streams[0], streams[1]);
        var streamFlat = largeStream.PeakMiB <= smallStream.PeakMiB + FlatMarginMiB;
        ctx.Report.Add(new Figure("ODM import, audit stream",
            $"a generated trial as a Transactional ODM file (an EDC's audit stream): {N(largeStream.Items)} items, one per message, " +
            $"{N(largeStream.Patients)} subjects of {OdmImportFile.EntriesPerSubject} entries, {OdmImportFile.SubjectsOpen} entered at once, " +
            $"{N(largeStream.Corrections)} later corrections of an item; imported holding {Importer.DefaultSubjectsHeld} subjects in memory",
            $"{N(largeStream.Items / largeStream.Elapsed.TotalSeconds)} items/s, {N(largeStream.Entries / largeStream.Elapsed.TotalSeconds)} entries/s ({largeStream.Elapsed.TotalSeconds:0} s)",
            $"the Snapshot file of {N(large.Items)} items: {N(large.Items / large.Elapsed.TotalSeconds)} items/s",
            Percent(largeStream.Items / largeStream.Elapsed.TotalSeconds / (large.Items / large.Elapsed.TotalSeconds)), "memory flat in file size",
            streamFlat ? "flat" : "**not flat**",
            $"{MiB(largeStream.PeakMiB)} ({N(smallStream.Items)} items: {MiB(smallStream.PeakMiB)}; every subject held: {MiB(allHeld.PeakMiB)})",
            $"{N(largeStream.Entries)} entries appended, {N(largeStream.Corrected)} of them corrections; a subject written to disk {N(largeStream.Spilled)} times " +
            $"({N(smallStream.Items)} items, {N(smallStream.Patients)} subjects: {N(smallStream.Spilled)}); {largeStream.Refused} items refused; " +
            $"{N(smallStream.Items)} items: {N(smallStream.Items / smallStream.Elapsed.TotalSeconds)} items/s; every subject held in memory: " +
            $"{N(allHeld.Items / allHeld.Elapsed.TotalSeconds)} items/s; flat = within {FlatMarginMiB:0} MiB of the smaller file's peak"));
    }

    private static async Task<OdmImportRun> ImportAsync(BenchContext ctx, InProcessHost host, int trialNo, long items, bool transactional,
        int subjectsHeld = Importer.DefaultSubjectsHeld)
    {
        var code = $"ODM{(transactional ? "T" : "")}{items / 1000}K{(subjectsHeld == int.MaxValue ? "ALL" : "")}";
        var trial = ScaleCohort.Trial(ctx.Seed, trialNo, code);
        await host.NewBus().InvokeAsync<Trial>(trial);
        var path = Path.Combine(ctx.LogDirectory, $"{code}.odm.xml");
        var generated = ScaleCohort.Patients(ctx.Seed, trialNo, code, int.MaxValue);
        var (patients, written, corrections) = (0, 0L, 0);
        if (transactional) (patients, written, corrections) = await OdmImportFile.WriteTransactionalAsync(path, trial, generated, items);
        else (patients, written) = await OdmImportFile.WriteAsync(path, trial, generated, items);
        BenchContext.Progress($"ODM {code}: {N(written)} items of {N(patients)} patients written to {path} ({new FileInfo(path).Length / 1048576.0:0} MiB); importing");
        var refused = 0;
        OdmImportSummary summary;
        double peak;
        await using (var memory = PeakMemory.OfThisProcess())
        {
            var clock = Stopwatch.StartNew();
            await using (var file = File.OpenRead(path))
            {
                summary = await Importer.For(host.Services, subjectsHeld).RunAsync(file, OdmLayoutMapping.Mapping,
                    new OdmImportRequest(trial.TrialId, Path.GetFileName(path), "bench", "system", WriteScope.AllSites, DryRun: false), _ => refused++,
                    progress => { if (clock.Elapsed.TotalSeconds % 10 < 1) BenchContext.Progress($"ODM {code}: {progress}"); });
            }
            peak = memory.PeakMiB;
        }
        File.Delete(path);
        BenchContext.Progress($"ODM {code}: {summary}");
        return new OdmImportRun(summary.ItemsRead, patients, summary.Appended, refused, summary.Elapsed, peak, corrections, summary.Corrected, summary.SubjectsSpilled);
    }

    private sealed record OdmImportRun(long Items, int Patients, long Entries, int Refused, TimeSpan Elapsed, double PeakMiB, int Corrections, int Corrected,
        long Spilled);
}
