namespace TrialMonitor.Api.Tests.Support;

/// <summary>Waits for something another thread or process does, checking every 100 ms without holding a thread.</summary>
internal static class Poll
{
    public static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(100);
        }
        return true;
    }
}
