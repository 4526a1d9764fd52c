namespace TrialMonitor.Api.Patients;

/// <summary>How each patient event changes the chart; pure, so replay and rebuild fold the same way.</summary>
public static class PatientChartFolding
{
    public static PatientChart? Apply(PatientChart? chart, object @event)
    {
        if (@event is PatientEnrolled enrolled)
        {
            return new PatientChart
            {
                Id = enrolled.PatientId,
                TrialId = enrolled.TrialId,
                SubjectId = enrolled.Baseline.SubjectId,
                Site = enrolled.Baseline.Site,
                EnrolledOn = enrolled.EnrolledOn,
                Baseline = enrolled.Baseline,
            };
        }
        if (chart is null) return null;

        switch (@event)
        {
            case IPatientEntry entry:
                chart.Entries.Add(entry);
                break;
            case EntryVoided voided:
                chart.Entries.RemoveAll(e => e.EntryKey == voided.VoidedEntryKey);
                chart.Corrections.Add(voided);
                break;
        }
        return chart;
    }
}
