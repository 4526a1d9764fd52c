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
    public static async Task<CohortReport?> ForTrialAsync(IQuerySession session, Guid trialId, CancellationToken cancellation = default)
    {
        var trial = await session.LoadAsync<Trial>(trialId, cancellation);
        if (trial is null) return null;

        var charts = await session.Query<PatientChart>().Where(c => c.TrialId == trialId).ToListAsync(cancellation);
        return CohortTables.Compute([.. charts.Select(c => new CohortPatient(c.ToCourse(), c.Assessment))], trial.Settings);
    }
}
