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
            case BloodCountRecorded e: chart.BloodCounts.Add(new(e.EntryKey, e.Count)); break;
            case MarrowRecorded e: chart.Marrow.Add(new(e.EntryKey, e.Marrow)); break;
            case CytogeneticsRecorded e: chart.Cytogenetics.Add(new(e.EntryKey, e.Cytogenetics)); break;
            case MolecularRecorded e: chart.Molecular.Add(new(e.EntryKey, e.Molecular)); break;
            case PhysicalExamRecorded e: chart.Exams.Add(new(e.EntryKey, e.Exam)); break;
            case DoseChanged e: chart.Doses.Add(new(e.EntryKey, e.Dose)); break;
            case ToxicityReported e: chart.Toxicities.Add(new(e.EntryKey, e.Toxicity)); break;
            case ResponseReported e: chart.ReportedResponses.Add(new(e.EntryKey, e.Response)); break;
            case TransformationDiagnosed e: chart.Transformations.Add(new(e.EntryKey, e.Transformation)); break;
            case TherapyDiscontinued e: chart.Discontinuations.Add(new(e.EntryKey, e.Discontinuation)); break;
            case PatientDied e: chart.Deaths.Add(new(e.EntryKey, e.Death)); break;
            case FollowUpContactRecorded e: chart.FollowUpContacts.Add(new(e.EntryKey, e.ContactOn)); break;
            case EntryVoided e: Void(chart, e); break;
        }
        return chart;
    }

    private static void Void(PatientChart chart, EntryVoided e)
    {
        var key = e.VoidedEntryKey;
        chart.BloodCounts.RemoveAll(x => x.EntryKey == key);
        chart.Marrow.RemoveAll(x => x.EntryKey == key);
        chart.Cytogenetics.RemoveAll(x => x.EntryKey == key);
        chart.Molecular.RemoveAll(x => x.EntryKey == key);
        chart.Exams.RemoveAll(x => x.EntryKey == key);
        chart.Doses.RemoveAll(x => x.EntryKey == key);
        chart.Toxicities.RemoveAll(x => x.EntryKey == key);
        chart.ReportedResponses.RemoveAll(x => x.EntryKey == key);
        chart.Transformations.RemoveAll(x => x.EntryKey == key);
        chart.Discontinuations.RemoveAll(x => x.EntryKey == key);
        chart.Deaths.RemoveAll(x => x.EntryKey == key);
        chart.FollowUpContacts.RemoveAll(x => x.EntryKey == key);
        chart.Corrections.Add(e);
    }
}
