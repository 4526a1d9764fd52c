using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using TrialMonitor.Api.Cohort;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Entries;
using TrialMonitor.Api.Trials;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Patients.Chart;

/// <summary>
/// Inline: a coordinator who records a lab reads the patient's updated response in the same request.
/// Folds each patient's new events into the chart and re-evaluates the clinical rules under the trial's
/// settings; the trial's cohort views change with it, in the same transaction. Stores the chart and each
/// entry the events recorded or voided (<see cref="RecordedEntry"/>, which commands also read by key), so
/// chart and entries are always of the same version, on a live write as on a rebuild. The chart it folds
/// into is the one this process committed last when that is the version before the new events (a long
/// history is then not read back from the database on every write), else the stored one with its entries.
/// </summary>
public sealed class PatientChartProjection(RecentCharts recent) : IProjection
{
    public const string Name = "PatientChart";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(events);
        var streams = events.Where(e => e.Data is PatientEnrolled or IPatientEntry or EntryVoided).GroupBy(e => e.StreamId).ToList();
        if (streams.Count == 0) return;

        var charts = new Dictionary<Guid, PatientChart>();
        var stored = new List<Guid>();
        foreach (var stream in streams)
        {
            if (recent.Before(stream.Key, stream.First().Version) is { } cached) charts[stream.Key] = cached;
            else if (stream.First().Data is not PatientEnrolled) stored.Add(stream.Key);
        }
        if (stored.Count > 0)
        {
            var loaded = await operations.LoadManyAsync<PatientChart>(cancellation, stored);
            await ChartEntries.LoadAsync(operations, loaded, cancellation);
            foreach (var chart in loaded) charts[chart.Id] = chart;
        }

        var changed = new List<PatientChart>();
        var entries = new Dictionary<string, RecordedEntry>();
        foreach (var stream in streams)
        {
            var chart = charts.GetValueOrDefault(stream.Key);
            foreach (var e in stream)
            {
                chart = PatientChartFolding.Apply(chart, e, recorded => entries[recorded.Id] = recorded);
                if (chart is null) continue;
                chart.Version = e.Version;
                chart.LastRecordedAt = ToStoredPrecision(e.Timestamp);
            }
            if (chart is not null) changed.Add(chart);
        }
        foreach (var recorded in entries.Values) operations.Store(recorded);
        if (changed.Count == 0) return;

        var trialIds = changed.Select(c => c.TrialId).Distinct().ToArray();
        var trials = (await operations.LoadManyAsync<Trial>(cancellation, trialIds)).ToDictionary(t => t.Id);
        foreach (var chart in changed)
        {
            chart.Assessment = PatientEvaluation.Evaluate(chart.ToCourse(), trials.GetValueOrDefault(chart.TrialId)?.Settings ?? ClinicalSettings.PaperDefaults);
            operations.Store(chart);
        }
        foreach (var trialId in trialIds) operations.Store(CohortChange.Of(trialId));
    }

    // PostgreSQL keeps microseconds; the live append still holds .NET's 100 ns ticks, so a rebuild
    // would otherwise differ from the live run in the last digit.
    private static DateTimeOffset ToStoredPrecision(DateTimeOffset timestamp) =>
        timestamp.AddTicks(-(timestamp.Ticks % 10));
}
