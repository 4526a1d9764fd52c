using System.Diagnostics;
using JasperFx.Events.Projections;
using Marten;
using TrialMonitor.Api.Commands;

namespace TrialMonitor.Api.Infrastructure;

/// <summary>
/// <c>rebuild [PROJECTION...]</c> (./ops/rebuild): for an operator who changed the rules, rebuilds the named Marten
/// projections (default all) from the events, with progress on the error stream and the events/s each reached.
/// Exits 0 when rebuilt, 2 for an unknown projection (naming the known ones).
/// </summary>
public static class RebuildCommand
{
    public const string Usage = "usage: rebuild [PROJECTION...]   (no projection: all)";

    public static readonly ProcessCommand Command = new("rebuild", Usage,
        "Rebuilds projections from the events (./ops/rebuild). The named Marten projections, default all, with progress and the events/s reached; "
        + "stop the API first, its async daemon would run beside the rebuild. Exits 0 when rebuilt, 2 for an unknown projection.",
        CommandHost.Services, RunAsync);

    /// <summary>How often a rebuild reports its progress.</summary>
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(2);

    internal static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error,
        CancellationToken cancellation = default)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        var known = services.GetRequiredService<StoreOptions>().Projections.All.Select(projection => projection.Name).Order(StringComparer.Ordinal).ToList();
        var unknown = args.Where(name => !known.Contains(name)).ToList();
        if (args.Any(arg => arg.StartsWith('-')) || unknown.Count > 0)
        {
            error.WriteLine($"{Usage}\nno projection {string.Join(", ", unknown.Select(name => $"'{name}'"))}; the projections are: {string.Join(", ", known)}");
            return ProcessCommand.BadArguments;
        }

        var events = (await store.Advanced.FetchEventStoreStatistics(token: cancellation)).EventCount;
        using var daemon = await store.BuildProjectionDaemonAsync();
        foreach (var name in args.Count == 0 ? known : args.Distinct())
        {
            var clock = Stopwatch.StartNew();
            using (daemon.Tracker.Subscribe(new Progress(name, events, clock, error)))
                await daemon.RebuildProjectionAsync(name, cancellation);
            var seconds = Math.Max(clock.Elapsed.TotalSeconds, 0.001);
            output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{name}: rebuilt from {events} events in {seconds:0.0} s ({events / seconds:0} events/s)"));
        }
        return 0;
    }

    /// <summary>Prints a rebuilding projection's position among the events, at most every <see cref="ProgressEvery"/>.</summary>
    private sealed class Progress(string projection, long events, Stopwatch clock, TextWriter error) : IObserver<ShardState>
    {
        private TimeSpan _printed;

        public void OnNext(ShardState value)
        {
            if (!value.ShardName.StartsWith(projection + ":", StringComparison.Ordinal) || clock.Elapsed - _printed < ProgressEvery) return;
            _printed = clock.Elapsed;
            error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{projection}: {value.Sequence} of {events} events ({value.Sequence / clock.Elapsed.TotalSeconds:0} events/s)"));
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
