using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Clinical.Tests.Course;

public sealed class Table2RowTests
{
    [Fact]
    public void Not_in_CHR_at_escalation_after_CHR_on_standard_dose_is_hematologic_relapse()
    {
        var assessment = CourseBuilder.OnStandardDose()
            .InChr(1, 3).NotInChr(6, 8).Karyotype(6, 100)
            .Escalate(9)
            .Visit(10, blasts: 2m).InChr(12)
            .Evaluate();

        Assert.Equal(Table2Row.HematologicRelapse, assessment.Table2Row);
        Assert.Equal(HematologicCategory.Complete, assessment.BestHematologicAfterEscalation);
    }

    [Fact]
    public void Partial_hematologic_response_after_escalation_is_measured_against_the_spleen_at_escalation()
    {
        var assessment = CourseBuilder.OnStandardDose()
            .NotInChr(1, 3).Visit(4, spleenCm: 10m)
            .Escalate(4)
            .Visit(5, spleenCm: 4m).Visit(6, spleenCm: 6m)
            .Evaluate();

        Assert.Equal(Table2Row.HematologicResistance, assessment.Table2Row);
        Assert.Equal(HematologicCategory.Partial, assessment.BestHematologicAfterEscalation);
        Assert.Equal(HematologicCategory.None, assessment.LatestHematologic);
    }

    [Theory]
    [InlineData(0, 20, Table2Row.LossOfCytogeneticCompleteOrPartialTo35To90)] // lost CR to PR: nearest row
    [InlineData(34, 35, Table2Row.LossOfCytogeneticCompleteOrPartialTo35To90)]
    [InlineData(34, 90, Table2Row.LossOfCytogeneticCompleteOrPartialTo35To90)]
    [InlineData(34, 90.5, Table2Row.LossOfCytogeneticCompleteOrPartialToAbove90)]
    [InlineData(35, 100, Table2Row.LossOfMinorTo100)]
    [InlineData(90, 95, Table2Row.LossOfMinorTo100)]
    [InlineData(35, 90, Table2Row.CytogeneticResistance35To90)]
    [InlineData(95, 100, Table2Row.CytogeneticResistanceAbove90)]
    public void Cytogenetic_rows_follow_the_best_response_and_the_pre_increase_value(decimal lowest, decimal preIncrease, Table2Row expected)
    {
        var assessment = CourseBuilder.OnStandardDose()
            .InChr(1, 12).Karyotype(6, lowest).Karyotype(12, preIncrease)
            .Escalate(12)
            .Evaluate();

        Assert.Equal(expected, assessment.Table2Row);
    }

    [Fact]
    public void No_escalation_no_row()
    {
        var assessment = CourseBuilder.OnStandardDose().InChr(1).Karyotype(6, 100).Evaluate();

        Assert.Null(assessment.Table2Row);
        Assert.Null(assessment.EscalatedOn);
        Assert.Null(assessment.Improvement);
    }
}
