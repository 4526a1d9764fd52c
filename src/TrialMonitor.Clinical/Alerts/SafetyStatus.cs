using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Clinical.Alerts;

/// <summary>
/// The part of the assessment the alerts derived from it read: the protocol status (relapses on
/// standard dose) and the improvement after escalation (its loss).
/// </summary>
public sealed record SafetyStatus(ProtocolStatus ProtocolStatus, ImprovementEpisode? Improvement)
{
    public static SafetyStatus Of(PatientAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return new(assessment.ProtocolStatus, assessment.Improvement);
    }
}
