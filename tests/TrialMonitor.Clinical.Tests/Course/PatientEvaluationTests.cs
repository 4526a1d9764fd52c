using TrialMonitor.Clinical.Course;
using TrialMonitor.Clinical.Toxicity;

namespace TrialMonitor.Clinical.Tests.Course;

public sealed class PatientEvaluationTests
{
    [Fact]
    public void The_current_dose_follows_the_dose_changes_in_clinical_order_with_interruptions_at_0()
    {
        var course = CourseBuilder.OnStandardDose()
            .Escalate(12)
            .Dose(15, DoseAction.Reduced, 600, DoseReductionReasons.Pancytopenia)
            .Dose(14, DoseAction.Interrupted, 0)
            .Build();

        var assessment = PatientEvaluation.Evaluate(course, ClinicalSettings.PaperDefaults);

        Assert.Equal(600, assessment.CurrentDailyDoseMg);
        Assert.Equal(CourseBuilder.StandardDoseStart, assessment.StandardDoseStartedOn);
        Assert.Equal(CourseBuilder.Month(12), assessment.EscalatedOn);
        Assert.Equal(0, DoseHistory.DailyDoseOn(course, CourseBuilder.Month(14.5)));
        Assert.Equal(800, DoseHistory.DailyDoseOn(course, CourseBuilder.Month(13)));
        Assert.Null(DoseHistory.DailyDoseOn(course, CourseBuilder.Month(-1)));
    }

    [Fact]
    public void An_interruption_with_a_dose_recorded_still_gives_0() =>
        Assert.Equal(0, CourseBuilder.OnStandardDose().Dose(2, DoseAction.Interrupted, 400).Evaluate().CurrentDailyDoseMg);

    [Fact]
    public void As_of_a_date_ignores_everything_after_it()
    {
        var course = CourseBuilder.OnStandardDose()
            .InChr(1, 6, 12).Karyotype(6, 50).Karyotype(12, 55)
            .Escalate(13)
            .Karyotype(16, 0)
            .Build();

        var beforeEscalation = PatientEvaluation.Evaluate(course, ClinicalSettings.PaperDefaults, CourseBuilder.Month(12.5));
        var withCutoff = PatientEvaluation.Evaluate(course, ClinicalSettings.PaperDefaults with { DataCutoffOn = CourseBuilder.Month(12.5) });

        Assert.Null(beforeEscalation.EscalatedOn);
        Assert.Equal(400, beforeEscalation.CurrentDailyDoseMg);
        Assert.Equal(55m, beforeEscalation.LatestCytogenetic?.PhPositivePercent);
        Assert.Equal([EscalationIndication.CytogeneticResistance], beforeEscalation.ProtocolStatus.Indications);
        Assert.Null(withCutoff.EscalatedOn);
        Assert.Equal(beforeEscalation.LatestCytogenetic, withCutoff.LatestCytogenetic);
    }

    [Fact]
    public void Latest_results_are_by_clinical_date_whatever_the_order_they_were_recorded_in()
    {
        var assessment = CourseBuilder.OnStandardDose()
            .Karyotype(9, 10).Karyotype(6, 50)
            .Count(9, wbc: 1.5m, platelets: 40m, hemoglobin: 7.9m, neutrophils: 0.4m).Exam(9)
            .Count(6, wbc: 6m, platelets: 250m)
            .Evaluate();

        Assert.Equal(10m, assessment.LatestCytogenetic?.PhPositivePercent);
        Assert.Equal(CourseBuilder.Month(9), assessment.LatestCounts?.CollectedOn);
        Assert.Equal(HematologicCategory.Complete, assessment.LatestHematologic);
        Assert.Equal(
            [(CtcaeTerms.Anemia, 3), (CtcaeTerms.NeutrophilCountDecreased, 4), (CtcaeTerms.PlateletCountDecreased, 3), (CtcaeTerms.WhiteBloodCellDecreased, 3)],
            assessment.LabToxicityGrades.Select(g => (g.Term, g.Grade)));
    }

    [Fact]
    public void A_reported_hematologic_response_is_compared_with_the_count_on_or_before_it()
    {
        var assessment = CourseBuilder.OnStandardDose()
            .NotInChr(3).InChr(6)
            .Reported(5, null, HematologicCategory.Complete)
            .Reported(6, null, HematologicCategory.Complete)
            .Reported(1, CytogeneticCategory.Complete, HematologicCategory.Complete)
            .Evaluate();

        Assert.Equal(new Discrepancy(CourseBuilder.Month(5), DiscrepancyKind.HematologicResponse, "Complete", "None"), Assert.Single(assessment.Discrepancies));
    }

    [Fact]
    public void Eln2013_criteria_apply_when_the_trial_chooses_them()
    {
        var settings = ClinicalSettings.PaperDefaults with { CriteriaSet = ClinicalSettings.Eln2013 };

        var assessment = CourseBuilder.OnStandardDose()
            .InChr(1, 12).Karyotype(6, 80).Karyotype(12, 100)
            .Escalate(12)
            .Karyotype(15, 35).Karyotype(16, 0, metaphases: 12).Karyotype(18, 36)
            .Evaluate(settings);

        Assert.Equal(CytogeneticCategory.Minor, assessment.LatestCytogenetic?.Category);
        Assert.Equal(Table2Row.LossOfMinorTo100, assessment.Table2Row);
        Assert.Equal(CytogeneticCategory.Partial, assessment.Improvement?.ImprovedCategory);
        Assert.Equal(CourseBuilder.Month(18), assessment.Improvement?.EndOn);
        Assert.False(assessment.Improvement?.Censored);
    }
}
