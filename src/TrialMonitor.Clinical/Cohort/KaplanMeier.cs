namespace TrialMonitor.Clinical.Cohort;

/// <summary>
/// The product-limit estimate (Kaplan and Meier, JASA 1958) as DOMAIN.md fixes it for the duration of improvement:
/// S(t) = Π (1 − dᵢ/nᵢ) over event days, a patient censored on a day still at risk for that day's events
/// (events before censorings); Greenwood's variance; the 95 % band on the log(−log) scale; the median with
/// the Brookmeyer–Crowley band read off the band's curves; numbers at risk.
/// </summary>
public static class KaplanMeier
{
    private const double Z95 = 1.959963984540054;

    public static SurvivalCurve Estimate(IEnumerable<TimeToEvent> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var byDay = records
            .Select(r => r.Days >= 0 ? r : throw new ArgumentOutOfRangeException(nameof(records), r.Days, "A time to event cannot be negative."))
            .GroupBy(r => r.Days)
            .OrderBy(g => g.Key)
            .ToList();

        var atRisk = byDay.Sum(g => g.Count());
        var survival = 1.0;
        var greenwoodSum = 0.0; // Σ dᵢ / (nᵢ (nᵢ − dᵢ)): the variance of log S(t)
        var points = new List<SurvivalPoint>(byDay.Count);
        foreach (var day in byDay)
        {
            var events = day.Count(r => !r.Censored);
            var censored = day.Count() - events;
            if (events > 0)
            {
                survival *= 1 - (double)events / atRisk;
                greenwoodSum += events == atRisk ? double.PositiveInfinity : (double)events / (atRisk * (atRisk - events));
            }
            var (lower, upper) = LogLogBand(survival, greenwoodSum);
            var standardError = survival <= 0 ? 0 : survival * Math.Sqrt(greenwoodSum);
            points.Add(new SurvivalPoint(day.Key, atRisk, events, censored, survival, standardError, lower, upper));
            atRisk -= events + censored;
        }

        return new SurvivalCurve(
            points,
            FirstDayAtOrBelowHalf(points, p => p.Survival),
            FirstDayAtOrBelowHalf(points, p => p.Lower ?? 0),
            FirstDayAtOrBelowHalf(points, p => p.Upper ?? 0));
    }

    /// <summary>
    /// log(−log S) ± z·√V / |log S| with V Greenwood's Σ, carried back to S (Kalbfleisch and Prentice 1980):
    /// the band stays inside (0, 1). Where nothing has happened yet (S = 1) the band is the point; at S = 0 there is none.
    /// </summary>
    private static (double? Lower, double? Upper) LogLogBand(double survival, double greenwoodSum)
    {
        if (survival <= 0) return (null, null);
        if (survival >= 1) return (1, 1);
        var spread = Z95 * Math.Sqrt(greenwoodSum) / Math.Abs(Math.Log(survival));
        return (Math.Pow(survival, Math.Exp(spread)), Math.Pow(survival, Math.Exp(-spread)));
    }

    /// <summary>
    /// The smallest day on which the curve is at or below one half (no averaging over a flat 0.5 step); where the
    /// estimate reaches 0 and the band ends, the band's curves end there too.
    /// </summary>
    private static int? FirstDayAtOrBelowHalf(IEnumerable<SurvivalPoint> points, Func<SurvivalPoint, double> curve) =>
        points.FirstOrDefault(p => curve(p) <= 0.5)?.Day;
}
