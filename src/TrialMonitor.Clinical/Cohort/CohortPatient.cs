using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Clinical.Cohort;

/// <summary>One patient of the cohort: what was recorded and what the rules concluded from it.</summary>
public sealed record CohortPatient(PatientCourse Course, PatientAssessment Assessment)
{
    public string SubjectId => Course.Baseline.SubjectId;

    /// <summary>The patient with the assessment the rules make under the trial's settings.</summary>
    public static CohortPatient Evaluate(PatientCourse course, ClinicalSettings settings) =>
        new(course, PatientEvaluation.Evaluate(course, settings));
}
