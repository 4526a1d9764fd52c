namespace TrialMonitor.Api.Cohort;

/// <summary>
/// One row per trial, rewritten by every commit that changes the trial or one of its patients'
/// charts, in that commit's transaction: what a cached cohort report is checked against. The stamp
/// is a fresh Guid per commit, not a counter, so a database reset or restore can never reproduce a
/// stamp a cache still holds.
/// </summary>
public sealed class CohortChange
{
    public Guid Id { get; set; }

    public Guid Stamp { get; set; }

    public static CohortChange Of(Guid trialId) => new() { Id = trialId, Stamp = Guid.NewGuid() };
}
