using TrialMonitor.Api.Patients.Dosing;
using TrialMonitor.Api.Patients.Enrolling;
using TrialMonitor.Api.Patients.RecordingExams;
using TrialMonitor.Api.Patients.RecordingLabs;
using TrialMonitor.Api.Patients.RecordingOutcomes;
using TrialMonitor.Api.Patients.ReportingResponses;
using TrialMonitor.Api.Patients.ReportingToxicity;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.DemoCohort;

/// <summary>
/// Turns a reconstructed course into the commands a coordinator would have entered, in clinical
/// date order, so the demo cohort goes through the same write path as real data.
/// </summary>
public static class CourseCommands
{
    public static IReadOnlyList<object> For(Guid patientId, Guid trialId, PatientCourse course)
    {
        var enrolledOn = course.Doses.Where(d => d.Action == DoseAction.Started).Select(d => d.EffectiveOn).DefaultIfEmpty()
            .Min();
        var entries = new List<(DateOnly On, int Order, object Command)>();
        void Add(DateOnly on, int order, object command) => entries.Add((on, order, command));
        var keysUsed = new Dictionary<string, int>();
        string Key(string kind, DateOnly on)
        {
            var key = $"{kind}-{on:yyyyMMdd}";
            var seen = keysUsed[key] = keysUsed.GetValueOrDefault(key) + 1;
            return seen == 1 ? key : $"{key}-{seen}";
        }

        foreach (var c in course.BloodCounts) Add(c.CollectedOn, 1, new RecordBloodCount(patientId, Key("CBC", c.CollectedOn), c));
        foreach (var m in course.Marrow) Add(m.CollectedOn, 1, new RecordMarrow(patientId, Key("BM", m.CollectedOn), m));
        foreach (var c in course.Cytogenetics)
            Add(c.CollectedOn, 1, new RecordCytogenetics(patientId, Key(c.Method == CytogeneticMethod.Fish ? "FISH" : "CG", c.CollectedOn), c));
        foreach (var m in course.Molecular) Add(m.CollectedOn, 1, new RecordMolecular(patientId, Key("PCR", m.CollectedOn), m));
        foreach (var e in course.Exams) Add(e.ExaminedOn, 1, new RecordPhysicalExam(patientId, Key("PE", e.ExaminedOn), e));
        foreach (var d in course.Doses)
            Add(d.EffectiveOn, 2, new ChangeDose(patientId, Key("DOSE-" + d.Action.ToString().ToUpperInvariant(), d.EffectiveOn), d));
        foreach (var t in course.Toxicities) Add(t.OnsetOn, 3, new ReportToxicity(patientId, Key("AE-" + t.Term, t.OnsetOn), t));
        foreach (var r in course.ReportedResponses) Add(r.AssessedOn, 4, new ReportResponse(patientId, Key("RSP", r.AssessedOn), r));
        if (course.Transformation is { } tr) Add(tr.DiagnosedOn, 5, new DiagnoseTransformation(patientId, Key("TRF", tr.DiagnosedOn), tr));
        if (course.Discontinuation is { } dc) Add(dc.EffectiveOn, 6, new DiscontinueTherapy(patientId, Key("OFF", dc.EffectiveOn), dc));
        if (course.Death is { } death) Add(death.DiedOn, 7, new RecordDeath(patientId, Key("DTH", death.DiedOn), death));
        if (course.LastContactOn is { } last) Add(last, 8, new RecordFollowUpContact(patientId, Key("FU", last), last));

        // Labs collected before enrolment (the baseline at the start of therapy) are entered after it.
        return
        [
            new EnrolPatient(patientId, trialId, enrolledOn, course.Baseline),
            .. entries.OrderBy(e => e.On < enrolledOn ? enrolledOn : e.On).ThenBy(e => e.Order).ThenBy(e => e.On).Select(e => e.Command),
        ];
    }
}
