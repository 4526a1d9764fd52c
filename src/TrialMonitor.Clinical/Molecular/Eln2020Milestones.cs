namespace TrialMonitor.Clinical.Molecular;

/// <summary>
/// ELN-2020's molecular milestones (Hochhaus et al., Leukemia 2020, Table 4) as DOMAIN.md fixes
/// what the table leaves open: the days they fall on, their windows and their thresholds.
/// </summary>
public static class Eln2020Milestones
{
    /// <summary>DOMAIN: a month is 30.4375 days.</summary>
    public const decimal DaysPerMonth = 30.4375m;

    /// <summary>A milestone's result is collected within this many days either side of its day.</summary>
    public const int WindowDays = 30;

    /// <summary>A 3-month result above 10 % is a failure when another above 10 % follows within this many days …</summary>
    public const int ConfirmationFromDays = 30;

    /// <summary>… and no later than this (3 months).</summary>
    public const int ConfirmationUntilDays = 91;

    /// <summary>On therapy, a PCR is due every 3 months; this many days (3 months and a 30-day grace) without one is overdue.</summary>
    public const int OverdueAfterDays = 122;

    public static IReadOnlyList<int> Months { get; } = [3, 6, 12];

    /// <summary>The milestone's day counted from day 0: 91, 182 and 365 (whole days of the months).</summary>
    public static int DayOf(int month) => (int)Math.Floor(month * DaysPerMonth);

    /// <summary>The last day of the 12-month window: after it the current status is assessed instead.</summary>
    public static int CurrentStatusAfterDay => DayOf(12) + WindowDays;

    /// <summary>
    /// The verdict on a milestone's result (at 3 months a result above 10 % is a warning until a
    /// later one confirms it, which <see cref="MolecularEvaluation"/> checks).
    /// </summary>
    public static MilestoneAssessment Assess(int month, decimal percentIs) => month switch
    {
        3 => percentIs <= 10m ? MilestoneAssessment.Optimal : MilestoneAssessment.Warning,
        6 => percentIs <= 1m ? MilestoneAssessment.Optimal : percentIs <= 10m ? MilestoneAssessment.Warning : MilestoneAssessment.Failure,
        _ => AnyTimeAfter12Months(percentIs),
    };

    /// <summary>At 12 months and any time after: optimal ≤ 0.1 %, warning > 0.1–1 %, failure > 1 %.</summary>
    public static MilestoneAssessment AnyTimeAfter12Months(decimal percentIs) =>
        percentIs <= 0.1m ? MilestoneAssessment.Optimal : percentIs <= 1m ? MilestoneAssessment.Warning : MilestoneAssessment.Failure;
}
