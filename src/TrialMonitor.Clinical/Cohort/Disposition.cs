using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Clinical.Cohort;

/// <summary>
/// Where the patients stand: on imatinib in chronic phase, on imatinib after a transformation,
/// or off therapy by reason; and the deaths by cause, on therapy or after discontinuation. A
/// death without a recorded discontinuation ended therapy too and counts as discontinuation
/// for death. A death on the day of discontinuation is a death on therapy (the paper's
/// "sudden unrelated death").
/// </summary>
public sealed record Disposition(
    int Patients,
    int OnTherapyInChronicPhase,
    int OnTherapyAfterTransformation,
    int Discontinued,
    IReadOnlyDictionary<DiscontinuationReason, int> DiscontinuedBy,
    int Died,
    int DiedOnTherapy,
    int DiedAfterDiscontinuation,
    IReadOnlyDictionary<CauseOfDeath, int> DiedOf)
{
    /// <summary>How therapy ended, if it did: the recorded discontinuation, or the death that ended it.</summary>
    public static Discontinuation? TherapyEnd(PatientCourse course)
    {
        ArgumentNullException.ThrowIfNull(course);
        return course.Discontinuation ?? (course.Death is { } death ? new Discontinuation(death.DiedOn, DiscontinuationReason.Death) : null);
    }

    internal static Disposition Compute(IReadOnlyList<PatientCourse> courses)
    {
        var stopped = courses.Select(TherapyEnd).OfType<Discontinuation>().ToList();
        var deaths = courses.Where(c => c.Death is not null).ToList();
        var diedOnTherapy = deaths.Count(c => c.Discontinuation is not { } d || d.EffectiveOn >= c.Death!.DiedOn);

        return new Disposition(
            courses.Count,
            courses.Count(c => c.Discontinuation is null && c.Death is null && c.Transformation is null),
            courses.Count(c => c.Discontinuation is null && c.Death is null && c.Transformation is not null),
            stopped.Count,
            Enum.GetValues<DiscontinuationReason>().ToDictionary(r => r, r => stopped.Count(d => d.Reason == r)),
            deaths.Count,
            diedOnTherapy,
            deaths.Count - diedOnTherapy,
            Enum.GetValues<CauseOfDeath>().ToDictionary(c => c, c => deaths.Count(d => d.Death!.Cause == c)));
    }
}
