using TrialMonitor.Clinical.Alerts;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Patients.Entries.Kinds;

public sealed record PatientDied(Guid PatientId, string EntryKey, Death Death) : IPatientEntry
{
    DateOnly IPatientEntry.ClinicalOn => Death.DiedOn;
}

/// <summary>Death with its cause; nothing may be dated after it but a correction.</summary>
public sealed class Deaths : EntryKind<PatientDied, Death>
{
    public override string Name => "Death";
    public override string Mutation => "recordDeath";
    public override string Argument => "death";
    public override string ChartField => "deaths";
    public override string ClinicalDateField => "death.diedOn";
    public override int SameDayOrder => 7;
    public override bool DatedFromEnrolment => true;
    public override bool MovesAssessment => true;

    protected override PatientDied Record(Guid patientId, string entryKey, Death value) => new(patientId, entryKey, value);
    protected override Death ValueOf(PatientDied entry) => entry.Death;
    protected override string FormCode(Death value) => "DTH";

    protected override IReadOnlyList<SafetySignal> Signals(Death value, int gradeThreshold) => SafetySignals.ForDeath(value);
}
