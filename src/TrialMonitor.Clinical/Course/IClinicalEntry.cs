namespace TrialMonitor.Clinical.Course;

/// <summary>
/// A value of the course: a result, an exam, a decision or an outcome, dated by when it was collected or
/// took effect, never by when it was recorded. Each value implements it explicitly, so the date is not a
/// second field of the value.
/// </summary>
public interface IClinicalEntry
{
    DateOnly ClinicalDate { get; }
}
