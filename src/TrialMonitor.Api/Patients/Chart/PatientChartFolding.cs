using JasperFx.Events;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Entries;

namespace TrialMonitor.Api.Patients.Chart;

/// <summary>How each patient event changes the chart; pure, so replay and rebuild fold the same way.</summary>
public static class PatientChartFolding
{
    public static PatientChart? Apply(PatientChart? chart, IEvent @event) => Apply(chart, @event, _ => { });

    /// <summary>The chart after the event; <paramref name="changed"/> hears each entry the event records or voids, as it is now.</summary>
    public static PatientChart? Apply(PatientChart? chart, IEvent @event, Action<RecordedEntry> changed)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(changed);
        if (@event.Data is PatientEnrolled enrolled)
        {
            return new PatientChart
            {
                Id = enrolled.PatientId,
                TrialId = enrolled.TrialId,
                SubjectId = enrolled.Baseline.SubjectId,
                Site = enrolled.Baseline.Site,
                EnrolledOn = enrolled.EnrolledOn,
                Baseline = enrolled.Baseline,
                InForce = [],
            };
        }
        if (chart is null) return null;

        switch (@event.Data)
        {
            case IPatientEntry entry:
                var recorded = new RecordedEntry(RecordedEntry.IdOf(chart.Id, entry.EntryKey), chart.Id, entry, Voided: false, @event.Version);
                chart.InForce.Add(recorded);
                changed(recorded);
                break;
            case EntryVoided voided:
                var index = chart.InForce.FindIndex(e => e.Entry.EntryKey == voided.VoidedEntryKey);
                if (index >= 0)
                {
                    changed(chart.InForce[index] with { Voided = true });
                    chart.InForce.RemoveAt(index);
                }
                chart.Corrections.Add(voided);
                break;
        }
        return chart;
    }
}
