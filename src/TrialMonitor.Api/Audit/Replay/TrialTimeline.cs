using JasperFx.Events;
using Marten;
using TrialMonitor.Api.Trials;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Audit.Replay;

/// <summary>
/// A trial's stream, so a replay reads the trial's settings as they stood when each patient event
/// was appended (the inline chart projection loaded the trial in that same transaction).
/// </summary>
public sealed class TrialTimeline(IReadOnlyList<IEvent> events)
{
    public static async Task<TrialTimeline> LoadAsync(IQuerySession session, Guid trialId, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new TrialTimeline(await session.Events.FetchStreamAsync(trialId, token: cancellation));
    }

    /// <summary>The trial as a transaction appending the event with this global sequence number read it.</summary>
    public Trial? Before(long sequence) => Fold(events.Where(e => e.Sequence < sequence));

    /// <summary>The trial as recorded up to a time (what the system knew then).</summary>
    public Trial? AsOf(DateTimeOffset recordedAt) => Fold(events.Where(e => e.Timestamp <= recordedAt));

    /// <summary>The settings a patient event was evaluated under; the paper's when the trial was unknown (as the projection does).</summary>
    public ClinicalSettings SettingsBefore(long sequence) => Before(sequence)?.Settings ?? ClinicalSettings.PaperDefaults;

    private static Trial? Fold(IEnumerable<IEvent> trialEvents)
    {
        Trial? trial = null;
        foreach (var e in trialEvents)
        {
            trial = e.Data switch
            {
                TrialRegistered registered => Trial.Create(registered),
                DataCutoffSet cutoff when trial is not null => trial.Apply(cutoff),
                TrialSiteAdded site when trial is not null => trial.Apply(site),
                _ => trial,
            };
            if (trial is not null) trial.Version = e.Version;
        }
        return trial;
    }
}
