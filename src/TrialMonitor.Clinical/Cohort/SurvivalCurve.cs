namespace TrialMonitor.Clinical.Cohort;

/// <summary>One time-to-event record (ADaM ADTTE): AVAL in days, CNSR = 1 when Censored (the event had not occurred yet).</summary>
public sealed record TimeToEvent(int Days, bool Censored);

/// <summary>
/// A day on which something happens: the patients at risk just before it, the events and censorings on it,
/// the product-limit estimate after it, its Greenwood standard error and its 95 % band (null where the estimate has reached 0).
/// </summary>
public sealed record SurvivalPoint(
    int Day, int AtRisk, int Events, int Censored, double Survival, double StandardError, double? Lower, double? Upper);

/// <summary>
/// A Kaplan–Meier curve: one point per day with an event or a censoring, and the median with its 95 % band
/// (each null when the curve, or its band, never reaches one half).
/// </summary>
public sealed record SurvivalCurve(IReadOnlyList<SurvivalPoint> Points, int? MedianDays, int? MedianLowerDays, int? MedianUpperDays);
