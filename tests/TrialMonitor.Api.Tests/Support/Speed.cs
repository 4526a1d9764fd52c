namespace TrialMonitor.Api.Tests.Support;

/// <summary>
/// The trait of the test classes that start API processes or a browser, or read the paper's demo trial: most of the
/// suite's minutes. <c>./ops/test --filter "Speed!=slow"</c> runs the others (README, "Two commands").
/// </summary>
public static class Speed
{
    public const string Trait = "Speed";
    public const string Slow = "slow";
}
