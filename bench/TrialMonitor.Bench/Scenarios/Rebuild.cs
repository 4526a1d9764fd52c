using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using TrialMonitor.Api.Alerts;
using TrialMonitor.Api.Infrastructure;
using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Api.Trials;
using TrialMonitor.Bench.Hosting;
using TrialMonitor.Bench.Measuring;
using static TrialMonitor.Bench.Report;
using IProjectionCoordinator = Marten.Events.Daemon.Coordination.IProjectionCoordinator;

namespace TrialMonitor.Bench.Scenarios;

/// <summary>
/// A full rebuild of every projection (Trial, the patient's write model, its entries by key, PatientChart inline;
/// Alerts async; not the audit chain, which is evidence and never rebuilt) from all stored
/// events, each alone and then all together, against reading the same events with raw Npgsql.
/// The running daemon is paused around it.
/// </summary>
public static class Rebuild
{
    public const double TargetEventsPerSecond = 50_000;

    public static async Task RunAsync(BenchContext ctx, InProcessHost host)
    {
        var store = host.Store;
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(30));
        long events;
        await using (var session = store.QuerySession())
            events = await session.Events.QueryAllRawEvents().CountAsync();

        var coordinator = host.Services.GetRequiredService<IProjectionCoordinator>();
        await coordinator.PauseAsync();
        var parts = new List<string>();
        TimeSpan together;
        double peak;
        await using (var memory = PeakMemory.OfThisProcess())
        {
            using var daemon = await store.BuildProjectionDaemonAsync();
            Task RebuildAsync(string name, Type? type) => type is null
                ? daemon.RebuildProjectionAsync(name, TimeSpan.FromMinutes(30), CancellationToken.None)
                : daemon.RebuildProjectionAsync(type, TimeSpan.FromMinutes(30), CancellationToken.None);
            var projections = new[]
            {
                ("Trial", typeof(Trial)), (PatientWriteModel.Name, null),
                (PatientChartProjection.Name, null), (AlertProjection.Name, (Type?)null),
            };
            // One at a time, for what each costs; then all together, as an operator rebuilds after a release.
            foreach (var (name, type) in projections)
            {
                BenchContext.Progress($"rebuild {name} over {events:N0} events");
                var took = await Latencies.TimeAsync(() => RebuildAsync(name, type));
                parts.Add($"{name} alone {took.TotalSeconds:0.0} s ({N(events / took.TotalSeconds)} events/s)");
            }
            BenchContext.Progress($"rebuild all projections together over {events:N0} events");
            together = await Latencies.TimeAsync(() => Task.WhenAll(projections.Select(p => RebuildAsync(p.Item1, p.Item2))));
            peak = memory.PeakMiB;
        }
        await coordinator.ResumeAsync();

        var raw = await Latencies.TimeAsync(() => ctx.Raw.ReadAllEventsAsync(EventStore.Schema));
        var rate = events / together.TotalSeconds;
        var rawRate = events / raw.TotalSeconds;
        ctx.Report.Add(new Figure("rebuild", $"all projections together, {N(events)} events{(ctx.Quick ? " (quick: not 1 M)" : "")}",
            $"{N(rate)} events/s", $"{N(rawRate)} events/s (read all)", Percent(rate / rawRate),
            $"≥ {N(TargetEventsPerSecond)} events/s", Met(rate >= TargetEventsPerSecond), MiB(peak),
            string.Join(", ", parts)));
    }
}
