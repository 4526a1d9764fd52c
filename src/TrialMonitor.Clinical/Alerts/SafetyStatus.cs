using TrialMonitor.Clinical.Course;
using TrialMonitor.Clinical.Molecular;

namespace TrialMonitor.Clinical.Alerts;

/// <summary>
/// The part of the assessment the alerts derived from it read: the protocol status (relapses on
/// standard dose), the improvement after escalation (its loss) and the molecular failures.
/// </summary>
public sealed record SafetyStatus(ProtocolStatus ProtocolStatus, ImprovementEpisode? Improvement, MolecularSafety Molecular)
{
    public static SafetyStatus Of(PatientAssessment assessment, MolecularSafety molecular)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(molecular);
        return new(assessment.ProtocolStatus, assessment.Improvement, molecular);
    }
}

/// <summary>
/// What the alerts read of the molecular response (DOMAIN, ELN-2020: "Alerts add a milestone FAILURE,
/// and loss of MMR"): the milestones failed and the result that lost MMR. Both rest on the results and
/// day 0 alone, not on the date they are known on, so an alert neither waits for nor expires with time.
/// </summary>
public sealed record MolecularSafety(IReadOnlyList<MolecularMilestone> FailedMilestones, MolecularResult? MmrReached, MolecularResult? MmrLost)
{
    public static readonly MolecularSafety None = new([], null, null);

    /// <summary>From every result of the course, whatever their date (safety alerts read every observation).</summary>
    public static MolecularSafety Of(PatientCourse course)
    {
        ArgumentNullException.ThrowIfNull(course);
        // Known on the last day there is: every result counts and no milestone's window is still open. A
        // milestone's verdict on its result, and MMR reached and lost, are the same whatever that day is.
        var response = MolecularEvaluation.Evaluate(course, DateOnly.MaxValue);
        return new(
            [.. response.Milestones.Where(m => m.Assessment == MilestoneAssessment.Failure)],
            response.Results.FirstOrDefault(r => r.CollectedOn == response.MmrReachedOn && r.Level.IsMmrOrDeeper()),
            response.Results.FirstOrDefault(r => r.CollectedOn == response.MmrLostOn && r.Level.IsEvaluable() && !r.Level.IsMmrOrDeeper()));
    }

    /// <summary>The same milestones failed on the same results, and MMR reached and lost on the same results.</summary>
    public bool Equals(MolecularSafety? other) =>
        other is not null && FailedMilestones.SequenceEqual(other.FailedMilestones) && MmrReached == other.MmrReached && MmrLost == other.MmrLost;

    public override int GetHashCode() => HashCode.Combine(FailedMilestones.Count, MmrReached, MmrLost);
}
