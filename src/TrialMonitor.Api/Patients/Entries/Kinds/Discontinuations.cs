using TrialMonitor.Clinical.Alerts;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Patients.Entries.Kinds;

public sealed record TherapyDiscontinued(Guid PatientId, string EntryKey, Discontinuation Discontinuation) : IPatientEntry
{
    DateOnly IPatientEntry.ClinicalOn => Discontinuation.EffectiveOn;
}

/// <summary>Therapy stopped, with the reason the disposition counts; the first one counts.</summary>
public sealed class Discontinuations : EntryKind<TherapyDiscontinued, Discontinuation>
{
    public override string Name => "Discontinuation";
    public override string Mutation => "discontinueTherapy";
    public override string Argument => "discontinuation";
    public override string ChartField => "discontinuations";
    public override string ClinicalDateField => "discontinuation.effectiveOn";
    public override int SameDayOrder => 6;
    public override bool DatedFromEnrolment => true;
    public override bool MovesAssessment => true;

    protected override TherapyDiscontinued Record(Guid patientId, string entryKey, Discontinuation value) => new(patientId, entryKey, value);
    protected override Discontinuation ValueOf(TherapyDiscontinued entry) => entry.Discontinuation;
    protected override string FormCode(Discontinuation value) => "OFF";

    protected override IReadOnlyList<SafetySignal> Signals(Discontinuation value, int gradeThreshold) => SafetySignals.ForDiscontinuation(value);
}
