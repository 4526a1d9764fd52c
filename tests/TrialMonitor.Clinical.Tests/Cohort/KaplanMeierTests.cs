using TrialMonitor.Clinical.Cohort;
using TrialMonitor.DemoCohort;

namespace TrialMonitor.Clinical.Tests.Cohort;

/// <summary>
/// The product-limit estimate against a published example: the 6-MP arm of Freireich et al. (Blood 1963;21:699),
/// as Gehan (Biometrika 1965) and Klein and Moeschberger (Survival Analysis, 2nd ed., 2003, Table 4.1A) print it:
/// S(t) and Greenwood standard errors 0.857 (0.076), 0.807 (0.087), 0.753 (0.096), 0.690 (0.107), 0.628 (0.114),
/// 0.538 (0.128), 0.448 (0.135); median 23 weeks. The log(−log) band values are R survival's
/// survfit(conf.type = "log-log") for these data, recomputed from the formulas in Python 3 when the test was written.
/// </summary>
public sealed class KaplanMeierTests
{
    private const double Printed = 0.0005; // three decimals, as the sources print them

    // Weeks in remission; true = censored ("+").
    private static readonly TimeToEvent[] SixMercaptopurine =
    [
        .. new[] { 6, 6, 6, 7, 10, 13, 16, 22, 23 }.Select(w => new TimeToEvent(w, false)),
        .. new[] { 6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35 }.Select(w => new TimeToEvent(w, true)),
    ];

    [Theory]
    //          week, at risk, events, censored, S(t),  Greenwood SE, lower, upper
    [InlineData(6, 21, 3, 1, 0.857, 0.076, 0.620, 0.952)]
    [InlineData(7, 17, 1, 0, 0.807, 0.087, 0.563, 0.923)]
    [InlineData(9, 16, 0, 1, 0.807, 0.087, 0.563, 0.923)]
    [InlineData(10, 15, 1, 1, 0.753, 0.096, 0.503, 0.889)]
    [InlineData(13, 12, 1, 0, 0.690, 0.107, 0.432, 0.849)]
    [InlineData(16, 11, 1, 0, 0.627, 0.114, 0.368, 0.805)]
    [InlineData(22, 7, 1, 0, 0.538, 0.128, 0.268, 0.747)]
    [InlineData(23, 6, 1, 0, 0.448, 0.135, 0.188, 0.680)]
    [InlineData(32, 4, 0, 2, 0.448, 0.135, 0.188, 0.680)]
    public void The_6MP_arm_gives_the_published_estimates(
        int week, int atRisk, int events, int censored, double survival, double standardError, double lower, double upper)
    {
        var point = KaplanMeier.Estimate(SixMercaptopurine).Points.Single(p => p.Day == week);

        Assert.Equal((atRisk, events, censored), (point.AtRisk, point.Events, point.Censored));
        Assert.Equal(survival, point.Survival, Printed);
        Assert.Equal(standardError, point.StandardError, Printed);
        Assert.Equal(lower, point.Lower!.Value, Printed);
        Assert.Equal(upper, point.Upper!.Value, Printed);
    }

    [Fact]
    public void The_6MP_arm_has_one_point_per_week_with_an_event_or_a_censoring_and_a_median_of_23_weeks_13_to_not_reached()
    {
        var curve = KaplanMeier.Estimate(SixMercaptopurine);

        Assert.Equal([6, 7, 9, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 34, 35], curve.Points.Select(p => p.Day));
        Assert.Equal(9, curve.Points.Sum(p => p.Events));
        Assert.Equal(12, curve.Points.Sum(p => p.Censored));
        Assert.Equal(23, curve.MedianDays);
        Assert.Equal(13, curve.MedianLowerDays); // the first week whose lower bound is at most one half
        Assert.Null(curve.MedianUpperDays); // the upper bound never falls to one half (R: NA)
    }

    [Fact]
    public void A_patient_censored_on_an_event_day_is_still_at_risk_for_that_event()
    {
        var curve = KaplanMeier.Estimate([new TimeToEvent(5, true), new TimeToEvent(5, false), new TimeToEvent(9, false)]);

        var first = curve.Points[0];
        Assert.Equal((5, 3, 1, 1), (first.Day, first.AtRisk, first.Events, first.Censored));
        Assert.Equal(2.0 / 3, first.Survival, 1e-12);
        Assert.Equal((1, 0.0), (curve.Points[1].AtRisk, curve.Points[1].Survival));
        Assert.Null(curve.Points[1].Lower);
    }

    [Fact]
    public void Censorings_before_any_event_leave_the_estimate_and_its_band_at_one()
    {
        var point = KaplanMeier.Estimate([new TimeToEvent(3, true), new TimeToEvent(8, false)]).Points[0];

        Assert.Equal((1.0, 1.0, 1.0), (point.Survival, point.Lower!.Value, point.Upper!.Value));
    }

    [Fact]
    public void A_negative_duration_is_refused_naming_the_value()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => KaplanMeier.Estimate([new TimeToEvent(-2, false)]));
        Assert.Equal(-2, error.ActualValue);
    }

    [Fact]
    public void The_demo_trials_19_Table_3_episodes_give_the_curve_computed_independently()
    {
        var report = CohortTables.Compute(Kantarjian2003.Courses, Kantarjian2003.Settings, today: new DateOnly(2026, 1, 1));
        var curve = report.ImprovementDurationCurve;

        Assert.Equal(DemoDurations, report.Table3.Select(l => (l.Episode.DurationDays, l.Episode.Censored)).Order());
        Assert.Equal(DemoCurve, curve.Points.Select(p => (p.Day, p.AtRisk, p.Events, p.Censored, Math.Round(p.Survival, 4),
            Math.Round(p.Lower ?? double.NaN, 4), Math.Round(p.Upper ?? double.NaN, 4))));
        Assert.Equal((DemoMedian, DemoMedianLower, DemoMedianUpper), (curve.MedianDays, curve.MedianLowerDays, curve.MedianUpperDays));
    }

    // The demo trial's Table 3 episodes in days (the paper's months: 1+ is 45-46 days, 11 is 350), 4 ended, 15 censored.
    private static readonly (int, bool)[] DemoDurations =
    [
        (45, true), (46, true), (46, true), (46, true), (46, true), (46, true), (46, true), (46, true), (76, false), (76, true),
        (106, true), (168, true), (198, true), (198, true), (350, false), (350, true), (350, true), (472, false), (532, false),
    ];

    // Computed from DemoDurations in Python 3 with the formulas of DOMAIN.md, when the test was written.
    private static readonly (int, int, int, int, double, double, double)[] DemoCurve =
    [
        (45, 19, 0, 1, 1.0, 1.0, 1.0),
        (46, 18, 0, 7, 1.0, 1.0, 1.0),
        (76, 11, 1, 1, 0.9091, 0.5081, 0.9867),
        (106, 9, 0, 1, 0.9091, 0.5081, 0.9867),
        (168, 8, 0, 1, 0.9091, 0.5081, 0.9867),
        (198, 7, 0, 2, 0.9091, 0.5081, 0.9867),
        (350, 5, 1, 2, 0.7273, 0.2413, 0.9312),
        (472, 2, 1, 0, 0.3636, 0.0135, 0.7885),
        (532, 1, 1, 0, 0.0, double.NaN, double.NaN), // the last patient at risk relapsed: no band at 0
    ];

    private const int DemoMedian = 472;
    private const int DemoMedianLower = 350;
    private const int DemoMedianUpper = 532; // the band's upper curve never falls to one half before the estimate reaches 0
}
