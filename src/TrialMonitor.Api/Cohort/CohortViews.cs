using Marten;
using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Trials;
using TrialMonitor.Clinical.Cohort;

namespace TrialMonitor.Api.Cohort;

/// <summary>
/// The paper's cohort tables for a trial, computed on read from the inline patient charts, so they
/// are always consistent with what coordinators see per patient (one indexed query per trial).
/// </summary>
public static class CohortViews
{
    /// <param name="sites">Only the patients of these sites (a coordinator's view), or null for all.</param>
    public static Task<CohortReport?> ForTrialAsync(IQuerySession session, Guid trialId, CancellationToken cancellation = default) =>
        ForTrialAsync(session, trialId, null, cancellation);

    public static async Task<CohortReport?> ForTrialAsync(IQuerySession session, Guid trialId, IReadOnlyList<string>? sites,
        CancellationToken cancellation = default)
    {
        var trial = await session.LoadAsync<Trial>(trialId, cancellation);
        if (trial is null) return null;

        var query = session.Query<PatientChart>().Where(c => c.TrialId == trialId);
        if (sites is not null) query = query.Where(c => sites.Contains(c.Site));
        var charts = await query.ToListAsync(cancellation);
        return CohortTables.Compute([.. charts.Select(c => new CohortPatient(c.ToCourse(), c.Assessment))], trial.Settings);
    }
}
