using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Cdisc;

/// <summary>
/// The study a dataset belongs to: the trial's code (STUDYID), the settings its rules ran under, and
/// the day the export reads the time-dependent conclusions on when the trial has no data cut-off
/// (the day it was taken; as of a past time, that time's day, so it equals the export taken then).
/// </summary>
public sealed record CdiscStudy(string StudyId, ClinicalSettings Settings, DateOnly ExportedOn)
{
    /// <summary>The criteria set the derived cytogenetic and hematologic responses follow (RSCAT, PARCAT1).</summary>
    public string CriteriaSet => Settings.CriteriaSet;

    /// <summary>
    /// Whether a patient is analysed for molecular response: every patient of a trial registered under
    /// ELN-2020 (one without results is censored at day 0), in other trials those with a BCR-ABL1 result.
    /// </summary>
    public bool MonitorsMolecularResponse(PatientCourse course)
    {
        ArgumentNullException.ThrowIfNull(course);
        return Settings.CriteriaSet == ClinicalSettings.Eln2020 || course.Molecular.Count > 0;
    }
}
