using System.Globalization;
using Marten;
using Marten.Services;
using Npgsql;
using TrialMonitor.Api.Infrastructure;
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Api.Trials;

namespace TrialMonitor.Api.GraphQL.Schema.Subscriptions;

/// <summary>
/// After a Marten commit (the inline chart and trial projections are part of it), tells this instance's
/// subscribers at once which charts and trials it changed, and NOTIFYs the other instances
/// (<see cref="ChartChangeListener"/>), so subscriptions push state that is already readable,
/// whichever instance wrote it.
/// </summary>
public sealed partial class ChartChangePublisher(ChartChanges changes, IConfiguration configuration, ILogger<ChartChangePublisher> logger)
    : DocumentSessionListenerBase
{
    public const string Channel = "trialmonitor_chart_changes";

    public override async Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var committedAt = DateTimeOffset.UtcNow;
        var changed = commit.Inserted.Concat(commit.Updated).ToList();
        List<ChartChanged> published =
        [
            .. changed.OfType<PatientChart>().Select(chart => new ChartChanged(chart.TrialId, chart.Id, chart.Site, committedAt)),
            .. changed.OfType<Trial>().Select(trial => new ChartChanged(trial.Id, null, null, committedAt)),
        ];
        if (published.Count == 0) return;
        foreach (var change in published) changes.Publish(change);
        try
        {
            await using var connection = new NpgsqlConnection(EventStore.ConnectionString(configuration));
            await connection.OpenAsync(token);
            await using var notify = new NpgsqlCommand("select pg_notify(@channel, change) from unnest(@changes) as change", connection);
            notify.Parameters.AddWithValue("channel", Channel);
            notify.Parameters.AddWithValue("changes", published.Select(Format).ToArray());
            await notify.ExecuteNonQueryAsync(token);
        }
        catch (NpgsqlException e)
        {
            LogNotifyFailed(e, published.Count);
        }
    }

    /// <summary>Tells a notification this instance sent (its subscribers were told at commit) from another's.</summary>
    internal static readonly Guid Instance = Guid.NewGuid();

    private static string Format(ChartChanged change) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Instance:N}/{change.TrialId:N}/{change.PatientId:N}/{change.CommittedAt.ToUnixTimeMilliseconds()}/{change.Site}");

    /// <summary>
    /// A change another instance committed; null for this instance's own (or an unreadable payload). The site comes
    /// last, whatever it holds; an instance of the release before sends none.
    /// </summary>
    internal static ChartChanged? ParseFromAnotherInstance(string payload)
    {
        var parts = payload.Split('/', 5);
        return parts.Length is 4 or 5
               && Guid.TryParseExact(parts[0], "N", out var sender) && sender != Instance
               && Guid.TryParseExact(parts[1], "N", out var trial)
               && long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var committedAt)
            ? new ChartChanged(trial, Guid.TryParseExact(parts[2], "N", out var patient) ? patient : null,
                parts.Length == 5 && parts[4].Length > 0 ? parts[4] : null, DateTimeOffset.FromUnixTimeMilliseconds(committedAt))
            : null;
    }

    [LoggerMessage(LogLevel.Warning, "Could not notify other instances of {Count} committed chart changes; only this instance's subscribers were told")]
    private partial void LogNotifyFailed(Exception exception, int count);
}
