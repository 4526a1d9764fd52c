namespace TrialMonitor.Api.Cdisc;

/// <summary>The file formats of an export: Dataset-JSON, its NDJSON form, and CSV for spreadsheets.</summary>
public enum CdiscFormat { Json, Ndjson, Csv }
