using System.Collections.Concurrent;
using System.Diagnostics;
using Marten;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Api.Telemetry;
using TrialMonitor.Api.Trials;
using TrialMonitor.Clinical.Cohort;

namespace TrialMonitor.Api.Cohort;

/// <summary>
/// The paper's cohort tables for a trial, computed from the inline patient charts, so they are
/// always consistent with what coordinators see per patient. Computing them reads every chart of
/// the trial (seconds at 10 000 patients), so each report is kept until the trial's
/// <see cref="CohortChange"/> stamp moves: a read costs one primary-key load while nothing changed,
/// and concurrent readers of a changed trial share one computation, which rereads only the charts
/// that changed (<see cref="KeptPatients"/>). A projection rebuild rewrites
/// the charts without moving stamps: it follows a change of the rules, i.e. new code and a restart.
/// The molecular response of a trial without a data cut-off is known on today (UTC), so such a
/// report is also kept for the day it was computed on only: after midnight it is computed again.
/// </summary>
public sealed class CohortViews(IDocumentStore store, KeptPatients kept, TimeProvider clock)
{
    // Reports per trial, site selection (coordinators see their sites only) and criteria set; a
    // report of 10 000 patients is a few MB, so past this many the cache starts over rather than grow
    // without bound.
    private const int MaxCachedReports = 64;

    private readonly ConcurrentDictionary<(Guid TrialId, string Sites, string CriteriaSet), Computation> reports = new();

    /// <param name="sites">Only the patients of these sites (a coordinator's view), or null for all.</param>
    /// <param name="criteriaSet">
    /// The same events evaluated under this (known) criteria set instead of the trial's, or null for the trial's.
    /// </param>
    public async Task<CohortReport?> ForTrialAsync(Guid trialId, IReadOnlyList<string>? sites, string? criteriaSet = null,
        CancellationToken cancellation = default)
    {
        // The stamp is read before the charts: a report computed after this read includes at least
        // everything committed up to the stamp, so it is never cached under a newer stamp than its data.
        var stamp = await StampAsync(trialId, cancellation);
        var today = ClinicalDates.Today(clock);
        var key = Key(trialId, sites, criteriaSet);
        if (reports.Count >= MaxCachedReports && !reports.ContainsKey(key)) reports.Clear();
        var computation = reports.AddOrUpdate(
            key,
            _ => new Computation(stamp, today, () => ComputeAsync(trialId, sites, criteriaSet, today)),
            (_, cached) => cached.IsCurrent(stamp, today) ? cached : new Computation(stamp, today, () => ComputeAsync(trialId, sites, criteriaSet, today)));
        return await computation.Report.WaitAsync(cancellation);
    }

    /// <summary>
    /// Whether <paramref name="report"/> is still what <see cref="ForTrialAsync"/> would return for the same
    /// arguments, at the cost of one read of the trial's stamp: nothing committed to the trial since, and still the
    /// day it was computed on (or a report that does not read today). Starts no computation.
    /// </summary>
    public async Task<bool> IsCurrentAsync(CohortReport? report, Guid trialId, IReadOnlyList<string>? sites, string? criteriaSet,
        CancellationToken cancellation)
    {
        var stamp = await StampAsync(trialId, cancellation);
        return reports.TryGetValue(Key(trialId, sites, criteriaSet), out var kept)
               && kept.IsCurrent(stamp, ClinicalDates.Today(clock))
               && kept.Report.IsCompletedSuccessfully
               && ReferenceEquals(kept.Report.Result, report);
    }

    /// <summary>
    /// The patients (of these sites, or all) on whom the (known, different) criteria sets disagree,
    /// each evaluated under the trial's settings with that set; null for an unknown trial.
    /// </summary>
    public async Task<IReadOnlyList<PatientDifferences>?> CompareAsync(Guid trialId, IReadOnlyList<string>? sites,
        IReadOnlyList<string> criteriaSets, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(criteriaSets);
        await using var session = store.QuerySession();
        var trial = await session.LoadAsync<Trial>(trialId, cancellation);
        if (trial is null) return null;

        var patients = (await kept.CurrentAsync(session, trialId, cancellation)).Where(p => sites is null || sites.Contains(p.Site)).ToList();
        return CriteriaComparison.Compare(
        [
            .. criteriaSets.Select(set => trial.Settings with { CriteriaSet = set })
                .Select(settings => new CriteriaSetCohort(settings, [.. patients.Select(p => p.Under(settings, trial.Settings))])),
        ]);
    }

    /// <summary>The report computed from the charts as they are now, bypassing the cache.</summary>
    public static async Task<CohortReport?> ComputeAsync(IQuerySession session, Guid trialId, IReadOnlyList<string>? sites, DateOnly today,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var trial = await session.LoadAsync<Trial>(trialId, cancellation);
        if (trial is null) return null;

        var query = session.Query<PatientChart>().Where(c => c.TrialId == trialId);
        if (sites is not null) query = query.Where(c => sites.Contains(c.Site));
        var charts = await query.ToListAsync(cancellation);
        await ChartEntries.LoadAsync(session, charts, cancellation);
        return CohortTables.Compute(
            [.. charts.OrderBy(c => c.SubjectId, StringComparer.Ordinal).Select(c => c.ToCohortPatient())],
            trial.Settings, today);
    }

    private async Task<Guid?> StampAsync(Guid trialId, CancellationToken cancellation)
    {
        await using var session = store.QuerySession();
        return (await session.LoadAsync<CohortChange>(trialId, cancellation))?.Stamp;
    }

    private static (Guid TrialId, string Sites, string CriteriaSet) Key(Guid trialId, IReadOnlyList<string>? sites, string? criteriaSet) =>
        (trialId, sites is null ? "*" : string.Join('\n', sites.Order(StringComparer.Ordinal)), criteriaSet ?? "");

    // Not cancelled by the reader who started it: other readers may be waiting for the same report.
    private async Task<CohortReport?> ComputeAsync(Guid trialId, IReadOnlyList<string>? sites, string? criteriaSet, DateOnly today)
    {
        var started = Stopwatch.GetTimestamp();
        await using var session = store.QuerySession();
        var trial = await session.LoadAsync<Trial>(trialId);
        if (trial is null) return null;

        var settings = criteriaSet is null ? trial.Settings : trial.Settings with { CriteriaSet = criteriaSet };
        var patients = await kept.CurrentAsync(session, trialId, CancellationToken.None);
        var report = CohortTables.Compute(
            [.. patients.Where(p => sites is null || sites.Contains(p.Site)).Select(p => p.Under(settings, trial.Settings))],
            settings, today);
        TrialMonitorMetrics.CohortRecomputation.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return report;
    }

    /// <summary>A report as of one stamp and one day; started once, by whichever reader's entry won the race.</summary>
    private sealed class Computation(Guid? stamp, DateOnly today, Func<Task<CohortReport?>> compute)
    {
        private readonly Lazy<Task<CohortReport?>> report = new(compute);

        public Task<CohortReport?> Report => report.Value;

        /// <summary>
        /// Nothing committed since, and computed today, or (once known) a report that does not read
        /// today: the trial has a data cut-off (setting one moves the stamp), or is unknown.
        /// </summary>
        public bool IsCurrent(Guid? currentStamp, DateOnly currentDay)
        {
            if (currentStamp != stamp || (report.IsValueCreated && (report.Value.IsFaulted || report.Value.IsCanceled))) return false;
            return currentDay == today || (report.IsValueCreated && report.Value.IsCompletedSuccessfully && report.Value.Result is null or { AsOf: not null });
        }
    }
}
