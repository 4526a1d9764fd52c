namespace TrialMonitor.Clinical.Course;

/// <summary>The dose decisions in clinical order and the daily dose they put in effect.</summary>
public static class DoseHistory
{
    /// <summary>Dose changes by EffectiveOn; changes on the same day keep the order they were recorded in.</summary>
    public static IReadOnlyList<DoseChange> Ordered(IEnumerable<DoseChange> doses) => [.. doses.OrderBy(d => d.EffectiveOn)];

    /// <summary>Standard dose begins with the first start of imatinib.</summary>
    public static DateOnly? StandardDoseStartedOn(PatientCourse course) =>
        FirstOf(course, DoseAction.Started);

    /// <summary>The first escalation ends the standard-dose period (the paper's "dose increase").</summary>
    public static DateOnly? EscalatedOn(PatientCourse course) =>
        FirstOf(course, DoseAction.Escalated);

    /// <summary>
    /// The daily dose in effect on a date: 0 while interrupted and from discontinuation or death
    /// on; null before the first dose decision.
    /// </summary>
    public static int? DailyDoseOn(PatientCourse course, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(course);
        if (course.Discontinuation?.EffectiveOn <= date || course.Death?.DiedOn <= date)
        {
            return 0;
        }

        return Ordered(course.Doses).LastOrDefault(d => d.EffectiveOn <= date) is { } change ? DailyDose(change) : null;
    }

    /// <summary>The dose after the last recorded decision; 0 once therapy was discontinued or the patient died.</summary>
    public static int? CurrentDailyDose(PatientCourse course)
    {
        ArgumentNullException.ThrowIfNull(course);
        if (course.Discontinuation is not null || course.Death is not null)
        {
            return 0;
        }

        return Ordered(course.Doses) is [.., var last] ? DailyDose(last) : null;
    }

    private static int DailyDose(DoseChange change) => change.Action == DoseAction.Interrupted ? 0 : change.DailyDoseMg;

    private static DateOnly? FirstOf(PatientCourse course, DoseAction action)
    {
        ArgumentNullException.ThrowIfNull(course);
        return Ordered(course.Doses).FirstOrDefault(d => d.Action == action)?.EffectiveOn;
    }
}
