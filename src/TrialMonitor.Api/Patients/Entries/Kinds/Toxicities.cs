using TrialMonitor.Api.Door;
using TrialMonitor.Clinical.Alerts;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Patients.Entries.Kinds;

public sealed record ToxicityReported(Guid PatientId, string EntryKey, ReportedToxicity Toxicity) : IPatientEntry
{
    DateOnly IPatientEntry.ClinicalOn => Toxicity.OnsetOn;
}

/// <summary>A toxicity the investigator reports: CTCAE term, grade and onset.</summary>
public sealed class Toxicities : EntryKind<ToxicityReported, ReportedToxicity>
{
    public override string Name => "Toxicity";
    public override string Mutation => "reportToxicity";
    public override string Argument => "toxicity";
    public override string ChartField => "toxicities";
    public override string ClinicalDateField => "toxicity.onsetOn";
    public override int SameDayOrder => 3;
    public override bool MovesAssessment => false;

    protected override ToxicityReported Record(Guid patientId, string entryKey, ReportedToxicity value) => new(patientId, entryKey, value);
    protected override ReportedToxicity ValueOf(ToxicityReported entry) => entry.Toxicity;
    protected override string FormCode(ReportedToxicity value) => "AE-" + value.Term;

    // CTCAE v5: grade 1 (mild) to 5 (death related to the adverse event).
    protected override void Check(FieldChecks checks, ReportedToxicity t) => checks
        .Text(t.Term, "term", 200)
        .Between(t.Grade, 1, 5, "grade");

    protected override IReadOnlyList<SafetySignal> Signals(ReportedToxicity value, int gradeThreshold) =>
        SafetySignals.ForReportedToxicity(value, gradeThreshold);
}
