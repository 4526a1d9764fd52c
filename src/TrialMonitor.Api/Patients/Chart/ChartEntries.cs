using Marten;
using TrialMonitor.Api.Door;

namespace TrialMonitor.Api.Patients.Chart;

/// <summary>The entries in force of stored charts, read from the entries stored one by one.</summary>
public static class ChartEntries
{
    /// <summary>Gives each chart whose entries are not loaded yet its entries in force, in one query.</summary>
    public static async Task LoadAsync(IQuerySession session, IEnumerable<PatientChart> charts, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(charts);
        var missing = charts.Where(c => !c.HasEntries).ToList();
        if (missing.Count == 0) return;
        var inForce = await InForceAsync(session, [.. missing.Select(c => c.Id)], cancellation);
        foreach (var chart in missing) chart.InForce = [.. inForce[chart.Id]];
    }

    /// <summary>The entries in force of these patients, each patient's in the order they were recorded.</summary>
    public static async Task<ILookup<Guid, RecordedEntry>> InForceAsync(IQuerySession session, Guid[] patientIds, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(session);
        // Ordered here, not by PostgreSQL: a trial's entries sorted there spill to disk (800 000 entries: a 400 MB
        // external sort, four times the read). A lookup keeps each patient's entries in the order it is given them.
        var entries = await session.Query<RecordedEntry>()
            .Where(e => patientIds.Contains(e.PatientId) && !e.Voided)
            .ToListAsync(cancellation);
        return entries.OrderBy(e => e.Version).ToLookup(e => e.PatientId);
    }
}
