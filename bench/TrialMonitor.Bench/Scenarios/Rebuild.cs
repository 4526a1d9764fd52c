using JasperFx.Events.Daemon;
using IProjectionCoordinator = Marten.Events.Daemon.Coordination.IProjectionCoordinator;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using TrialMonitor.Api.Alerts;
using TrialMonitor.Api.Infrastructure;
using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Trials;
using TrialMonitor.Bench.Hosting;
using TrialMonitor.Bench.Measuring;
using static TrialMonitor.Bench.Report;

namespace TrialMonitor.Bench.Scenarios;

/// <summary>
/// A full rebuild of every projection (Trial, PatientChart inline; Alerts async) from all stored
/// events, against reading the same events with raw Npgsql. The running daemon is paused around it.
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
        TimeSpan total = TimeSpan.Zero;
        double peak;
        await using (var memory = PeakMemory.OfThisProcess())
        {
            using var daemon = await store.BuildProjectionDaemonAsync();
            foreach (var (name, type) in new[] { ("Trial", typeof(Trial)), ("PatientChart", typeof(PatientChartProjection)), (AlertProjection.Name, (Type?)null) })
            {
                BenchContext.Progress($"rebuild {name} over {events:N0} events");
                var took = await Latencies.TimeAsync(() => type == typeof(PatientChartProjection)
                    ? daemon.RebuildProjectionAsync(type, TimeSpan.FromMinutes(30), CancellationToken.None)
                    : daemon.RebuildProjectionAsync(name, TimeSpan.FromMinutes(30), CancellationToken.None));
                total += took;
                parts.Add($"{name} {took.TotalSeconds:0.0} s");
            }
            peak = memory.PeakMiB;
        }
        await coordinator.ResumeAsync();

        var raw = await Latencies.TimeAsync(() => ctx.Raw.ReadAllEventsAsync(EventStore.Schema));
        var rate = events / total.TotalSeconds;
        var rawRate = events / raw.TotalSeconds;
        ctx.Report.Add(new Figure("rebuild", $"all projections, {N(events)} events{(ctx.Quick ? " (quick: not 1 M)" : "")}",
            $"{N(rate)} events/s", $"{N(rawRate)} events/s (read all)", Percent(rate / rawRate),
            $"≥ {N(TargetEventsPerSecond)} events/s", Met(rate >= TargetEventsPerSecond), MiB(peak),
            string.Join(", ", parts)));
    }
}
