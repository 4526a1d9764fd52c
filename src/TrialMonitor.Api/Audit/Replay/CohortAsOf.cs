using Marten;
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Clinical.Cohort;

namespace TrialMonitor.Api.Audit.Replay;

/// <summary>
/// The cohort tables as the system showed them at a past recorded time (e.g. an interim analysis
/// cut-off): each patient's stream up to that time, folded and evaluated as the inline projection
/// did then, and the tables computed under the trial's settings of that time, as the live
/// <see cref="Cohort.CohortViews"/> did (or, with another criteria set, those settings with that set): the
/// molecular response known on the trial's data cut-off of that time, else on that time's date (UTC).
/// </summary>
public static class CohortAsOf
{
    public static async Task<CohortReport?> ForTrialAsync(IQuerySession session, Guid trialId, DateTimeOffset recordedAt,
        string? criteriaSet = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var trialTimeline = await TrialTimeline.LoadAsync(session, trialId, cancellation);
        var trial = trialTimeline.AsOf(recordedAt);
        if (trial is null) return null;
        var settings = criteriaSet is null ? trial.Settings : trial.Settings with { CriteriaSet = criteriaSet };

        // Patients never move between trials, so today's charts name every patient the trial ever had.
        var patientIds = await session.Query<PatientChart>().Where(c => c.TrialId == trialId).Select(c => c.Id).ToListAsync(cancellation);
        var patients = new List<CohortPatient>();
        foreach (var patientId in patientIds)
        {
            var events = await session.Events.FetchStreamAsync(patientId, timestamp: recordedAt, token: cancellation);
            if (PatientReplay.Fold(events, trialTimeline) is { } chart)
                patients.Add(settings == trial.Settings ? chart.ToCohortPatient() : CohortPatient.Evaluate(chart.ToCourse(), settings));
        }
        return CohortTables.Compute(patients, settings, DateOnly.FromDateTime(recordedAt.UtcDateTime));
    }
}
