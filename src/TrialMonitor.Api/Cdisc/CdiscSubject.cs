using System.Globalization;
using TrialMonitor.Clinical.Course;
using TrialMonitor.Clinical.Molecular;

namespace TrialMonitor.Api.Cdisc;

/// <summary>
/// One patient as the exports read them: what was recorded (up to the trial's data cut-off, as the
/// cohort tables read it) and what the rules concluded from it, as the system concluded it at the
/// export's cut-off. Every dataset is a pure function of this.
/// </summary>
/// <param name="Molecular">The molecular response as known on the trial's data cut-off, else on the export's day;
/// null for a patient the study does not analyse for it (<see cref="CdiscStudy.MonitorsMolecularResponse"/>).</param>
public sealed record CdiscSubject(CdiscStudy Study, string SubjectId, string Site, DateOnly EnrolledOn, PatientCourse Course,
    PatientAssessment Assessment, MolecularResponse? Molecular)
{
    public static CdiscSubject Of(CdiscStudy study, string subjectId, string site, DateOnly enrolledOn, PatientCourse course,
        PatientAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(course);
        var cut = study.Settings.DataCutoffOn is { } cutoff ? course.AsOf(cutoff) : course;
        var molecular = study.MonitorsMolecularResponse(cut) ? MolecularEvaluation.Evaluate(course, study.Settings, study.ExportedOn) : null;
        return new CdiscSubject(study, subjectId, site, enrolledOn, cut, assessment, molecular);
    }

    /// <summary>USUBJID: unique across studies.</summary>
    public string UniqueSubjectId => $"{Study.StudyId}-{SubjectId}";

    /// <summary>DOMAIN: study day counts from the start of 400 mg (day 1); the day before is -1, there is no day 0.</summary>
    public int? StudyDay(DateOnly? date)
    {
        if (date is not { } on || Assessment.StandardDoseStartedOn is not { } start) return null;
        var days = on.DayNumber - start.DayNumber;
        return days >= 0 ? days + 1 : days;
    }

    public static string? Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string? YesOrNull(bool flag) => flag ? "Y" : null;

    public static string YesNo(bool flag) => flag ? "Y" : "N";
}
