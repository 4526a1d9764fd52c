using TrialMonitor.Api.Door;
using TrialMonitor.Clinical.Alerts;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Patients.Entries.Kinds;

public sealed record DoseChanged(Guid PatientId, string EntryKey, DoseChange Dose) : IPatientEntry
{
    DateOnly IPatientEntry.ClinicalOn => Dose.EffectiveOn;
}

/// <summary>Start, escalation, reduction, interruption or resumption of imatinib, with the daily dose from then on.</summary>
public sealed class Doses : EntryKind<DoseChanged, DoseChange>
{
    public const int MaxDailyDoseMg = 1_600;

    public override string Name => "Dose";
    public override string Mutation => "changeDose";
    public override string Argument => "dose";
    public override string ChartField => "doses";
    public override string ClinicalDateField => "dose.effectiveOn";
    public override int SameDayOrder => 2;
    public override bool DatedFromEnrolment => true;
    public override bool MovesAssessment => true;

    public override IReadOnlyDictionary<string, string> Units { get; } = new Dictionary<string, string> { ["dailyDoseMg"] = "mg" };

    protected override DoseChanged Record(Guid patientId, string entryKey, DoseChange value) => new(patientId, entryKey, value);
    protected override DoseChange ValueOf(DoseChanged entry) => entry.Dose;
    protected override string FormCode(DoseChange value) => "DOSE-" + value.Action.ToString().ToUpperInvariant();

    protected override void Check(FieldChecks checks, DoseChange d) => checks
        .Between(d.DailyDoseMg, d.Action == DoseAction.Interrupted ? 0 : 1, MaxDailyDoseMg, "dailyDoseMg", "mg")
        .Require(d.Action != DoseAction.Interrupted || d.DailyDoseMg == 0, "dailyDoseMg", $"must be 0 mg while interrupted (got {d.DailyDoseMg} mg)")
        .Text(d.Schedule, "schedule", 200)
        .Require(d.Action is not (DoseAction.Reduced or DoseAction.Interrupted) || !string.IsNullOrWhiteSpace(d.Reason),
            "reason", "a reduction or interruption must say why (PANCYTOPENIA or the toxicity term)")
        .Require(d.Reason is null || d.Reason.Length <= 200, "reason", $"must be at most 200 characters (got {d.Reason?.Length})");

    protected override IReadOnlyList<SafetySignal> Signals(DoseChange value, int gradeThreshold) => SafetySignals.ForDoseChange(value);
}
