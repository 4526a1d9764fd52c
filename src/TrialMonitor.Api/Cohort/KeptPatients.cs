using System.Collections.Concurrent;
using System.Collections.Immutable;
using Marten;
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Clinical.Cohort;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Cohort;

/// <summary>A patient's cohort input as of one version of its chart.</summary>
public sealed class KeptPatient(long version, DateTimeOffset lastRecordedAt, string site, CohortPatient patient)
{
    // Evaluations under settings other than the trial's (another criteria set), kept with this
    // version of the chart so that a repeated read under that set evaluates only the changed charts.
    private readonly ConcurrentDictionary<ClinicalSettings, CohortPatient> evaluated = new();

    public long Version { get; } = version;

    public DateTimeOffset LastRecordedAt { get; } = lastRecordedAt;

    public string Site { get; } = site;

    /// <summary>The course and the chart's assessment, made under the trial's settings.</summary>
    public CohortPatient Patient { get; } = patient;

    /// <summary>
    /// The patient under the given settings: the chart's own assessment under the trial's, else the
    /// course evaluated again (e.g. the trial's settings with another criteria set).
    /// </summary>
    public CohortPatient Under(ClinicalSettings settings, ClinicalSettings trialSettings) =>
        settings == trialSettings ? Patient : evaluated.GetOrAdd(settings, s => CohortPatient.Evaluate(Patient.Course, s));
}

/// <summary>
/// The cohort inputs of every patient of a trial, kept between reports: after a change only the
/// charts whose version moved are read again, found by a scan of ids and versions instead of a read
/// of every chart (which is most of a report's cost: 10 000 charts are tens of MB of JSON).
/// </summary>
public sealed class KeptPatients
{
    // Kept inputs cost tens of KB per patient (the course and its assessment as objects, and an
    // assessment per other criteria set read; the full bench's 111 000 kept patients held several
    // GB). Past this many, the others are dropped, and a trial larger than this alone is computed
    // from every chart on each change instead of kept.
    private const int MaxKeptPatients = 25_000;

    private readonly ConcurrentDictionary<Guid, ImmutableDictionary<Guid, KeptPatient>> byTrial = new();

    /// <summary>Every patient of the trial as its chart is now, in subject id order.</summary>
    public async Task<IReadOnlyList<KeptPatient>> CurrentAsync(IQuerySession session, Guid trialId, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(session);
        var charts = await session.Query<PatientChart>()
            .Where(c => c.TrialId == trialId)
            .Select(c => new { c.Id, c.Version, c.LastRecordedAt })
            .ToListAsync(cancellation);
        var kept = byTrial.GetValueOrDefault(trialId) ?? ImmutableDictionary<Guid, KeptPatient>.Empty;
        // The time of the last event as well as the version: a database reset or restore can bring a
        // chart back at the same version with other content, never with the same recording time.
        var stale = charts
            .Where(c => !kept.TryGetValue(c.Id, out var k) || k.Version != c.Version || k.LastRecordedAt != c.LastRecordedAt)
            .Select(c => c.Id)
            .ToArray();
        var reread = stale.Length == 0 ? [] : (await session.LoadManyAsync<PatientChart>(cancellation, stale)).ToDictionary(c => c.Id);
        await ChartEntries.LoadAsync(session, reread.Values, cancellation);

        var current = ImmutableDictionary.CreateBuilder<Guid, KeptPatient>();
        foreach (var chart in charts)
        {
            if (reread.TryGetValue(chart.Id, out var c))
                current[chart.Id] = new KeptPatient(c.Version, c.LastRecordedAt, c.Site, c.ToCohortPatient());
            else if (kept.TryGetValue(chart.Id, out var unchanged))
                current[chart.Id] = unchanged;
        }
        Keep(trialId, current.ToImmutable());
        return [.. current.Values.OrderBy(p => p.Patient.SubjectId, StringComparer.Ordinal)];
    }

    private void Keep(Guid trialId, ImmutableDictionary<Guid, KeptPatient> patients)
    {
        byTrial.TryRemove(trialId, out _);
        if (patients.Count > MaxKeptPatients) return;
        if (byTrial.Values.Sum(p => p.Count) + patients.Count > MaxKeptPatients) byTrial.Clear();
        byTrial[trialId] = patients;
    }
}
