namespace TrialMonitor.Api.Cdisc.Sdtm;

/// <summary>One RS record before it is written; a molecular response carries the BCR-ABL1 % IS it was read from.</summary>
public sealed record ResponseRecord(
    int Sequence, string TestCode, DateOnly On, string Result, bool Derived, string? Method, string? Link, decimal? PhPositivePercent,
    decimal? BcrAbl1PercentIs = null);
