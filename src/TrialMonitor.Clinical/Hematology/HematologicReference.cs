namespace TrialMonitor.Clinical.Hematology;

/// <summary>
/// The spleen size and platelet count a partial hematologic response is measured against: the
/// values at escalation after the increase, the values at the start of standard dose before it.
/// </summary>
public sealed record HematologicReference(decimal? SpleenCmBelowCostalMargin, decimal? Platelets);
