using JasperFx.Events;
using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Api.Patients.Entries;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Clinical.Course;
using TrialMonitor.Clinical.Molecular;

namespace TrialMonitor.Api.Audit.Replay;

/// <summary>
/// One event of a patient's history, what the rules concluded before and after it, and what it
/// changed: the derived values that differ and the alerts it raised or withdrew. A correction (a
/// void appended with its replacement) changed what lies between before the void and after the
/// replacement, so that is what the void's changes name; the replacement's changes are its own.
/// </summary>
public sealed record ReplayStep(IEvent Event, DerivedState? Before, DerivedState? After, IReadOnlyList<DerivedChange> Changes);

/// <summary>
/// Replays a patient's stream with the same pure fold the inline chart projection uses
/// (<see cref="PatientChartFolding"/>) and the same evaluation, so the state after the last event
/// is the chart the system stored, and every earlier state is what it concluded then.
/// </summary>
public static class PatientReplay
{
    /// <summary>
    /// The chart after these events, evaluated as the projection did after the last of them, or as
    /// of a clinical date when one is given (observations dated after it are ignored).
    /// </summary>
    public static PatientChart? Fold(IReadOnlyList<IEvent> events, TrialTimeline trial, DateOnly? clinicalDate = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(trial);
        var chart = FoldEntries(events);
        if (chart is null) return null;
        var settings = trial.SettingsBefore(events[^1].Sequence);
        chart.Assessment = clinicalDate is { } asOf
            ? PatientEvaluation.Evaluate(chart.ToCourse(), settings, asOf)
            : PatientEvaluation.Evaluate(chart.ToCourse(), settings);
        return chart;
    }

    /// <summary>
    /// The date a replayed chart's molecular response is known on (<see cref="PatientChart.KnownOn"/>): the
    /// clinical date asked for, not after the trial's data cut-off; else, as for the chart live, the cut-off,
    /// else the day the system showed the chart (<paramref name="shownOn"/>: a recorded time's date, or today).
    /// </summary>
    public static DateOnly KnownOn(ClinicalSettings settings, DateOnly shownOn, DateOnly? clinicalDate)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return clinicalDate is { } asOf
            ? settings.DataCutoffOn is { } cutoff && cutoff < asOf ? cutoff : asOf
            : MolecularEvaluation.KnownOn(settings, shownOn);
    }

    /// <summary>Each event with the derived state before and after it and what it changed; one fold, memory of one chart.</summary>
    public static IEnumerable<ReplayStep> Steps(IEnumerable<IEvent> events, TrialTimeline trial, AlertChanges alerts)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(alerts);
        return Iterate(events, trial, alerts);
    }

    private static IEnumerable<ReplayStep> Iterate(IEnumerable<IEvent> events, TrialTimeline trial, AlertChanges alerts)
    {
        PatientChart? chart = null;
        DerivedState? before = null;
        ReplayStep? voiding = null; // a void whose replacement may follow
        foreach (var e in events)
        {
            chart = Step(chart, e);
            var after = chart is null ? null : Derive(chart, trial.SettingsBefore(e.Sequence), e);
            if (voiding is not null)
            {
                yield return IsReplacement(voiding.Event, e)
                    ? voiding with { Changes = [.. DerivedState.Changes(voiding.Before, after), .. alerts.Of(voiding.Event.Id), .. alerts.Of(e.Id)] }
                    : voiding;
                voiding = null;
            }

            var step = new ReplayStep(e, before, after, [.. DerivedState.Changes(before, after), .. alerts.Of(e.Id)]);
            if (e.Data is EntryVoided { ReplacementEntryKey: not null }) voiding = step;
            else yield return step;
            before = after;
        }
        if (voiding is not null) yield return voiding;
    }

    /// <summary>
    /// What the rules concluded after the event. The molecular response depends on the date it is
    /// known on; here that is the trial's data cut-off in force then, else the day the event was
    /// recorded (UTC): the history replays what the system concluded at each step, and the system
    /// evaluates as of the day it is read, so a step shows what a reader saw right after the event.
    /// A milestone whose window closed between two events therefore moves with the later one.
    /// </summary>
    private static DerivedState Derive(PatientChart chart, ClinicalSettings settings, IEvent e)
    {
        var course = chart.ToCourse();
        var recordedOn = DateOnly.FromDateTime(e.Timestamp.UtcDateTime);
        return DerivedState.Of(PatientEvaluation.Evaluate(course, settings), MolecularEvaluation.Evaluate(course, settings, recordedOn),
            chart.Entries.OfType<MolecularRecorded>());
    }

    /// <summary>The replacement a correction appends right after its void, in the same request.</summary>
    private static bool IsReplacement(IEvent voiding, IEvent next) =>
        voiding.Data is EntryVoided { ReplacementEntryKey: { } key } && next.Data is IPatientEntry entry && entry.EntryKey == key
        && next.Version == voiding.Version + 1;

    private static PatientChart? FoldEntries(IEnumerable<IEvent> events)
    {
        PatientChart? chart = null;
        foreach (var e in events) chart = Step(chart, e);
        return chart;
    }

    private static PatientChart? Step(PatientChart? chart, IEvent e)
    {
        chart = PatientChartFolding.Apply(chart, e);
        if (chart is null) return null;
        chart.Version = e.Version;
        chart.LastRecordedAt = e.Timestamp;
        return chart;
    }
}
