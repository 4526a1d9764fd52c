using System.Globalization;

namespace TrialMonitor.Clinical.Cohort;

/// <summary>A count of patients out of those with the value known, printed as the paper does: "23 (43)".</summary>
public sealed record PatientCount(int Count, int Of)
{
    public int Percent => Of == 0 ? 0 : (int)Math.Round(100m * Count / Of, MidpointRounding.AwayFromZero);

    public string Display => $"{Count} ({Percent})";
}

/// <summary>A median with its range, printed in whole units rounded down: "19 (14-26)".</summary>
public sealed record MedianRange(decimal Median, decimal Minimum, decimal Maximum, int N)
{
    public string Display => $"{Whole(Median)} ({Whole(Minimum)}-{Whole(Maximum)})";

    public static MedianRange? Of(IEnumerable<decimal> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2m;
        return new MedianRange(median, sorted[0], sorted[^1], sorted.Count);
    }

    internal static string Whole(decimal value) => Math.Floor(value).ToString(CultureInfo.InvariantCulture);
}

/// <summary>Clinical months: days / 30.4375 (the mean month of the Gregorian calendar), as DOMAIN fixes for durations.</summary>
public static class ClinicalMonths
{
    public const decimal DaysPerMonth = 30.4375m;

    public static decimal Between(DateOnly from, DateOnly to) => (to.DayNumber - from.DayNumber) / DaysPerMonth;

    /// <summary>The first day that lies at least the given number of months after a date.</summary>
    public static DateOnly After(DateOnly from, int months) => from.AddDays((int)Math.Ceiling(months * DaysPerMonth));
}
