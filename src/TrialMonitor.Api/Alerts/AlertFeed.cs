using Marten;
using TrialMonitor.Clinical.Alerts;

namespace TrialMonitor.Api.Alerts;

/// <summary>
/// Which alerts a monitor follows. MinimumGrade applies to toxicity alerts only: an alert without
/// a grade (dose, discontinuation, transformation, death, relapse) is never filtered out by it.
/// </summary>
public sealed record AlertFilter(
    Guid? TrialId = null, string? Site = null, IReadOnlyList<AlertKind>? Kinds = null, int? MinimumGrade = null,
    IReadOnlyList<string>? ReadableSites = null)
{
    public static readonly AlertFilter All = new();

    public bool Matches(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return (TrialId is not { } trial || alert.TrialId == trial)
            && (Site is null || alert.Site == Site)
            && (ReadableSites is null || ReadableSites.Contains(alert.Site))
            && (Kinds is not { Count: > 0 } kinds || kinds.Contains(alert.Kind))
            && (MinimumGrade is not { } minimum || alert.Grade is not { } grade || grade >= minimum);
    }
}

/// <summary>The alerts as monitors read them: open and acknowledged lists, and the feed after a cursor.</summary>
public static class AlertFeed
{
    public const int DefaultPageSize = 500;

    /// <summary>Alerts of the trial neither acknowledged nor withdrawn, in the order they were raised; only the sites given, unless null.</summary>
    public static Task<IReadOnlyList<Alert>> OpenAsync(
        IQuerySession session, Guid trialId, IReadOnlyList<string>? readableSites = null, CancellationToken cancellation = default) =>
        WithStatusAsync(session, trialId, AlertStatus.Open, readableSites, cancellation);

    /// <summary>Acknowledged alerts of the trial (not withdrawn since), in the order they were raised; only the sites given, unless null.</summary>
    public static Task<IReadOnlyList<Alert>> AcknowledgedAsync(
        IQuerySession session, Guid trialId, IReadOnlyList<string>? readableSites = null, CancellationToken cancellation = default) =>
        WithStatusAsync(session, trialId, AlertStatus.Acknowledged, readableSites, cancellation);

    public static async Task<Alert?> ByIdAsync(IQuerySession session, Guid alertId, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        return await session.LoadAsync<Alert>(alertId, cancellation);
    }

    /// <summary>
    /// Every alert that changed (raised, withdrawn, acknowledged) after the cursor, in feed order, at
    /// most <paramref name="limit"/>; resume with the last Position returned. Cursor 0 is the start.
    /// </summary>
    public static async Task<IReadOnlyList<Alert>> AfterAsync(
        IQuerySession session, long cursor, AlertFilter? filter = null, int limit = DefaultPageSize, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var query = session.Query<Alert>().Where(a => a.Position > cursor);
        if (filter?.TrialId is { } trialId) query = query.Where(a => a.TrialId == trialId);
        if (filter?.Site is { } site) query = query.Where(a => a.Site == site);
        if (filter?.ReadableSites is { } readable)
        {
            var siteList = readable.ToArray();
            query = query.Where(a => siteList.Contains(a.Site));
        }
        if (filter?.Kinds is { Count: > 0 } kinds)
        {
            var kindList = kinds.ToArray();
            query = query.Where(a => kindList.Contains(a.Kind));
        }
        if (filter?.MinimumGrade is { } minimum) query = query.Where(a => a.Grade == null || a.Grade >= minimum);
        return await query.OrderBy(a => a.Position).Take(limit).ToListAsync(cancellation);
    }

    /// <summary>The position of the latest change in the feed, 0 when there is none.</summary>
    public static async Task<long> LatestPositionAsync(IQuerySession session, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var latest = await session.Query<Alert>().OrderByDescending(a => a.Position).Take(1).ToListAsync(cancellation);
        return latest.Count == 0 ? 0 : latest[0].Position;
    }

    private static async Task<IReadOnlyList<Alert>> WithStatusAsync(
        IQuerySession session, Guid trialId, AlertStatus status, IReadOnlyList<string>? readableSites, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(session);
        var query = session.Query<Alert>().Where(a => a.TrialId == trialId && a.Status == status);
        if (readableSites is not null)
        {
            var siteList = readableSites.ToArray();
            query = query.Where(a => siteList.Contains(a.Site));
        }
        return await query
            .OrderBy(a => a.RaisedPosition)
            .ToListAsync(cancellation);
    }
}
