using System.Diagnostics;

namespace TrialMonitor.Bench.Measuring;

/// <summary>Latencies of one run of work: throughput over the wall time, and percentiles.</summary>
public sealed class Latencies(IReadOnlyList<double> milliseconds, TimeSpan elapsed, int failures = 0)
{
    public int Count => milliseconds.Count;

    /// <summary>Calls that threw (timed until they did), when the run was asked to tolerate failures.</summary>
    public int Failures => failures;
    public TimeSpan Elapsed => elapsed;
    public double PerSecond => Count / elapsed.TotalSeconds;

    public double Percentile(double p)
    {
        if (milliseconds.Count == 0) return double.NaN;
        var sorted = milliseconds.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    /// <summary>The calls from <paramref name="skip"/> on, <paramref name="take"/> of them (in call order for one worker).</summary>
    public Latencies Window(int skip, int take)
    {
        var window = milliseconds.Skip(skip).Take(take).ToList();
        return new Latencies(window, TimeSpan.FromMilliseconds(window.Sum()));
    }

    public double P50 => Percentile(50);
    public double P99 => Percentile(99);

    /// <summary>
    /// Runs <paramref name="work"/> on <paramref name="workers"/> concurrent workers, each calling it
    /// with its worker number and its own call count until the duration is over (at least
    /// <paramref name="minimumPerWorker"/> calls each), and times every call.
    /// </summary>
    public static async Task<Latencies> RunAsync(int workers, TimeSpan duration, Func<int, int, Task> work, int minimumPerWorker = 1,
        bool tolerateFailures = false)
    {
        var all = new List<double>[workers];
        var failed = 0;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var mine = all[w] = [];
            for (var i = 0; total.Elapsed < duration || i < minimumPerWorker; i++)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await work(w, i);
                }
                catch (Exception) when (tolerateFailures)
                {
                    Interlocked.Increment(ref failed);
                }
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        total.Stop();
        return new Latencies([.. all.SelectMany(x => x)], total.Elapsed, failed);
    }

    /// <summary>Times one piece of work.</summary>
    public static async Task<TimeSpan> TimeAsync(Func<Task> work)
    {
        var started = Stopwatch.GetTimestamp();
        await work();
        return Stopwatch.GetElapsedTime(started);
    }
}
