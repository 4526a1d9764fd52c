using System.Globalization;

namespace TrialMonitor.Bench.Measuring;

/// <summary>
/// Peak resident memory (working set) of a process during a piece of work: the kernel's
/// high-water mark (VmHWM) reset at the start by writing 5 to /proc/PID/clear_refs, and a
/// 20 ms sampler of VmRSS as a fallback where the reset is not permitted.
/// </summary>
public sealed class PeakMemory : IAsyncDisposable
{
    private readonly int pid;
    private readonly bool reset;
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampler;
    private long sampledPeakKb;

    private PeakMemory(int pid)
    {
        this.pid = pid;
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            reset = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reset = false;
        }
        sampler = Task.Run(SampleAsync);
    }

    public static PeakMemory Of(int pid) => new(pid);

    public static PeakMemory OfThisProcess() => new(Environment.ProcessId);

    /// <summary>Peak working set in MiB since this watch started.</summary>
    public double PeakMiB
    {
        get
        {
            var peak = Math.Max(sampledPeakKb, reset ? Read("VmHWM:") : 0);
            return peak / 1024.0;
        }
    }

    private async Task SampleAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            sampledPeakKb = Math.Max(sampledPeakKb, Read("VmRSS:"));
            try { await Task.Delay(20, stop.Token); }
            catch (OperationCanceledException) { break; }
        }
    }

    private long Read(string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith(field, StringComparison.Ordinal))
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException) { }
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        sampledPeakKb = Math.Max(sampledPeakKb, Read("VmRSS:"));
        await stop.CancelAsync();
        await sampler;
        stop.Dispose();
    }
}
