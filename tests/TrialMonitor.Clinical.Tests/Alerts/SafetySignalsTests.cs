using TrialMonitor.Clinical.Alerts;
using TrialMonitor.Clinical.Course;
using TrialMonitor.Clinical.Tests.Course;
using TrialMonitor.Clinical.Toxicity;

namespace TrialMonitor.Clinical.Tests.Alerts;

public sealed class SafetySignalsTests
{
    private static readonly DateOnly On = new(2000, 6, 1);

    private static BloodCount Count(decimal neutrophils, decimal platelets = 250m, decimal hemoglobin = 13m) =>
        new(On, 6m, neutrophils, platelets, hemoglobin, 0m, 1m, 0m, new LowerLimitsOfNormal(4m, 1.8m, 140m, 12m));

    [Theory]
    [InlineData(1.0, 3, 0)] // exactly on the cut-off is the milder grade 2
    [InlineData(0.99, 3, 1)]
    [InlineData(0.99, 4, 0)]
    [InlineData(0.4, 4, 1)]
    [InlineData(1.2, 2, 1)]
    public void A_count_raises_a_lab_toxicity_alert_from_the_grade_threshold_up(decimal neutrophils, int threshold, int alerts)
    {
        var signals = SafetySignals.ForBloodCount(Count(neutrophils), threshold);

        Assert.Equal(alerts, signals.Count);
        Assert.All(signals, s => Assert.Equal((AlertKind.LabToxicity, CtcaeTerms.NeutrophilCountDecreased), (s.Kind, s.Term)));
    }

    [Fact]
    public void Anemia_below_8_g_dl_is_grade_3_and_alerts()
    {
        var signal = Assert.Single(SafetySignals.ForBloodCount(Count(3m, hemoglobin: 7.9m), 3));

        Assert.Equal((CtcaeTerms.Anemia, 3), (signal.Term, signal.Grade));
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(5, true)]
    public void A_reported_toxicity_alerts_at_grade_3_or_more(int grade, bool alerts) =>
        Assert.Equal(alerts, SafetySignals.ForReportedToxicity(new ReportedToxicity(On, "Nausea", grade), 3).Count == 1);

    [Theory]
    [InlineData(DoseAction.Started, null)]
    [InlineData(DoseAction.Escalated, null)]
    [InlineData(DoseAction.Resumed, null)]
    [InlineData(DoseAction.Reduced, AlertKind.DoseReduced)]
    [InlineData(DoseAction.Interrupted, AlertKind.DoseInterrupted)]
    public void Only_reductions_and_interruptions_of_the_dose_alert(DoseAction action, AlertKind? kind) =>
        Assert.Equal(kind, SafetySignals.ForDoseChange(new DoseChange(On, action, 300, "daily", "PANCYTOPENIA")).SingleOrDefault()?.Kind);

    [Fact]
    public void A_relapse_alerts_when_the_protocol_status_gains_it_and_not_again_while_it_holds()
    {
        var course = CourseBuilder.OnStandardDose().Karyotype(3, 10).Karyotype(6, 50);
        var before = SafetyStatus.Of(course.Evaluate(), MolecularSafety.None);
        var relapsed = SafetyStatus.Of(course.Karyotype(9, 60).Evaluate(), MolecularSafety.None);
        var stillRelapsed = SafetyStatus.Of(course.Karyotype(11, 70).Evaluate(), MolecularSafety.None);

        var signal = Assert.Single(SafetySignals.ForAssessmentChange(before, relapsed, CourseBuilder.Month(9)));
        Assert.Equal((AlertKind.CytogeneticRelapse, CourseBuilder.Month(9)), (signal.Kind, signal.ClinicalOn));
        Assert.Empty(SafetySignals.ForAssessmentChange(relapsed, stillRelapsed, CourseBuilder.Month(11)));
        Assert.True(SafetySignals.StillHolds(AlertKind.CytogeneticRelapse, null, stillRelapsed));
        Assert.False(SafetySignals.StillHolds(AlertKind.CytogeneticRelapse, null, before));
    }

    [Fact]
    public void Losing_the_improved_response_alerts_once_dated_by_the_end_of_the_episode()
    {
        var course = CourseBuilder.OnStandardDose().Karyotype(3, 100).Escalate(4).Karyotype(7, 20);
        var improved = SafetyStatus.Of(course.Evaluate(), MolecularSafety.None);
        var lost = SafetyStatus.Of(course.Karyotype(10, 60).Evaluate(), MolecularSafety.None);
        var later = SafetyStatus.Of(course.Karyotype(12, 70).Evaluate(), MolecularSafety.None);

        Assert.Empty(SafetySignals.ForAssessmentChange(null, improved, CourseBuilder.Month(7)));
        var signal = Assert.Single(SafetySignals.ForAssessmentChange(improved, lost, CourseBuilder.Month(10)));
        Assert.Equal((AlertKind.LossOfImprovedResponse, CourseBuilder.Month(10)), (signal.Kind, signal.ClinicalOn));
        Assert.Empty(SafetySignals.ForAssessmentChange(lost, later, CourseBuilder.Month(12)));
    }
}
