using TrialMonitor.Clinical.Alerts;
using TrialMonitor.Clinical.Course;
using TrialMonitor.DemoCohort;

namespace TrialMonitor.Clinical.Tests.Course;

/// <summary>
/// The running course gives, after every entry and every correction, the status the full
/// evaluation of the same entries in force gives (the alerts derived from the assessment are
/// raised and withdrawn from it).
/// </summary>
public sealed class RunningCourseTests
{
    [Fact]
    public void After_every_entry_of_the_papers_54_courses_the_status_is_the_full_evaluations()
    {
        foreach (var course in Kantarjian2003.Courses)
        {
            // Entered in clinical order, observations before the dose decisions of their day.
            var entries = course.BloodCounts.Select(c => (c.CollectedOn, 0, (object)c))
                .Concat(course.Exams.Select(e => (e.ExaminedOn, 0, (object)e)))
                .Concat(course.Cytogenetics.Select(c => (c.CollectedOn, 0, (object)c)))
                .Concat(course.Doses.Select(d => (d.EffectiveOn, 1, (object)d)))
                .Concat(new object?[] { course.Transformation, course.Discontinuation, course.Death }.OfType<object>()
                    .Select(o => (OutcomeDate(o), 2, o)))
                .OrderBy(e => e.Item1).ThenBy(e => e.Item2)
                .Select((e, i) => new HistoryStep($"E{i}", e.Item3))
                .ToList();

            AssertStatusFollowsFullEvaluation(course.Baseline, Kantarjian2003.Settings, entries);
        }
    }

    [Fact]
    public void After_every_step_of_300_random_histories_with_late_results_and_corrections_the_status_is_the_full_evaluations()
    {
        var seen = new Dictionary<string, int>();
        foreach (var (baseline, settings, steps) in RandomHistories.Draw(seed: 11, patients: 300))
        {
            var final = AssertStatusFollowsFullEvaluation(baseline, settings, steps);
            foreach (var what in final) seen[what] = seen.GetValueOrDefault(what) + 1;
        }

        // The histories reach every status the alerts are derived from, so the comparison covers them.
        Assert.All(new[]
            {
                nameof(EscalationIndication.HematologicResistance), nameof(EscalationIndication.HematologicRelapse),
                nameof(EscalationIndication.CytogeneticResistance), nameof(EscalationIndication.CytogeneticRelapse),
                "improvement ongoing", "improvement ended", "correction moved the status",
                "molecular milestone failed", "MMR lost", "correction moved the molecular status",
            },
            what => Assert.True(seen.GetValueOrDefault(what) >= 5, $"{what}: {seen.GetValueOrDefault(what)} histories"));
    }

    [Fact]
    public void A_PCR_result_fails_a_milestone_and_moving_day_0_away_from_it_takes_the_failure_back()
    {
        var baseline = new Baseline("FL-1", "S01", 50, Sex.Female, new DateOnly(2023, 12, 1), 0, 0m, false, false, DiseaseGroup.CytogeneticResistance);
        var running = new RunningCourse(baseline, new ClinicalSettings(ClinicalSettings.Eln2020, null, null));
        running.Record("D1", new DoseChange(new DateOnly(2024, 1, 1), DoseAction.Started, 400, "daily", null));

        // Day 365 from 2024-01-01 is 2024-12-31: 2 % there is above 1 %, a 12-month failure.
        running.Record("PCR-12", new MolecularAssessment(new DateOnly(2024, 12, 31), 2m, 50_000));
        Assert.Equal([12], running.Status.Molecular.FailedMilestones.Select(m => m.Month));

        // Started on 2024-03-01 instead: 6 months fall on 2024-08-30 and 12 on 2025-03-01, the result in neither window.
        running.Void("D1");
        running.Record("D1b", new DoseChange(new DateOnly(2024, 3, 1), DoseAction.Started, 400, "daily", null));
        Assert.Empty(running.Status.Molecular.FailedMilestones);
    }

    /// <summary>Compares after each step; returns what the history went through.</summary>
    private static HashSet<string> AssertStatusFollowsFullEvaluation(Baseline baseline, ClinicalSettings settings, IReadOnlyList<HistoryStep> steps)
    {
        var running = new RunningCourse(baseline, settings);
        var seen = new HashSet<string>();
        var previous = running.Status;
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].Voids) running.Void(steps[i].Key);
            else running.Record(steps[i].Key, steps[i].Value!);

            var course = RandomHistories.CourseOf(baseline, steps.Take(i + 1));
            var expected = SafetyStatus.Of(PatientEvaluation.Evaluate(course, settings), MolecularSafety.Of(course));
            var actual = running.Status;
            var where = $"{baseline.SubjectId} after step {i} ({steps[i]})";
            Assert.True(expected.ProtocolStatus.Indications.SequenceEqual(actual.ProtocolStatus.Indications),
                $"{where}: indications {string.Join(",", expected.ProtocolStatus.Indications)} expected, got {string.Join(",", actual.ProtocolStatus.Indications)}");
            Assert.True(expected.ProtocolStatus.IndicatedOn == actual.ProtocolStatus.IndicatedOn,
                $"{where}: indicated on {expected.ProtocolStatus.IndicatedOn} expected, got {actual.ProtocolStatus.IndicatedOn}");
            Assert.True(expected.Improvement == actual.Improvement, $"{where}: improvement {expected.Improvement} expected, got {actual.Improvement}");
            Assert.True(expected.Molecular == actual.Molecular, $"{where}: molecular {Describe(expected.Molecular)} expected, got {Describe(actual.Molecular)}");

            foreach (var indication in actual.ProtocolStatus.Indications) seen.Add(indication.ToString());
            if (actual.Improvement is { } episode) seen.Add(episode.Censored ? "improvement ongoing" : "improvement ended");
            if (actual.Molecular.FailedMilestones.Count > 0) seen.Add("molecular milestone failed");
            if (actual.Molecular.MmrLost is not null) seen.Add("MMR lost");
            if (steps[i].Voids && !SameStatus(previous, actual)) seen.Add("correction moved the status");
            if (steps[i].Voids && previous.Molecular != actual.Molecular) seen.Add("correction moved the molecular status");
            previous = actual;
        }
        return seen;
    }

    private static bool SameStatus(SafetyStatus a, SafetyStatus b) =>
        a.ProtocolStatus.Indications.SequenceEqual(b.ProtocolStatus.Indications)
        && a.ProtocolStatus.IndicatedOn == b.ProtocolStatus.IndicatedOn
        && a.Improvement == b.Improvement;

    private static string Describe(MolecularSafety molecular) =>
        $"failed [{string.Join(", ", molecular.FailedMilestones)}], MMR {molecular.MmrReached} lost {molecular.MmrLost}";

    private static DateOnly OutcomeDate(object outcome) => outcome switch
    {
        Transformation t => t.DiagnosedOn,
        Discontinuation d => d.EffectiveOn,
        Death d => d.DiedOn,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };
}
