namespace TrialMonitor.DemoCohort.FirstLine;

/// <summary>
/// The drawn course of the disease: the transcript curve and what the investigator does about it, by day
/// of therapy (an escalation to 600 mg, a switch to another TKI, which ends this trial's therapy, or
/// the day of a blastic transformation).
/// </summary>
internal sealed record ResponsePlan(TranscriptCurve Curve, int? EscalatedOnDay = null, int? SwitchedOnDay = null, int? TransformedOnDay = null);
