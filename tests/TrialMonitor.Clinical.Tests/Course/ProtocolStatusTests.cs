using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Clinical.Tests.Course;

public sealed class ProtocolStatusTests
{
    [Fact]
    public void No_CHR_is_hematologic_resistance_once_a_count_documents_it_at_3_months()
    {
        var before = CourseBuilder.OnStandardDose().NotInChr(1, 2, 2.9).Evaluate();
        var after = CourseBuilder.OnStandardDose().NotInChr(1, 2, 2.9, 3).Evaluate();

        Assert.False(before.ProtocolStatus.EscalationIndicated);
        Assert.Equal([EscalationIndication.HematologicResistance], after.ProtocolStatus.Indications);
        Assert.Equal(CourseBuilder.Month(3), after.ProtocolStatus.IndicatedOn);
    }

    [Fact]
    public void CHR_reached_then_lost_is_hematologic_relapse_dated_by_the_first_count_that_lost_it()
    {
        var relapsed = CourseBuilder.OnStandardDose().NotInChr(1).InChr(2, 4).NotInChr(6, 7).Evaluate();
        var regained = CourseBuilder.OnStandardDose().NotInChr(1).InChr(2, 4).NotInChr(6).InChr(7).Evaluate();

        Assert.Equal([EscalationIndication.HematologicRelapse], relapsed.ProtocolStatus.Indications);
        Assert.Equal(CourseBuilder.Month(6), relapsed.ProtocolStatus.IndicatedOn);
        Assert.Equal(HematologicCategory.None, relapsed.LatestHematologic);
        Assert.False(regained.ProtocolStatus.EscalationIndicated);
    }

    [Fact]
    public void No_major_response_is_cytogenetic_resistance_once_a_result_documents_it_at_12_months()
    {
        var at11 = CourseBuilder.OnStandardDose().InChr(1, 6).Karyotype(6, 80).Karyotype(11, 40).Evaluate();
        var at12 = CourseBuilder.OnStandardDose().InChr(1, 6).Karyotype(6, 80).Karyotype(12, 35).Evaluate();
        var major = CourseBuilder.OnStandardDose().InChr(1, 6).Karyotype(6, 34.5m).Karyotype(12, 50).Evaluate();

        Assert.False(at11.ProtocolStatus.EscalationIndicated);
        Assert.Equal([EscalationIndication.CytogeneticResistance], at12.ProtocolStatus.Indications);
        Assert.False(major.ProtocolStatus.EscalationIndicated);
    }

    [Theory]
    [InlineData(30, 30, true)]
    [InlineData(29.9, 40, false)] // the first of the 2 rose by less than 30 points
    [InlineData(40, 29.9, false)]
    public void Cytogenetic_relapse_needs_2_consecutive_results_30_points_above_the_best(decimal firstRise, decimal secondRise, bool relapsed)
    {
        var assessment = CourseBuilder.OnStandardDose().InChr(1)
            .Karyotype(3, 20).Karyotype(6, 10).Karyotype(9, 10 + firstRise).Karyotype(10, 10 + secondRise)
            .Evaluate();

        Assert.Equal(relapsed, assessment.ProtocolStatus.Indications.Contains(EscalationIndication.CytogeneticRelapse));
    }

    [Fact]
    public void A_single_rise_followed_by_a_fall_is_no_relapse()
    {
        var assessment = CourseBuilder.OnStandardDose().InChr(1)
            .Karyotype(3, 0).Karyotype(6, 50).Karyotype(7, 10).Karyotype(8, 45)
            .Evaluate();

        Assert.False(assessment.ProtocolStatus.EscalationIndicated);
    }

    [Fact]
    public void Once_escalated_the_status_stays_as_it_was_at_the_escalation_date()
    {
        var assessment = CourseBuilder.OnStandardDose(300)
            .NotInChr(1, 3.5)
            .Escalate(4, 600)
            .InChr(5, 6)
            .Karyotype(13, 100).Karyotype(14, 100)
            .Evaluate();

        Assert.Equal([EscalationIndication.HematologicResistance], assessment.ProtocolStatus.Indications);
        Assert.Equal(CourseBuilder.Month(3.5), assessment.ProtocolStatus.IndicatedOn);
        Assert.Equal(600, assessment.CurrentDailyDoseMg);
    }

    [Fact]
    public void Results_before_the_start_of_standard_dose_are_not_responses_on_it()
    {
        var assessment = CourseBuilder.OnStandardDose().InChr(0).NotInChr(1, 3).Evaluate();

        Assert.Equal([EscalationIndication.HematologicResistance], assessment.ProtocolStatus.Indications);
    }
}
