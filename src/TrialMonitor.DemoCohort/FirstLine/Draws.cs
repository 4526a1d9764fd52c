namespace TrialMonitor.DemoCohort.FirstLine;

/// <summary>
/// The generator's only source of chance: System.Random with a fixed seed (the same sequence on every
/// platform), drawn as whole numbers and turned into decimals, so no floating-point rounding or culture
/// can make two machines generate different courses.
/// </summary>
internal sealed class Draws(int seed)
{
    private readonly Random random = new(seed);

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, both included.</summary>
    public int Int(int min, int max) => random.Next(min, max + 1);

    /// <summary>A decimal with two decimal places from <paramref name="min"/> to <paramref name="max"/>, both included.</summary>
    public decimal Between(decimal min, decimal max) => Int((int)(min * 100m), (int)(max * 100m)) / 100m;

    /// <summary>A decimal with one decimal place, as a blood count is reported.</summary>
    public decimal Tenths(decimal min, decimal max) => Int((int)(min * 10m), (int)(max * 10m)) / 10m;

    /// <summary>True with the given chance in percent.</summary>
    public bool Chance(int percent) => random.Next(100) < percent;

    /// <summary>Fisher–Yates, written out so the order depends on the seed alone.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
