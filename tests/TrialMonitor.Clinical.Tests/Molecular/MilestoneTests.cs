using TrialMonitor.Clinical.Molecular;
using static TrialMonitor.Clinical.Molecular.MilestoneAssessment;

namespace TrialMonitor.Clinical.Tests.Molecular;

/// <summary>
/// ELN-2020's milestones (Hochhaus et al., Leukemia 2020;34:966, Table 4) with DOMAIN.md's days and
/// windows, on a course started 2024-01-01: 3 months = 2024-04-01, 6 = 2024-07-01, 12 = 2024-12-31,
/// each window 30 days either side; every date below is counted by hand.
/// </summary>
public sealed class MilestoneTests
{
    private static readonly DateOnly LongAfter = new(2027, 1, 1);

    private static MolecularMilestone At(int month, MolecularCourse course, DateOnly? knownOn = null) =>
        MolecularEvaluation.Evaluate(course.Build(), knownOn ?? LongAfter).Milestone(month);

    [Fact]
    public void Milestone_days_are_91_182_and_365_days_after_the_start_of_therapy()
    {
        var response = MolecularEvaluation.Evaluate(MolecularCourse.Started().Build(), LongAfter);
        Assert.Equal([new DateOnly(2024, 4, 1), new DateOnly(2024, 7, 1), new DateOnly(2024, 12, 31)], response.Milestones.Select(m => m.DueOn));
        Assert.Equal([3, 6, 12], response.Milestones.Select(m => m.Month));
    }

    [Theory]
    // 3 months: optimal ≤ 10 %, warning > 10 % (until confirmed).
    [InlineData(3, "2024-04-01", "10", Optimal)]
    [InlineData(3, "2024-04-01", "10.01", Warning)]
    [InlineData(3, "2024-04-01", "45", Warning)]
    // 6 months: optimal ≤ 1 %, warning > 1–10 %, failure > 10 %.
    [InlineData(6, "2024-07-01", "1", Optimal)]
    [InlineData(6, "2024-07-01", "1.01", Warning)]
    [InlineData(6, "2024-07-01", "10", Warning)]
    [InlineData(6, "2024-07-01", "10.01", Failure)]
    // 12 months: optimal ≤ 0.1 %, warning > 0.1–1 %, failure > 1 %.
    [InlineData(12, "2024-12-31", "0.1", Optimal)]
    [InlineData(12, "2024-12-31", "0.11", Warning)]
    [InlineData(12, "2024-12-31", "1", Warning)]
    [InlineData(12, "2024-12-31", "1.01", Failure)]
    public void Thresholds_of_each_milestone(int month, string collectedOn, string percentIs, MilestoneAssessment expected)
    {
        var milestone = At(month, MolecularCourse.Started().Pcr(collectedOn, decimal.Parse(percentIs, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(expected, milestone.Assessment);
        Assert.Equal(DateOnly.Parse(collectedOn, System.Globalization.CultureInfo.InvariantCulture), milestone.ResultOn);
    }

    [Theory]
    // Confirmed by a result > 10 % collected 30 to 91 days after the 3-month one (2024-04-01).
    [InlineData("2024-05-01", "12", Failure)] // 30 days after
    [InlineData("2024-07-01", "12", Failure)] // 91 days after
    [InlineData("2024-04-30", "12", Warning)] // 29 days: too soon
    [InlineData("2024-07-02", "12", Warning)] // 92 days: too late
    [InlineData("2024-05-15", "10", Warning)] // not above 10 %
    public void Three_month_failure_needs_a_confirming_result(string confirmingOn, string percentIs, MilestoneAssessment expected)
    {
        var milestone = At(3, MolecularCourse.Started().Pcr("2024-04-01", 25m)
            .Pcr(confirmingOn, decimal.Parse(percentIs, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(expected, milestone.Assessment);
        Assert.Equal(new DateOnly(2024, 4, 1), milestone.ResultOn);
        Assert.Equal(expected == Failure ? DateOnly.Parse(confirmingOn, System.Globalization.CultureInfo.InvariantCulture) : null, milestone.ConfirmedOn);
    }

    [Theory]
    [InlineData("2024-03-02", Warning)] // 30 days before the day: in the window
    [InlineData("2024-05-01", Warning)] // 30 days after
    [InlineData("2024-03-01", NotAssessed)] // 31 days before: out
    [InlineData("2024-05-02", NotAssessed)] // 31 days after: out
    public void A_milestone_reads_results_within_30_days_either_side(string collectedOn, MilestoneAssessment expected) =>
        Assert.Equal(expected, At(3, MolecularCourse.Started().Pcr(collectedOn, 20m)).Assessment);

    [Fact]
    public void Of_two_results_equally_near_the_later_counts()
    {
        // 10 days before and 10 days after 2024-04-01.
        var milestone = At(3, MolecularCourse.Started().Pcr("2024-04-11", 15m).Pcr("2024-03-22", 5m));
        Assert.Equal(new DateOnly(2024, 4, 11), milestone.ResultOn);
        Assert.Equal(15m, milestone.PercentIs);
        Assert.Equal(Warning, milestone.Assessment);
    }

    [Fact]
    public void The_nearest_result_counts()
    {
        // 7 days before beats 10 days after.
        var milestone = At(3, MolecularCourse.Started().Pcr("2024-03-25", 5m).Pcr("2024-04-11", 15m));
        Assert.Equal(new DateOnly(2024, 3, 25), milestone.ResultOn);
        Assert.Equal(Optimal, milestone.Assessment);
    }

    [Fact]
    public void A_result_that_is_not_evaluable_is_passed_over()
    {
        // Undetectable on 2,000 ABL1 copies on the day itself shows nothing; the one 19 days later counts.
        var milestone = At(3, MolecularCourse.Started().Pcr("2024-04-01", 0m, copies: 2_000).Pcr("2024-04-20", 5m));
        Assert.Equal(new DateOnly(2024, 4, 20), milestone.ResultOn);
        Assert.Equal(Optimal, milestone.Assessment);
    }

    [Theory]
    // No result: pending while the window is open (known-on date on or before the day + 30), not assessed after.
    [InlineData(3, "2024-05-01", Pending)]
    [InlineData(3, "2024-05-02", NotAssessed)]
    [InlineData(6, "2024-07-31", Pending)]
    [InlineData(6, "2024-08-01", NotAssessed)]
    [InlineData(12, "2025-01-30", Pending)]
    [InlineData(12, "2025-01-31", NotAssessed)]
    [InlineData(12, "2024-02-01", Pending)]
    public void Without_a_result_pending_until_the_window_closes(int month, string knownOn, MilestoneAssessment expected) =>
        Assert.Equal(expected, At(month, MolecularCourse.Started(), DateOnly.Parse(knownOn, System.Globalization.CultureInfo.InvariantCulture)).Assessment);

    [Fact]
    public void Before_therapy_started_milestones_have_no_day_and_are_pending()
    {
        var response = MolecularEvaluation.Evaluate(MolecularCourse.NeverStarted().Pcr("2024-04-01", 5m).Build(), LongAfter);
        Assert.All(response.Milestones, m => Assert.Equal((null, Pending), (m.DueOn, m.Assessment)));
        Assert.Null(response.CurrentStatus);
        Assert.False(response.PcrOverdue);
    }
}
