using GraphQL.Types.Relay.DataObjects;
using Marten;
using TrialMonitor.Api.GraphQL.Schema.Common;
using TrialMonitor.Api.Patients.Chart;

namespace TrialMonitor.Api.GraphQL.Schema.Patients;

/// <summary>
/// A page of a trial's patient charts, filtered, sorted and paged in one Marten query. Cursors are
/// opaque offsets into the sorted list (ties broken by subject id, then id, so the order is total).
/// </summary>
public static class PatientPages
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;
    private static readonly OffsetPaging Paging = new("patient", DefaultPageSize, MaxPageSize);

    public static async Task<Connection<PatientChart>> LoadAsync(
        IQuerySession session, Guid trialId, PatientFilter? filter, PatientOrder? order, int? first, string? after,
        IReadOnlyList<string>? readableSites, CancellationToken cancellation)
    {
        var (size, offset) = Paging.Window(first, after);

        var trialPatients = session.Query<PatientChart>().Where(c => c.TrialId == trialId);
        if (readableSites is not null) trialPatients = trialPatients.Where(c => readableSites.Contains(c.Site));
        var query = Sorted(Filtered(trialPatients, filter ?? new PatientFilter()), order);
        var page = await query.Stats(out var stats).Skip(offset).Take(size).ToListAsync(cancellation);
        return Paging.Connection(page, offset, (int)stats.TotalResults);
    }

    private static IQueryable<PatientChart> Filtered(IQueryable<PatientChart> query, PatientFilter filter)
    {
        if (filter.Site is { } site) query = query.Where(c => c.Site == site);
        if (filter.Indication is { } indication) query = query.Where(c => c.Assessment.ProtocolStatus.Indications.Contains(indication));
        if (filter.CytogeneticCategory is { } category) query = query.Where(c => c.Assessment.LatestCytogenetic!.Category == category);
        if (filter.Table2Row is { } row) query = query.Where(c => c.Assessment.Table2Row == row);
        return query;
    }

    private static IQueryable<PatientChart> Sorted(IQueryable<PatientChart> query, PatientOrder? order)
    {
        var descending = order?.Direction == SortDirection.Desc;
        var sorted = (order?.Field ?? PatientOrderField.SubjectId) switch
        {
            PatientOrderField.Site => descending ? query.OrderByDescending(c => c.Site) : query.OrderBy(c => c.Site),
            PatientOrderField.EnrolledOn => descending ? query.OrderByDescending(c => c.EnrolledOn) : query.OrderBy(c => c.EnrolledOn),
            _ => descending ? query.OrderByDescending(c => c.SubjectId) : query.OrderBy(c => c.SubjectId),
        };
        return sorted.ThenBy(c => c.SubjectId).ThenBy(c => c.Id);
    }
}
