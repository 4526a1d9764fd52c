namespace TrialMonitor.Api.Cdisc.Sdtm;

/// <summary>One DS record before it is written: what happened, when, and its --SEQ.</summary>
public sealed record DispositionRecord(int Sequence, string Term, string Decoded, string Category, string? Subcategory, DateOnly On);
