using Marten;

namespace TrialMonitor.Api.Patients.Chart;

/// <summary>A trial's stored charts as the exports read them: in subject id order, a batch at a time, with their entries.</summary>
public static class StoredCharts
{
    /// <summary>The ids of the trial's patients (at these sites, when given), in subject id order.</summary>
    public static async Task<List<Guid>> InSubjectOrderAsync(IQuerySession session, Guid trialId, IReadOnlyList<string>? sites,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(session);
        var query = session.Query<PatientChart>().Where(c => c.TrialId == trialId);
        if (sites is not null) query = query.Where(c => sites.Contains(c.Site));
        return (await query.Select(c => new { c.Id, c.SubjectId }).ToListAsync(cancellation))
            .OrderBy(p => p.SubjectId, StringComparer.Ordinal)
            .Select(p => p.Id)
            .ToList();
    }

    /// <summary>These patients' charts with their entries, in the order of <paramref name="ids"/>.</summary>
    public static async Task<IReadOnlyList<PatientChart>> LoadAsync(IQuerySession session, Guid[] ids, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(session);
        var stored = (await session.LoadManyAsync<PatientChart>(cancellation, ids)).ToDictionary(c => c.Id);
        await ChartEntries.LoadAsync(session, stored.Values, cancellation);
        return [.. ids.Where(stored.ContainsKey).Select(id => stored[id])];
    }
}
