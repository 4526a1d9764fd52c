using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Clinical.Cohort;

/// <summary>
/// Follow-up from escalation to death or the last contact (the paper's "median follow-up of
/// longer than 8 months (range, 1-26+ months)"); "+" when the longest is still alive.
/// </summary>
public sealed record FollowUp(MedianRange? MonthsAfterEscalation, bool LongestStillFollowed)
{
    public string Display => MonthsAfterEscalation is { } m
        ? $"{MedianRange.Whole(m.Median)} ({MedianRange.Whole(m.Minimum)}-{MedianRange.Whole(m.Maximum)}{(LongestStillFollowed ? "+" : "")})"
        : "NA";

    /// <summary>The last clinical date the patient is known about: death, else last contact, else the latest observation.</summary>
    public static DateOnly EndOf(PatientCourse course)
    {
        ArgumentNullException.ThrowIfNull(course);
        if (course.Death is { } death)
        {
            return death.DiedOn;
        }

        DateOnly[] observed =
        [
            .. course.BloodCounts.Select(c => c.CollectedOn),
            .. course.Cytogenetics.Select(c => c.CollectedOn),
            .. course.Exams.Select(e => e.ExaminedOn),
            .. course.Doses.Select(d => d.EffectiveOn),
            .. course.Discontinuation is { } d ? [d.EffectiveOn] : Array.Empty<DateOnly>(),
            .. course.LastContactOn is { } last ? [last] : Array.Empty<DateOnly>(),
        ];
        return observed.Length > 0 ? observed.Max() : course.Baseline.DiagnosedOn;
    }

    internal static FollowUp Compute(IReadOnlyList<CohortPatient> patients, Func<CohortPatient, PatientCourse> course)
    {
        var followed = patients
            .Where(p => p.Assessment.EscalatedOn is not null)
            .Select(p => (Months: ClinicalMonths.Between(p.Assessment.EscalatedOn!.Value, EndOf(course(p))), Alive: course(p).Death is null))
            .ToList();
        var summary = MedianRange.Of(followed.Select(f => f.Months));
        return new FollowUp(summary, followed.Count > 0 && followed.MaxBy(f => f.Months).Alive);
    }
}
