namespace TrialMonitor.Clinical.Cohort;

/// <summary>
/// The duration of improvement after escalation as a curve (DOMAIN.md): each Table 3 episode one time-to-event
/// record, in days from the first documenting assessment, censored while the improvement lasts (the paper's "+").
/// </summary>
public static class ImprovementDuration
{
    public static SurvivalCurve Curve(IEnumerable<Table3Line> table3)
    {
        ArgumentNullException.ThrowIfNull(table3);
        return KaplanMeier.Estimate(table3.Select(l => new TimeToEvent(l.Episode.DurationDays, l.Episode.Censored)));
    }
}
