using System.Globalization;
using Marten;
using Marten.Services;
using Npgsql;
using TrialMonitor.Api.Infrastructure;
using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Trials;

namespace TrialMonitor.Api.GraphQL.Schema.Subscriptions;

/// <summary>
/// After a Marten commit (the inline chart and trial projections are part of it), NOTIFYs every instance
/// (<see cref="ChartChangeListener"/>, this one included) of the charts and trials it changed, so
/// subscriptions push state that is already readable, whichever instance wrote it. Should the
/// notification fail after the commit, this instance's subscribers are still told.
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
            .. changed.OfType<PatientChart>().Select(chart => new ChartChanged(chart.TrialId, chart.Id, committedAt)),
            .. changed.OfType<Trial>().Select(trial => new ChartChanged(trial.Id, null, committedAt)),
        ];
        if (published.Count == 0) return;
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
            foreach (var change in published) changes.Publish(change);
        }
    }

    internal static string Format(ChartChanged change) =>
        string.Create(CultureInfo.InvariantCulture, $"{change.TrialId:N}/{change.PatientId:N}/{change.CommittedAt.ToUnixTimeMilliseconds()}");

    internal static ChartChanged? Parse(string payload)
    {
        var parts = payload.Split('/');
        return parts.Length == 3
               && Guid.TryParseExact(parts[0], "N", out var trial)
               && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var committedAt)
            ? new ChartChanged(trial, Guid.TryParseExact(parts[1], "N", out var patient) ? patient : null,
                DateTimeOffset.FromUnixTimeMilliseconds(committedAt))
            : null;
    }

    [LoggerMessage(LogLevel.Warning, "Could not notify other instances of {Count} committed chart changes; only this instance's subscribers are told")]
    private partial void LogNotifyFailed(Exception exception, int count);
}
