namespace TrialMonitor.Clinical.Course;

/// <summary>
/// What the protocol status and the improvement after escalation read from a course: the two
/// dates the rules turn on, the results placed in their categories in clinical order, and the
/// outcomes that end a response. Built whole from a course (<see cref="CourseTimeline"/>) or kept
/// up to date one entry at a time (<see cref="RunningCourse"/>); the rules read either the same way.
/// </summary>
internal interface IResponseTimeline
{
    DateOnly? StandardDoseStartedOn { get; }

    DateOnly? EscalatedOn { get; }

    /// <summary>Every evaluable cytogenetic result in clinical order.</summary>
    IReadOnlyList<CytogeneticResponse> Cytogenetics { get; }

    IEnumerable<HematologicResponse> HematologicOnStandardDose { get; }

    IEnumerable<CytogeneticResponse> CytogeneticsOnStandardDose { get; }

    Transformation? Transformation { get; }

    Discontinuation? Discontinuation { get; }

    Death? Death { get; }
}
