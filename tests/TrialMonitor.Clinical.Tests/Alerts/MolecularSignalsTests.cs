using TrialMonitor.Clinical.Alerts;
using TrialMonitor.Clinical.Course;
using TrialMonitor.Clinical.Tests.Molecular;

namespace TrialMonitor.Clinical.Tests.Alerts;

/// <summary>
/// The molecular alerts (DOMAIN, ELN-2020: "Alerts add a milestone FAILURE, and loss of MMR") on a
/// course started 2024-01-01: milestones due 2024-04-01, 2024-07-01 and 2024-12-31, each with a window
/// of 30 days either side; thresholds from Hochhaus 2020, Table 4. Dates counted by hand.
/// </summary>
public sealed class MolecularSignalsTests
{
    private static readonly SafetyStatus Nothing = Status(MolecularCourse.Started());

    private static SafetyStatus Status(MolecularCourse course) =>
        new(new ProtocolStatus([], null), null, MolecularSafety.Of(course.Build()));

    private static DateOnly Day(string date) => DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    // 6 months: failure > 10 %; 12 months: failure > 1 % (each exactly on its bound is a warning).
    [InlineData("2024-07-01", "10.01", "6-month milestone")]
    [InlineData("2024-12-31", "1.01", "12-month milestone")]
    [InlineData("2024-12-31", "2", "12-month milestone")]
    [InlineData("2025-01-30", "2", "12-month milestone")] // the window's last day (365 + 30)
    public void A_failed_milestone_raises_one_alert_dated_by_its_result_naming_the_milestone(string collectedOn, string percent, string milestone)
    {
        var failed = Status(MolecularCourse.Started().Pcr(collectedOn, decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture)));

        var signal = Assert.Single(SafetySignals.ForAssessmentChange(Nothing, failed, Day(collectedOn)));
        Assert.Equal((AlertKind.MolecularMilestoneFailure, Day(collectedOn), milestone), (signal.Kind, signal.ClinicalOn, signal.Term));
        Assert.Null(signal.Grade);
        Assert.Contains($"BCR-ABL1 {percent} % IS on {collectedOn}", signal.Description, StringComparison.Ordinal);
        Assert.True(SafetySignals.StillHolds(AlertKind.MolecularMilestoneFailure, milestone, failed));
    }

    [Theory]
    [InlineData("2024-07-01", "10")] // 6 months: a warning
    [InlineData("2024-12-31", "1")] // 12 months: a warning
    [InlineData("2024-12-31", "0.09")] // 12 months: optimal
    [InlineData("2025-01-31", "5")] // day 396: a day after the 12-month window (the status after 12 months is no milestone)
    [InlineData("2024-05-02", "50")] // 3 months, 31 days late: outside every window
    public void A_result_that_fails_no_milestone_raises_nothing(string collectedOn, string percent)
    {
        var status = Status(MolecularCourse.Started().Pcr(collectedOn, decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Empty(SafetySignals.ForAssessmentChange(Nothing, status, Day(collectedOn)));
    }

    [Fact]
    public void Above_10_percent_at_3_months_alerts_only_once_confirmed_dated_by_the_confirming_result()
    {
        var unconfirmed = Status(MolecularCourse.Started().Pcr("2024-04-01", 25m));
        // 30 days after the 3-month result: the earliest that confirms it.
        var confirmed = Status(MolecularCourse.Started().Pcr("2024-04-01", 25m).Pcr("2024-05-01", 12m));

        Assert.Empty(SafetySignals.ForAssessmentChange(Nothing, unconfirmed, Day("2024-04-01")));
        var signal = Assert.Single(SafetySignals.ForAssessmentChange(unconfirmed, confirmed, Day("2024-05-01")));
        Assert.Equal((AlertKind.MolecularMilestoneFailure, Day("2024-05-01"), "3-month milestone"), (signal.Kind, signal.ClinicalOn, signal.Term));
        Assert.Contains("BCR-ABL1 25 % IS on 2024-04-01, confirmed above 10 % on 2024-05-01", signal.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_milestone_fails_once_a_later_failure_of_another_milestone_alerts_again()
    {
        var sixFailed = Status(MolecularCourse.Started().Pcr("2024-07-01", 20m));
        var stillFailed = Status(MolecularCourse.Started().Pcr("2024-07-01", 20m).Pcr("2024-07-20", 30m));
        var twelveFailed = Status(MolecularCourse.Started().Pcr("2024-07-01", 20m).Pcr("2024-07-20", 30m).Pcr("2024-12-31", 5m));

        Assert.Empty(SafetySignals.ForAssessmentChange(sixFailed, stillFailed, Day("2024-07-20")));
        var signal = Assert.Single(SafetySignals.ForAssessmentChange(stillFailed, twelveFailed, Day("2024-12-31")));
        Assert.Equal("12-month milestone", signal.Term);
    }

    [Fact]
    public void A_correction_that_removes_the_failure_no_longer_holds_it_and_the_other_milestones_are_kept()
    {
        var corrected = Status(MolecularCourse.Started().Pcr("2024-07-01", 20m).Pcr("2024-12-31", 0.09m));

        Assert.False(SafetySignals.StillHolds(AlertKind.MolecularMilestoneFailure, "12-month milestone", corrected));
        Assert.True(SafetySignals.StillHolds(AlertKind.MolecularMilestoneFailure, "6-month milestone", corrected));
        Assert.True(SafetySignals.IsDerivedFromAssessment(AlertKind.MolecularMilestoneFailure));
        Assert.True(SafetySignals.IsDerivedFromAssessment(AlertKind.LossOfMajorMolecularResponse));
    }

    [Fact]
    public void Losing_MMR_alerts_once_dated_by_the_first_evaluable_result_above_0_1_percent_after_it()
    {
        var inMmr = MolecularCourse.Started().Pcr("2024-07-01", 0.5m).Pcr("2024-10-01", 0.1m);
        var lost = MolecularCourse.Started().Pcr("2024-07-01", 0.5m).Pcr("2024-10-01", 0.1m).Pcr("2025-01-02", 0.11m);
        var later = MolecularCourse.Started().Pcr("2024-07-01", 0.5m).Pcr("2024-10-01", 0.1m).Pcr("2025-01-02", 0.11m).Pcr("2025-04-01", 0.5m);

        Assert.Empty(SafetySignals.ForAssessmentChange(Nothing, Status(inMmr), Day("2024-10-01"))); // 0.1 % is MMR, on the bound
        var signal = Assert.Single(SafetySignals.ForAssessmentChange(Status(inMmr), Status(lost), Day("2025-01-02")));
        Assert.Equal((AlertKind.LossOfMajorMolecularResponse, Day("2025-01-02")), (signal.Kind, signal.ClinicalOn));
        Assert.Contains("BCR-ABL1 0.11 % IS on 2025-01-02, after MMR on 2024-10-01", signal.Description, StringComparison.Ordinal);
        Assert.Empty(SafetySignals.ForAssessmentChange(Status(lost), Status(later), Day("2025-04-01")));
        Assert.True(SafetySignals.StillHolds(AlertKind.LossOfMajorMolecularResponse, null, Status(later)));
        Assert.False(SafetySignals.StillHolds(AlertKind.LossOfMajorMolecularResponse, null, Status(inMmr)));
    }

    [Fact]
    public void An_undetectable_result_with_too_few_copies_neither_reaches_nor_loses_MMR()
    {
        // 0 % with 9,999 ABL1 copies is NOT_EVALUABLE: it counts for nothing.
        var course = MolecularCourse.Started().Pcr("2024-07-01", 0m, copies: 9_999).Pcr("2024-10-01", 0.5m);

        Assert.Empty(SafetySignals.ForAssessmentChange(Nothing, Status(course), Day("2024-10-01")));
    }

    [Fact]
    public void Without_a_start_of_therapy_no_milestone_fails()
    {
        var status = Status(MolecularCourse.NeverStarted().Pcr("2024-12-31", 5m));

        Assert.Empty(status.Molecular.FailedMilestones);
    }
}
