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
            },
            what => Assert.True(seen.GetValueOrDefault(what) >= 5, $"{what}: {seen.GetValueOrDefault(what)} histories"));
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

            var expected = SafetyStatus.Of(PatientEvaluation.Evaluate(RandomHistories.CourseOf(baseline, steps.Take(i + 1)), settings));
            var actual = running.Status;
            var where = $"{baseline.SubjectId} after step {i} ({steps[i]})";
            Assert.True(expected.ProtocolStatus.Indications.SequenceEqual(actual.ProtocolStatus.Indications),
                $"{where}: indications {string.Join(",", expected.ProtocolStatus.Indications)} expected, got {string.Join(",", actual.ProtocolStatus.Indications)}");
            Assert.True(expected.ProtocolStatus.IndicatedOn == actual.ProtocolStatus.IndicatedOn,
                $"{where}: indicated on {expected.ProtocolStatus.IndicatedOn} expected, got {actual.ProtocolStatus.IndicatedOn}");
            Assert.True(expected.Improvement == actual.Improvement, $"{where}: improvement {expected.Improvement} expected, got {actual.Improvement}");

            foreach (var indication in actual.ProtocolStatus.Indications) seen.Add(indication.ToString());
            if (actual.Improvement is { } episode) seen.Add(episode.Censored ? "improvement ongoing" : "improvement ended");
            if (steps[i].Voids && !SameStatus(previous, actual)) seen.Add("correction moved the status");
            previous = actual;
        }
        return seen;
    }

    private static bool SameStatus(SafetyStatus a, SafetyStatus b) =>
        a.ProtocolStatus.Indications.SequenceEqual(b.ProtocolStatus.Indications)
        && a.ProtocolStatus.IndicatedOn == b.ProtocolStatus.IndicatedOn
        && a.Improvement == b.Improvement;

    private static DateOnly OutcomeDate(object outcome) => outcome switch
    {
        Transformation t => t.DiagnosedOn,
        Discontinuation d => d.EffectiveOn,
        Death d => d.DiedOn,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };
}
