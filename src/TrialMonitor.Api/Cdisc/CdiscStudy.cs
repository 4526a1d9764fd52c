using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Cdisc;

/// <summary>The study a dataset belongs to: the trial's code (STUDYID) and the settings its rules ran under.</summary>
public sealed record CdiscStudy(string StudyId, ClinicalSettings Settings)
{
    /// <summary>The criteria set the derived responses follow (RSCAT, PARCAT1).</summary>
    public string CriteriaSet => Settings.CriteriaSet;
}
