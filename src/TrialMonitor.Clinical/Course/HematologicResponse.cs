namespace TrialMonitor.Clinical.Course;

/// <summary>A blood count read with its exam and placed in its hematologic category.</summary>
public sealed record HematologicResponse(DateOnly AssessedOn, HematologicCategory Category);
