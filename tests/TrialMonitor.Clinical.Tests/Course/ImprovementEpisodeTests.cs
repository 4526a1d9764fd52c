using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Clinical.Tests.Course;

public sealed class ImprovementEpisodeTests
{
    private static CourseBuilder PartialResponseAfterEscalation() => CourseBuilder.OnStandardDose()
        .InChr(1, 12).Karyotype(6, 100).Karyotype(12, 100)
        .Escalate(12)
        .Karyotype(15, 60).Karyotype(18, 20).Karyotype(21, 30);

    [Fact]
    public void Starts_at_the_first_result_documenting_the_best_category_and_is_censored_at_the_last_result()
    {
        var improvement = PartialResponseAfterEscalation().Evaluate().Improvement;

        Assert.Equal(CytogeneticCategory.Partial, improvement?.ImprovedCategory);
        Assert.Equal(CourseBuilder.Month(18), improvement?.StartOn);
        Assert.Equal(CourseBuilder.Month(21), improvement?.EndOn);
        Assert.Equal(CourseBuilder.Month(21).DayNumber - CourseBuilder.Month(18).DayNumber, improvement?.DurationDays);
        Assert.Equal(20m, improvement?.LowestAfterIncrease.PhPositivePercent);
        Assert.True(improvement?.Censored);
        Assert.False(improvement?.ByFish);
    }

    [Theory]
    [InlineData(DiscontinuationReason.HematologicResistance, false)]
    [InlineData(DiscontinuationReason.CytogeneticResistance, false)]
    [InlineData(DiscontinuationReason.TransformationToBlasticPhase, false)]
    [InlineData(DiscontinuationReason.Death, false)]
    [InlineData(DiscontinuationReason.Toxicity, true)]
    [InlineData(DiscontinuationReason.PatientDecision, true)]
    public void Discontinuation_ends_the_episode_only_for_resistance_transformation_or_death(DiscontinuationReason reason, bool censored)
    {
        var assessment = PartialResponseAfterEscalation().Discontinued(20, reason).Evaluate();

        Assert.Equal(censored, assessment.Improvement?.Censored);
        Assert.Equal(CourseBuilder.Month(censored ? 21 : 20), assessment.Improvement?.EndOn);
        Assert.Equal(0, assessment.CurrentDailyDoseMg);
    }

    [Fact]
    public void Transformation_or_death_ends_the_episode()
    {
        Assert.Equal(CourseBuilder.Month(19), PartialResponseAfterEscalation().Transformed(19, DiseasePhase.Accelerated).Evaluate().Improvement?.EndOn);
        Assert.Equal(CourseBuilder.Month(20), PartialResponseAfterEscalation().Died(20, CauseOfDeath.Infection).Evaluate().Improvement?.EndOn);
    }

    [Fact]
    public void A_worse_category_ends_the_episode_a_worse_value_in_the_same_category_does_not()
    {
        var assessment = PartialResponseAfterEscalation().Karyotype(24, 34).Karyotype(27, 35).Karyotype(30, 10).Evaluate();

        Assert.False(assessment.Improvement?.Censored);
        Assert.Equal(CourseBuilder.Month(27), assessment.Improvement?.EndOn);
    }

    [Fact]
    public void Improvement_documented_by_karyotype_as_well_as_fish_is_not_marked_fish()
    {
        var byFishOnly = PartialResponseAfterEscalation().Fish(17, 25).Evaluate().Improvement;
        var assessment = CourseBuilder.OnStandardDose()
            .InChr(1, 12).Karyotype(12, 100).Escalate(12).Fish(15, 20).Evaluate();

        Assert.False(byFishOnly?.ByFish);
        Assert.Equal(CourseBuilder.Month(17), byFishOnly?.StartOn);
        Assert.True(assessment.Improvement?.ByFish);
    }

    [Fact]
    public void Durations_show_as_whole_months_of_30_4375_days_rounded_down()
    {
        var pre = new CytogeneticResponse(new DateOnly(2001, 1, 1), 100m, CytogeneticCategory.None, false);
        ImprovementEpisode Episode(int days) => new(pre, null, pre, CytogeneticCategory.Complete, false, new DateOnly(2001, 1, 1), new DateOnly(2001, 1, 1).AddDays(days), false, days);

        Assert.Equal("CR/0", Episode(30).Display);
        Assert.Equal("CR/1", Episode(31).Display);
        Assert.Equal("CR/5", Episode(182).Display);
        Assert.Equal("CR/6", Episode(183).Display);
    }
}
