using TrialMonitor.Clinical.Course;
using TrialMonitor.Clinical.Molecular;
using static TrialMonitor.Clinical.Molecular.MilestoneAssessment;

namespace TrialMonitor.Clinical.Tests.Molecular;

/// <summary>
/// The status after 12 months, MMR reached and lost, and the overdue PCR (DOMAIN.md, ELN-2020), on a
/// course started 2024-01-01; dates counted by hand.
/// </summary>
public sealed class MolecularStatusTests
{
    private static DateOnly On(string date) => DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    // Day 395 is 2025-01-30: the 12-month window closes; only after it is there a current status.
    [InlineData("2025-01-30", null)]
    [InlineData("2025-01-31", Warning)]
    public void The_current_status_starts_once_day_395_has_passed(string knownOn, MilestoneAssessment? expected)
    {
        var course = MolecularCourse.Started().Pcr("2024-12-31", 0.05m).Pcr("2025-01-20", 0.5m);
        Assert.Equal(expected, MolecularEvaluation.Evaluate(course.Build(), On(knownOn)).CurrentStatus);
    }

    [Theory]
    [InlineData("0.1", Optimal)]
    [InlineData("0.11", Warning)]
    [InlineData("1", Warning)]
    [InlineData("1.01", Failure)]
    public void The_current_status_reads_the_latest_evaluable_result(string percentIs, MilestoneAssessment expected)
    {
        var course = MolecularCourse.Started()
            .Pcr("2025-03-01", 5m)
            .Pcr("2025-06-01", decimal.Parse(percentIs, System.Globalization.CultureInfo.InvariantCulture))
            .Pcr("2025-06-20", 0m, copies: 3_000); // not evaluable: passed over
        Assert.Equal(expected, MolecularEvaluation.Evaluate(course.Build(), On("2025-07-01")).CurrentStatus);
    }

    [Fact]
    public void Without_an_evaluable_result_there_is_no_current_status() =>
        Assert.Null(MolecularEvaluation.Evaluate(MolecularCourse.Started().Pcr("2025-03-01", 0m, copies: 500).Build(), On("2025-07-01")).CurrentStatus);

    [Fact]
    public void Mmr_is_reached_on_the_first_result_at_mmr_or_deeper_and_lost_on_the_first_evaluable_one_above()
    {
        var response = MolecularEvaluation.Evaluate(MolecularCourse.Started()
            .Pcr("2024-04-01", 8m)
            .Pcr("2024-07-01", 0.1m) // MMR, day 182
            .Pcr("2024-10-01", 0m, copies: 4_000) // not evaluable: neither keeps nor loses MMR
            .Pcr("2024-12-31", 0.02m)
            .Pcr("2025-04-01", 0.15m) // lost
            .Pcr("2025-07-01", 0.05m)
            .Build(), On("2025-08-01"));
        Assert.Equal(On("2024-07-01"), response.MmrReachedOn);
        Assert.Equal(182, response.DaysToMmr);
        Assert.Equal(On("2025-04-01"), response.MmrLostOn);
        Assert.Equal(
            [MolecularLevel.Above1, MolecularLevel.Mmr, MolecularLevel.NotEvaluable, MolecularLevel.Mmr, MolecularLevel.Above0_1, MolecularLevel.Mmr],
            response.Results.Select(r => r.Level));
    }

    [Fact]
    public void An_undetectable_result_with_too_few_copies_does_not_reach_mmr()
    {
        var response = MolecularEvaluation.Evaluate(MolecularCourse.Started().Pcr("2024-07-01", 0m, copies: 9_999).Build(), On("2024-08-01"));
        Assert.Null(response.MmrReachedOn);
        Assert.Null(response.DaysToMmr);
    }

    [Theory]
    // The last evaluable result on 2024-07-01: 2024-10-31 is 122 days later, 2024-11-01 is 123.
    [InlineData("2024-10-31", false)]
    [InlineData("2024-11-01", true)]
    public void A_pcr_is_overdue_more_than_122_days_after_the_last_evaluable_result(string knownOn, bool overdue)
    {
        var course = MolecularCourse.Started().Pcr("2024-07-01", 0.5m).Pcr("2024-09-01", 0m, copies: 800);
        Assert.Equal(overdue, MolecularEvaluation.Evaluate(course.Build(), On(knownOn)).PcrOverdue);
    }

    [Theory]
    // Without any result, from day 0: 2024-05-02 is day 122, 2024-05-03 day 123.
    [InlineData("2024-05-02", false)]
    [InlineData("2024-05-03", true)]
    public void Without_a_result_a_pcr_is_overdue_122_days_after_day_0(string knownOn, bool overdue) =>
        Assert.Equal(overdue, MolecularEvaluation.Evaluate(MolecularCourse.Started().Build(), On(knownOn)).PcrOverdue);

    [Fact]
    public void A_patient_off_therapy_is_not_overdue()
    {
        Assert.False(MolecularEvaluation.Evaluate(MolecularCourse.Started().Discontinued("2024-03-01").Build(), On("2025-01-01")).PcrOverdue);
        Assert.False(MolecularEvaluation.Evaluate(MolecularCourse.Started().Died("2024-03-01").Build(), On("2025-01-01")).PcrOverdue);
    }

    [Fact]
    public void The_trial_data_cut_off_is_the_date_known_on_and_later_results_are_not_read()
    {
        var course = MolecularCourse.Started().Pcr("2024-04-01", 5m).Pcr("2024-07-01", 0.05m).Build();
        var settings = new ClinicalSettings(ClinicalSettings.Eln2020, null, On("2024-06-01"));
        var response = MolecularEvaluation.Evaluate(course, settings, today: On("2026-01-01"));
        Assert.Single(response.Results);
        Assert.Null(response.MmrReachedOn);
        Assert.Equal(Pending, response.Milestone(6).Assessment);
        Assert.Equal(Pending, response.Milestone(12).Assessment);

        // Without a cut-off, today is the date known on.
        var today = MolecularEvaluation.Evaluate(course, settings with { DataCutoffOn = null }, today: On("2025-06-01"));
        Assert.Equal(On("2024-07-01"), today.MmrReachedOn);
        Assert.Equal(NotAssessed, today.Milestone(12).Assessment);
        Assert.Equal(Optimal, today.CurrentStatus);
    }
}
