using TrialMonitor.Api.Audit.Replay;
using TrialMonitor.Api.Infrastructure;
using TrialMonitor.Api.Patients;
using TrialMonitor.Bench.Generation;
using TrialMonitor.Bench.Hosting;
using TrialMonitor.Bench.Measuring;
using static TrialMonitor.Bench.Report;

namespace TrialMonitor.Bench.Scenarios;

/// <summary>
/// A patient with 500 events, seen as of a past time: the events recorded up to then
/// (FetchStreamAsync with a timestamp), folded into the chart, the clinical rules evaluated.
/// The events are appended in 10 transactions, so the timestamps split the stream; the as-of time
/// lies after the 5th. Through the Audit replay API, PatientAudit.AsOfAsync.
/// </summary>
public static class Replay
{
    public const double TargetMs = 10;
    private const int Transactions = 10;

    public static async Task RunAsync(BenchContext ctx, InProcessHost host, int trialNo)
    {
        var store = host.Store;
        var patient = ScaleCohort.LongCourse(ctx.Seed, trialNo, "REPLAY", 500);
        var events = CourseEvents.For(patient);
        var perTransaction = (events.Length + Transactions - 1) / Transactions;
        DateTimeOffset asOf = default;
        for (var t = 0; t < Transactions; t++)
        {
            await using var session = store.LightweightSession();
            var slice = events.Skip(t * perTransaction).Take(perTransaction).ToArray();
            if (t == 0) session.Events.StartStream<Patient>(patient.PatientId, slice);
            else session.Events.Append(patient.PatientId, t * perTransaction + slice.Length, slice);
            await session.SaveChangesAsync();
            if (t == (Transactions / 2) - 1)
            {
                await using var query = store.QuerySession();
                asOf = (await query.Events.FetchStreamStateAsync(patient.PatientId))!.LastTimestamp;
                await Task.Delay(20);
            }
        }

        // The Audit replay API (what the patientAsOf query serves): the stream up to the recorded
        // time, folded with the projection's own fold and evaluated under the trial as it stood then.
        async Task<long> AsOf()
        {
            await using var session = store.QuerySession();
            var chart = await PatientAudit.AsOfAsync(session, patient.PatientId, version: null, recordedAt: asOf, clinicalDate: null,
                today: DateOnly.FromDateTime(DateTime.UtcNow))
                ?? throw new InvalidOperationException("the replay found no patient");
            return chart.Version;
        }

        var seen = await AsOf();
        var runs = ctx.Quick ? 200 : 1000;
        Latencies measured;
        double peak;
        await using (var memory = PeakMemory.OfThisProcess())
        {
            measured = await Latencies.RunAsync(1, TimeSpan.Zero, async (_, _) => await AsOf(), runs);
            peak = memory.PeakMiB;
        }
        var raw = await Latencies.RunAsync(1, TimeSpan.Zero,
            async (_, _) => await ctx.Raw.SelectStreamAsOfAsync(EventStore.Schema, patient.PatientId, asOf), runs);
        ctx.Report.Add(new Figure("as-of replay", $"patient with {events.Length} events, as of after event {seen} (p50 / p99)",
            $"{Ms(measured.P50)} / {Ms(measured.P99)}", $"{Ms(raw.P50)} / {Ms(raw.P99)} (SELECT events)", Percent(raw.P99 / measured.P99),
            "< 10 ms", Met(measured.P99 < TargetMs), MiB(peak),
            $"PatientAudit.AsOfAsync (Audit replay: FetchStreamAsync(timestamp), fold, evaluate under the trial then), {runs} runs"));
    }
}
