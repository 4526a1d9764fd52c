using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Clinical.Tests.Course;

/// <summary>
/// Patients of Kantarjian, Blood 2003, Table 3 ("lowest/pre-increase" Ph+ on 400 mg, lowest
/// after the increase, improved response/months), rebuilt as courses with plausible dates.
/// </summary>
public sealed class Table3PatientsTests
{
    private static readonly ClinicalSettings Paper = ClinicalSettings.PaperDefaults;

    [Fact]
    public void Patient_1_from_50_and_55_percent_to_0_is_CR_6_plus_after_cytogenetic_resistance()
    {
        var assessment = CourseBuilder.OnStandardDose()
            .InChr(1, 3, 6, 9, 12).Karyotype(6, 50).Karyotype(12, 55)
            .Escalate(13)
            .InChr(15, 19).Karyotype(16, 20).Karyotype(19, 0).Karyotype(25.2, 0)
            .Evaluate();

        Assert.Equal(Table2Row.CytogeneticResistance35To90, assessment.Table2Row);
        Assert.Equal([EscalationIndication.CytogeneticResistance], assessment.ProtocolStatus.Indications);
        Assert.Equal(CourseBuilder.Month(12), assessment.ProtocolStatus.IndicatedOn);
        var improvement = Assert.IsType<ImprovementEpisode>(assessment.Improvement);
        Assert.Equal((50m, 55m, 0m), (improvement.LowestOnStandardDose?.PhPositivePercent, improvement.PreIncrease.PhPositivePercent, improvement.LowestAfterIncrease.PhPositivePercent));
        Assert.Equal(CourseBuilder.Month(19), improvement.StartOn);
        Assert.Equal(CourseBuilder.Month(25.2), improvement.EndOn);
        Assert.True(improvement.Censored);
        Assert.Equal("CR/6+", improvement.Display);
    }

    [Fact]
    public void Patient_2_lost_a_partial_response_to_70_percent_and_reached_CR_6_plus()
    {
        var assessment = CourseBuilder.OnStandardDose()
            .InChr(1, 6, 12).Karyotype(6, 5).Karyotype(10, 40).Karyotype(12, 70)
            .Escalate(13)
            .Karyotype(16, 0).Karyotype(22.2, 0)
            .Evaluate();

        Assert.Equal(Table2Row.LossOfCytogeneticCompleteOrPartialTo35To90, assessment.Table2Row);
        Assert.Equal([EscalationIndication.CytogeneticRelapse], assessment.ProtocolStatus.Indications);
        Assert.Equal(CourseBuilder.Month(12), assessment.ProtocolStatus.IndicatedOn);
        Assert.Equal("CR/6+", assessment.Improvement?.Display);
    }

    [Fact]
    public void Patient_3_lost_a_minor_response_to_100_percent_and_reached_CR_5_plus()
    {
        var assessment = CourseBuilder.OnStandardDose()
            .InChr(1, 6, 12).Karyotype(6, 40).Karyotype(12, 95).Karyotype(14, 100)
            .Escalate(15)
            .Karyotype(18, 0).Karyotype(23.2, 0)
            .Evaluate();

        Assert.Equal(Table2Row.LossOfMinorTo100, assessment.Table2Row);
        Assert.Equal([EscalationIndication.CytogeneticResistance, EscalationIndication.CytogeneticRelapse], assessment.ProtocolStatus.Indications);
        Assert.Equal("CR/5+", assessment.Improvement?.Display);
    }

    [Fact]
    public void Patient_4_from_20_to_40_percent_is_a_lost_partial_response_although_no_circumstance_is_documented()
    {
        var assessment = CourseBuilder.OnStandardDose()
            .InChr(1, 6, 12).Karyotype(6, 20).Karyotype(12, 40)
            .Escalate(13)
            .Karyotype(16, 0).Karyotype(18.2, 0)
            .Evaluate();

        Assert.Equal(Table2Row.LossOfCytogeneticCompleteOrPartialTo35To90, assessment.Table2Row);
        Assert.False(assessment.ProtocolStatus.EscalationIndicated);
        Assert.Equal("CR/2+", assessment.Improvement?.Display);
    }

    [Fact]
    public void Patient_6_hematologic_resistance_then_PR_for_17_months_ended_by_a_minor_response()
    {
        var assessment = CourseBuilder.OnStandardDose()
            .NotInChr(1, 2, 3, 4).Karyotype(3, 100)
            .Escalate(5)
            .InChr(6, 8, 14, 20, 25).Karyotype(8, 10).Karyotype(14, 10).Karyotype(20, 15).Karyotype(25.2, 60)
            .Evaluate();

        Assert.Equal(Table2Row.HematologicResistance, assessment.Table2Row);
        Assert.Equal([EscalationIndication.HematologicResistance], assessment.ProtocolStatus.Indications);
        Assert.Equal(CourseBuilder.Month(3), assessment.ProtocolStatus.IndicatedOn);
        Assert.Equal(HematologicCategory.Complete, assessment.BestHematologicAfterEscalation);
        var improvement = Assert.IsType<ImprovementEpisode>(assessment.Improvement);
        Assert.Equal((100m, 100m), (improvement.LowestOnStandardDose?.PhPositivePercent, improvement.PreIncrease.PhPositivePercent));
        Assert.Equal(CytogeneticCategory.Partial, improvement.ImprovedCategory);
        Assert.False(improvement.Censored);
        Assert.Equal(CourseBuilder.Month(25.2), improvement.EndOn);
        Assert.Equal("PR/17", improvement.Display);
    }

    [Theory]
    [InlineData(90, 40)] // patient 11
    [InlineData(75, 42)] // patient 13
    public void Patients_11_and_13_reported_partial_stay_minor_so_no_improvement_and_a_discrepancy(int preIncrease, int after)
    {
        var assessment = CourseBuilder.OnStandardDose()
            .InChr(1, 6, 12).Karyotype(6, preIncrease).Karyotype(12, preIncrease)
            .Escalate(13)
            .Karyotype(16, after).Reported(16, CytogeneticCategory.Partial)
            .Evaluate();

        Assert.Equal(Table2Row.CytogeneticResistance35To90, assessment.Table2Row);
        Assert.Null(assessment.Improvement);
        Assert.Equal(CytogeneticCategory.Minor, assessment.LatestCytogenetic?.Category);
        var discrepancy = Assert.Single(assessment.Discrepancies);
        Assert.Equal(new Discrepancy(CourseBuilder.Month(16), DiscrepancyKind.CytogeneticResponse, "Partial", "Minor"), discrepancy);
    }

    [Fact]
    public void Patient_17_lost_a_complete_response_to_95_percent_then_minor_for_2_months_ended()
    {
        var assessment = CourseBuilder.OnStandardDose()
            .InChr(1, 6, 12, 14).Karyotype(6, 0).Karyotype(12, 60).Karyotype(14, 95)
            .Escalate(15)
            .Karyotype(17, 70).Karyotype(19.2, 95).Karyotype(22, 60)
            .Evaluate();

        Assert.Equal(Table2Row.LossOfCytogeneticCompleteOrPartialToAbove90, assessment.Table2Row);
        Assert.Equal([EscalationIndication.CytogeneticRelapse], assessment.ProtocolStatus.Indications);
        Assert.Equal(CourseBuilder.Month(14), assessment.ProtocolStatus.IndicatedOn);
        var improvement = Assert.IsType<ImprovementEpisode>(assessment.Improvement);
        Assert.Equal((0m, 95m), (improvement.LowestOnStandardDose?.PhPositivePercent, improvement.PreIncrease.PhPositivePercent));
        Assert.Equal(CourseBuilder.Month(19.2), improvement.EndOn);
        Assert.Equal("Minor/2", improvement.Display);
    }

    [Theory]
    [InlineData(null, "PR/11+", 1)]
    [InlineData(2.9, "PR/11+", 1)]
    [InlineData(3.0, "CR/11+", 0)]
    public void Patient_18_3_percent_by_fish_is_complete_only_with_a_fish_cut_off_of_at_least_3(double? cutoff, string display, int discrepancies)
    {
        var settings = Paper with { FishBackgroundCutoffPercent = (decimal?)cutoff };

        var assessment = CourseBuilder.OnStandardDose()
            .InChr(1, 6, 12).Karyotype(6, 45).Karyotype(12, 100)
            .Escalate(13)
            .Fish(15, 3).Fish(26.2, 3).Reported(15, CytogeneticCategory.Complete)
            .Evaluate(settings);

        Assert.Equal(Table2Row.LossOfMinorTo100, assessment.Table2Row);
        var improvement = Assert.IsType<ImprovementEpisode>(assessment.Improvement);
        Assert.True(improvement.ByFish);
        Assert.Equal(display, improvement.Display);
        Assert.Equal(discrepancies, assessment.Discrepancies.Count);
    }

    [Fact]
    public void Patient_20_34_percent_by_fish_reported_minor_is_a_partial_response()
    {
        var assessment = CourseBuilder.OnStandardDose()
            .InChr(1, 6, 12).Karyotype(6, 85).Karyotype(12, 100)
            .Escalate(13)
            .Fish(15, 34).Fish(16.2, 34).Reported(15, CytogeneticCategory.Minor)
            .Evaluate();

        Assert.Equal(Table2Row.LossOfMinorTo100, assessment.Table2Row);
        Assert.Equal("PR/1+", assessment.Improvement?.Display);
        Assert.True(assessment.Improvement?.ByFish);
        Assert.Equal(new Discrepancy(CourseBuilder.Month(15), DiscrepancyKind.CytogeneticResponse, "Minor", "Partial"), Assert.Single(assessment.Discrepancies));
    }

    [Fact]
    public void Patient_21_100_percent_throughout_is_cytogenetic_resistance_above_90()
    {
        var assessment = CourseBuilder.OnStandardDose()
            .InChr(1, 6, 12).Karyotype(6, 100).Karyotype(12, 100)
            .Escalate(13)
            .Fish(15, 55).Fish(26.2, 55)
            .Evaluate();

        Assert.Equal(Table2Row.CytogeneticResistanceAbove90, assessment.Table2Row);
        Assert.Equal("Minor/11+", assessment.Improvement?.Display);
    }
}
