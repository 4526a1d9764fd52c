namespace TrialMonitor.Api.Cdisc.Sdtm;

/// <summary>One RS record before it is written.</summary>
public sealed record ResponseRecord(
    int Sequence, string TestCode, DateOnly On, string Result, bool Derived, string? Method, string? Link, decimal? PhPositivePercent);
