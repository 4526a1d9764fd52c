using System.Diagnostics;
using System.Text.RegularExpressions;
using Marten;
using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Trials;
using TrialMonitor.Bench.Baseline;
using TrialMonitor.Bench.Generation;
using TrialMonitor.Bench.Hosting;
using TrialMonitor.Bench.Measuring;

namespace TrialMonitor.Bench.Scenarios;

/// <summary>What ingesting one generated trial cost, through Marten and as raw rows.</summary>
public sealed record IngestResult(string Code, Guid TrialId, int Patients, long Events, TimeSpan Marten, TimeSpan Copy,
    TimeSpan Insert, double PeakMiB, IReadOnlyList<Guid> PatientIds, IReadOnlyList<Guid> WritablePatientIds)
{
    public double EventsPerSecond => Events / Marten.TotalSeconds;
    public double CopyEventsPerSecond => Events / Copy.TotalSeconds;
    public double InsertEventsPerSecond => Events / Insert.TotalSeconds;
}

/// <summary>
/// The bulk form of the write path: a generated trial is registered through its command, then
/// its patients' events are appended with session.Events.StartStream, many patients per
/// transaction (Marten's quick append, the store's default), the inline projections (patient
/// charts) written in the same transactions. The same rows go to PostgreSQL raw, by COPY
/// (binary) and by multi-row INSERTs, in the same run.
/// </summary>
public static class Ingest
{
    public const int PatientsPerChunk = 2_000;
    public const int EventsPerTransaction = 5_000;
    public const int ConcurrentTransactions = 2;

    public static async Task<IngestResult> TrialAsync(BenchContext ctx, InProcessHost host, int trialNo, string code, int patients,
        bool raw = true)
    {
        var store = host.Store;
        var trial = ScaleCohort.Trial(ctx.Seed, trialNo, code);
        await host.NewBus().InvokeAsync<Trial>(trial);

        TimeSpan marten = TimeSpan.Zero, copy = TimeSpan.Zero, insert = TimeSpan.Zero;
        long events = 0;
        var ids = new List<Guid>(patients);
        var writable = new List<Guid>(patients);
        var progress = Stopwatch.StartNew();
        await using var memory = PeakMemory.OfThisProcess();
        foreach (var chunk in ScaleCohort.Patients(ctx.Seed, trialNo, code, patients).Chunk(PatientsPerChunk))
        {
            var streams = chunk.Select(p => (p.PatientId, Events: CourseEvents.For(p))).ToArray();
            ids.AddRange(streams.Select(s => s.PatientId));
            writable.AddRange(chunk.Where(p => Appends.CanRecordCount(p.Course)).Select(p => p.PatientId));
            events += streams.Sum(s => s.Events.Length);
            marten += await Latencies.TimeAsync(() => AppendAsync(store, streams));

            if (raw)
            {
                var rows = streams.SelectMany(s => s.Events.Select((e, i) =>
                    new RawEvent(Guid.NewGuid(), s.PatientId, i + 1, TypeName(e), BenchContext.Json(store, e)))).ToArray();
                var streamRows = streams.Select(s => (s.PatientId, (long)s.Events.Length)).ToArray();
                copy += await Latencies.TimeAsync(() => ctx.Raw.CopyAsync(rows, streamRows));
                insert += await Latencies.TimeAsync(() => ctx.Raw.InsertManyAsync(rows, streamRows));
            }
            BenchContext.Progress($"ingest {code}: {ids.Count:N0}/{patients:N0} patients, {events:N0} events, "
                + $"{events / marten.TotalSeconds:N0} events/s through Marten ({progress.Elapsed.TotalSeconds:N0} s)");
        }
        return new IngestResult(code, trial.TrialId, patients, events, marten, copy, insert, memory.PeakMiB, ids, writable);
    }

    /// <summary>Appends whole streams, <see cref="EventsPerTransaction"/> events a transaction, two transactions at a time.</summary>
    public static async Task AppendAsync(IDocumentStore store, IReadOnlyList<(Guid PatientId, object[] Events)> streams)
    {
        var batches = new List<List<(Guid, object[])>>();
        var current = new List<(Guid, object[])>();
        var pending = 0;
        foreach (var stream in streams)
        {
            current.Add(stream);
            pending += stream.Events.Length;
            if (pending < EventsPerTransaction) continue;
            batches.Add(current);
            current = [];
            pending = 0;
        }
        if (current.Count > 0) batches.Add(current);

        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentTransactions }, async (batch, ct) =>
        {
            await using var session = store.LightweightSession();
            foreach (var (id, events) in batch) session.Events.StartStream<Patient>(id, events);
            await session.SaveChangesAsync(ct);
        });
    }

    /// <summary>Marten's event type alias: the class name in snake case (BloodCountRecorded → blood_count_recorded).</summary>
    public static string TypeName(object e) =>
        Regex.Replace(e.GetType().Name, "(?<=[a-z0-9])([A-Z])", "_$1").ToLowerInvariant();
}
