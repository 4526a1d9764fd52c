using System.Runtime.CompilerServices;
using Marten;
using TrialMonitor.Api.Audit.Replay;
using TrialMonitor.Api.Infrastructure;
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Api.Trials;

namespace TrialMonitor.Api.Cdisc;

/// <summary>
/// The patients of a trial as the exports read them, one at a time in subject id order, so memory
/// holds a batch of charts whatever the trial's size. Now: the stored charts. As of a past recorded
/// time: each patient's stream up to that time, folded and evaluated as the projection did then
/// (<see cref="PatientReplay"/>), under the trial as it stood then, as <see cref="CohortAsOf"/> does.
/// </summary>
public sealed class CdiscSource
{
    private const int ChartsPerRead = 100;

    private readonly Guid trialId;
    private readonly IReadOnlyList<string>? sites;
    private readonly DateTimeOffset? asOf;
    private readonly TrialTimeline timeline;

    private CdiscSource(Guid trialId, CdiscStudy study, IReadOnlyList<string>? sites, DateTimeOffset? asOf, TrialTimeline timeline)
    {
        this.trialId = trialId;
        Study = study;
        this.sites = sites;
        this.asOf = asOf;
        this.timeline = timeline;
    }

    public CdiscStudy Study { get; }

    /// <summary>The latest recording time among the patients read so far (dbLastModifiedDateTime).</summary>
    public DateTimeOffset? LastRecordedAt { get; private set; }

    /// <param name="sites">Only these sites' patients (a coordinator's export), or null for all.</param>
    /// <param name="asOf">What the system knew at this recorded time, or null for now.</param>
    /// <param name="now">The export's time, from the clock that also stamps its files.</param>
    /// <returns>Null when the trial was unknown (at that time).</returns>
    public static async Task<CdiscSource?> OpenAsync(IQuerySession session, Guid trialId, IReadOnlyList<string>? sites,
        DateTimeOffset? asOf, DateTimeOffset now, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var timeline = await TrialTimeline.LoadAsync(session, trialId, cancellation);
        var trial = asOf is { } at ? timeline.AsOf(at) : await session.LoadAsync<Trial>(trialId, cancellation);
        // As of a past time the rules read the day as it was then (UTC, as the door's "today").
        var exportedOn = DateOnly.FromDateTime((asOf ?? now).UtcDateTime);
        return trial is null ? null : new CdiscSource(trialId, new CdiscStudy(trial.Code, trial.Settings, exportedOn), sites, asOf, timeline);
    }

    /// <summary>Why <see cref="OpenAsync"/> found no trial: none has that id, or it was registered after the as-of time.</summary>
    public static async Task<string> NotFoundAsync(IQuerySession session, Guid trialId, DateTimeOffset? asOf, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (asOf is { } at && await session.LoadAsync<Trial>(trialId, cancellation) is not null
            && await session.Events.FetchStreamStateAsync(trialId, cancellation) is { } registered)
            return $"trial {trialId} was registered at {registered.Created.UtcDateTime:O}, after the as-of time {at.UtcDateTime:O}";
        return $"no trial {trialId}: {ExportRequest.TrialIdsHint}";
    }

    public async IAsyncEnumerable<CdiscSubject> SubjectsAsync(IQuerySession session, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        // Patients never move between trials or sites, so today's charts name every patient the trial ever had.
        foreach (var batch in (await StoredCharts.InSubjectOrderAsync(session, trialId, sites, cancellation)).Chunk(ChartsPerRead))
        {
            foreach (var chart in await ChartsAsync(session, batch, cancellation))
            {
                if (LastRecordedAt is null || chart.LastRecordedAt > LastRecordedAt) LastRecordedAt = chart.LastRecordedAt;
                yield return CdiscSubject.Of(Study, chart.SubjectId, chart.Site, chart.EnrolledOn, chart.ToCourse(), chart.Assessment);
            }
        }
    }

    private async Task<IReadOnlyList<PatientChart>> ChartsAsync(IQuerySession session, Guid[] ids, CancellationToken cancellation)
    {
        if (asOf is not { } at) return await StoredCharts.LoadAsync(session, ids, cancellation);
        var charts = new List<PatientChart>();
        foreach (var id in ids)
        {
            var events = await session.Events.FetchStreamAsync(id, timestamp: at, token: cancellation);
            if (events.Count > 0 && PatientReplay.Fold(events, timeline) is { } chart) charts.Add(chart);
        }
        return charts;
    }
}
