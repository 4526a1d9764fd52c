namespace TrialMonitor.Api.Cdisc;

/// <summary>The CDISC model a dataset belongs to: SDTM (tabulation) or ADaM (analysis).</summary>
public enum CdiscModel { Sdtm, Adam }
