namespace TrialMonitor.Clinical.Molecular;

/// <summary>One BCR-ABL1 result with the level it reaches.</summary>
public sealed record MolecularResult(DateOnly CollectedOn, decimal BcrAbl1PercentIs, int Abl1ControlCopies, MolecularLevel Level);

/// <summary>
/// A milestone at 3, 6 or 12 months: its day (null before therapy started), the verdict, the
/// result it rests on and, at 3 months, the later result that confirmed a failure.
/// </summary>
public sealed record MolecularMilestone(
    int Month, DateOnly? DueOn, MilestoneAssessment Assessment, DateOnly? ResultOn, decimal? PercentIs, DateOnly? ConfirmedOn);

/// <summary>
/// What ELN-2020 concludes from a patient's BCR-ABL1 results as known on a date (the trial's data
/// cut-off, else today): day 0 (the start of therapy), every result with its level in clinical
/// order, the milestones, the status after 12 months, MMR reached and lost, and whether a PCR is overdue.
/// </summary>
public sealed record MolecularResponse(
    DateOnly? StartedOn,
    IReadOnlyList<MolecularResult> Results,
    IReadOnlyList<MolecularMilestone> Milestones,
    MilestoneAssessment? CurrentStatus,
    DateOnly? MmrReachedOn,
    DateOnly? MmrLostOn,
    bool PcrOverdue)
{
    /// <summary>Days from day 0 to the first MMR; null until both exist.</summary>
    public int? DaysToMmr => StartedOn is { } start && MmrReachedOn is { } reached ? reached.DayNumber - start.DayNumber : null;

    /// <summary>The latest result that counts (not NotEvaluable), or null.</summary>
    public MolecularResult? LastEvaluable => Results.LastOrDefault(r => r.Level.IsEvaluable());

    public MolecularMilestone Milestone(int month) => Milestones.Single(m => m.Month == month);
}
