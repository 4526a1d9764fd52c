namespace TrialMonitor.Clinical.Molecular;

/// <summary>ELN-2020's verdict on a milestone (Hochhaus 2020, Table 4), or why there is none yet.</summary>
public enum MilestoneAssessment { Optimal, Warning, Failure, Pending, NotAssessed }
