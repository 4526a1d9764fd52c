using JasperFx.Events;
using Marten;
using TrialMonitor.Api.Audit.Replay;
using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Patients.Chart;

namespace TrialMonitor.Api.Audit.Corrections;

/// <summary>
/// A correction (an entry voided and replaced) or a void, as a data review reads it: whose entry,
/// by whom, when and why, and what it changed (the derived values and molecular conclusions before
/// the void and after its replacement, and the alerts raised or withdrawn), as the patient's history names it.
/// </summary>
public sealed record CorrectionImpact(
    Guid PatientId,
    string SubjectId,
    string Site,
    string EntryKey,
    string? ReplacementEntryKey,
    string Reason,
    string? User,
    DateTimeOffset RecordedAt,
    long Sequence,
    IReadOnlyList<DerivedChange> Changes);

/// <summary>The corrections and voids of a trial's patients, replayed from their streams.</summary>
public static class TrialCorrections
{
    /// <summary>
    /// In the order they were recorded (the store's sequence), recorded at or after <paramref name="since"/>
    /// when given; only the patients of the sites given, unless null. Only the patients with a correction are replayed.
    /// </summary>
    public static async Task<IReadOnlyList<CorrectionImpact>> ForTrialAsync(IQuerySession session, Guid trialId, DateTimeOffset? since,
        IReadOnlyList<string>? readableSites, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var query = session.Query<PatientChart>().Where(c => c.TrialId == trialId && c.Corrections.Any());
        if (readableSites is not null)
        {
            var sites = readableSites.ToArray();
            query = query.Where(c => sites.Contains(c.Site));
        }
        var patientIds = await query.Select(c => c.Id).ToListAsync(cancellation);
        if (patientIds.Count == 0) return [];

        var trial = await TrialTimeline.LoadAsync(session, trialId, cancellation);
        var serializer = session.DocumentStore.Options.Serializer();
        var corrections = new List<CorrectionImpact>();
        foreach (var patientId in patientIds)
        {
            var events = await session.Events.FetchStreamAsync(patientId, token: cancellation);
            if (events.Count == 0 || events[0].Data is not PatientEnrolled enrolled) continue;
            bool Reviewed(IEvent e) => e.Data is EntryVoided && (since is null || e.Timestamp >= since);
            if (!events.Any(Reviewed)) continue;

            var alerts = await AlertChanges.LoadAsync(session, patientId, cancellation);
            foreach (var step in PatientReplay.Steps(events, trial, alerts).Where(s => Reviewed(s.Event)))
            {
                var voided = (EntryVoided)step.Event.Data;
                var recorded = RecordedEvent.From(step.Event, serializer);
                corrections.Add(new CorrectionImpact(patientId, enrolled.Baseline.SubjectId, enrolled.Baseline.Site, voided.VoidedEntryKey,
                    voided.ReplacementEntryKey, voided.Reason, recorded.User, recorded.RecordedAt, recorded.Sequence, step.Changes));
            }
        }
        return [.. corrections.OrderBy(c => c.Sequence)];
    }
}
