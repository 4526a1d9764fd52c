using JasperFx.Events;
using TrialMonitor.Api.Patients;
using TrialMonitor.Clinical.Course;
using TrialMonitor.Clinical.Molecular;

namespace TrialMonitor.Api.Audit.Replay;

/// <summary>One event of a patient's history and what the rules concluded before and after it.</summary>
public sealed record ReplayStep(IEvent Event, DerivedState? Before, DerivedState? After)
{
    public IReadOnlyList<DerivedChange> Changes => DerivedState.Changes(Before, After);
}

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

    /// <summary>Each event with the derived state before and after it; one fold, memory of one chart.</summary>
    public static IEnumerable<ReplayStep> Steps(IEnumerable<IEvent> events, TrialTimeline trial)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(trial);
        return Iterate(events, trial);
    }

    private static IEnumerable<ReplayStep> Iterate(IEnumerable<IEvent> events, TrialTimeline trial)
    {
        PatientChart? chart = null;
        DerivedState? before = null;
        foreach (var e in events)
        {
            chart = Step(chart, e);
            var after = chart is null
                ? null
                : DerivedState.Of(PatientEvaluation.Evaluate(chart.ToCourse(), trial.SettingsBefore(e.Sequence)));
            yield return new ReplayStep(e, before, after);
            before = after;
        }
    }

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
