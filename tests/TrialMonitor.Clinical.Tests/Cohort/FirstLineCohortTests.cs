using TrialMonitor.Clinical.Course;
using TrialMonitor.Clinical.Molecular;
using TrialMonitor.DemoCohort;
using static TrialMonitor.Clinical.Molecular.MilestoneAssessment;

namespace TrialMonitor.Clinical.Tests.Cohort;

/// <summary>
/// The generated first-line trial has what the demo promises, counted with the ELN-2020 rules at its data
/// cut-off: every milestone verdict, losses of MMR, deep responses, results that cannot be evaluated and
/// overdue PCRs. The counts are properties of the seeded data, asserted as lower bounds well under what
/// the seed gives, so they fail when the generator stops producing a kind of course, not when it is tuned.
/// </summary>
public sealed class FirstLineCohortTests
{
    private static readonly DateOnly Cutoff = new(2025, 12, 31);

    private static readonly IReadOnlyList<PatientCourse> Courses = FirstLineEln2020.Courses;

    // "Today" long after the cut-off: the trial's cut-off decides, not the day the test runs.
    private static readonly MolecularResponse[] Responses =
        [.. Courses.Select(c => MolecularEvaluation.Evaluate(c, FirstLineEln2020.Settings, new DateOnly(2031, 1, 1)))];

    [Fact]
    public void The_trial_is_judged_under_ELN_2020_at_a_fixed_data_cutoff()
    {
        Assert.Equal("ELN-2020", FirstLineEln2020.Settings.CriteriaSet);
        Assert.Equal(Cutoff, FirstLineEln2020.Settings.DataCutoffOn);
    }

    [Fact]
    public void It_has_300_patients_FL_001_to_FL_300_at_4_sites_each_started_on_400_mg()
    {
        Assert.Equal(300, Courses.Count);
        Assert.Equal([.. Enumerable.Range(1, 300).Select(n => $"FL-{n:000}")], Courses.Select(c => c.Baseline.SubjectId));
        Assert.Equal("FL-007", FirstLineEln2020.SubjectId(7));
        Assert.Equal(4, FirstLineEln2020.Sites.Count);
        Assert.All(FirstLineEln2020.Sites, site => Assert.True(Courses.Count(c => c.Baseline.Site == site) >= 30, site));
        Assert.All(Courses, c => Assert.Equal((DoseAction.Started, 400), (c.Doses[0].Action, c.Doses[0].DailyDoseMg)));
    }

    /// <summary>
    /// The generator draws from System.Random with a fixed seed in whole numbers and decimal arithmetic, so
    /// every machine generates these courses. After an intended change to the generator, rewrite the file
    /// and review its diff:
    ///   UPDATE_COURSE_FINGERPRINTS=1 dotnet test tests/TrialMonitor.Clinical.Tests --filter "FullyQualifiedName~FirstLineCohortTests"
    /// </summary>
    [Fact]
    public void The_generated_courses_match_their_checked_in_fingerprints()
    {
        CourseFingerprint.AssertMatchesCheckedIn(Courses, "first-line-cohort-fingerprints.txt");
    }

    [Fact]
    public void Nothing_is_dated_after_the_cutoff_or_a_death_and_enrolment_spreads_over_years()
    {
        Assert.All(Courses, c =>
        {
            var last = c.Death?.DiedOn ?? Cutoff;
            Assert.All(c.Molecular, m => Assert.True(m.CollectedOn <= last));
            Assert.All(c.BloodCounts, b => Assert.True(b.CollectedOn <= last));
            Assert.All(c.Doses, d => Assert.True(d.EffectiveOn <= last));
            Assert.True(c.LastContactOn <= last);
        });
        var starts = Courses.Select(c => c.Doses[0].EffectiveOn).ToList();
        Assert.True(starts.Count(s => s.AddYears(2) <= Cutoff) >= 150, "most patients are followed two years or more");
        Assert.True(starts.Count(s => s.AddMonths(13) > Cutoff) >= 10, "some patients are not yet past their 12-month window");
    }

    [Theory]
    [InlineData(3, Optimal, 150)]
    [InlineData(3, Warning, 5)]
    [InlineData(3, Failure, 5)]
    [InlineData(3, NotAssessed, 3)]
    [InlineData(6, Optimal, 100)]
    [InlineData(6, Warning, 30)]
    [InlineData(6, Failure, 10)]
    [InlineData(6, Pending, 2)]
    [InlineData(6, NotAssessed, 5)]
    [InlineData(12, Optimal, 80)]
    [InlineData(12, Warning, 30)]
    [InlineData(12, Failure, 5)]
    [InlineData(12, Pending, 10)]
    [InlineData(12, NotAssessed, 10)]
    public void Each_milestone_verdict_occurs_at_the_cutoff(int month, MilestoneAssessment assessment, int atLeast)
    {
        var patients = Responses.Count(r => r.Milestone(month).Assessment == assessment);
        Assert.True(patients >= atLeast, $"{patients} patients are {assessment} at {month} months; at least {atLeast} expected");
    }

    [Fact]
    public void Some_3_month_failures_are_confirmed_by_a_repeat_above_10_percent() =>
        Assert.True(Responses.Count(r => r.Milestone(3).ConfirmedOn is not null) >= 5);

    [Theory]
    [InlineData(Optimal, 100)]
    [InlineData(Warning, 5)]
    [InlineData(Failure, 5)]
    public void Each_current_status_occurs_after_12_months(MilestoneAssessment status, int atLeast) =>
        Assert.True(Responses.Count(r => r.CurrentStatus == status) >= atLeast);

    [Fact]
    public void Most_patients_followed_18_months_reached_MMR_by_then()
    {
        // 18 months is day 547 (a month is 30.4375 days).
        var followed = Responses.Where(r => r.StartedOn!.Value.AddDays(547) <= Cutoff).ToList();
        var reached = followed.Count(r => r.DaysToMmr <= 547);
        Assert.True(followed.Count >= 150);
        Assert.True(2 * reached > followed.Count, $"{reached} of {followed.Count} reached MMR by 18 months");
    }

    [Theory]
    [InlineData(MolecularLevel.Mr4, 50)]
    [InlineData(MolecularLevel.Mr4_5, 20)]
    [InlineData(MolecularLevel.Mr5, 5)]
    [InlineData(MolecularLevel.NotEvaluable, 10)]
    public void Deep_responses_and_results_without_enough_control_copies_occur(MolecularLevel level, int atLeast)
    {
        var results = Responses.Sum(r => r.Results.Count(x => x.Level == level));
        Assert.True(results >= atLeast, $"{results} results at {level}; at least {atLeast} expected");
    }

    [Fact]
    public void Some_patients_lose_MMR_and_some_are_overdue_for_a_PCR_at_the_cutoff()
    {
        Assert.True(Responses.Count(r => r.MmrLostOn is not null) >= 5);
        Assert.True(Responses.Count(r => r.PcrOverdue) >= 3);
    }

    [Fact]
    public void Doses_are_reduced_interrupted_and_escalated_and_some_patients_stop_therapy_or_die()
    {
        var doses = Courses.SelectMany(c => c.Doses).ToList();
        Assert.True(doses.Count(d => d.Action == DoseAction.Reduced) >= 10);
        Assert.True(doses.Count(d => d.Action == DoseAction.Interrupted) >= 5);
        Assert.True(doses.Count(d => d.Action == DoseAction.Escalated) >= 5);
        Assert.True(Courses.Count(c => c.Discontinuation is not null) >= 10);
        Assert.InRange(Courses.Count(c => c.Death is not null), 1, 3);
    }
}
