using TrialMonitor.Clinical.Alerts;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Patients.Entries.Kinds;

public sealed record TransformationDiagnosed(Guid PatientId, string EntryKey, Transformation Transformation) : IPatientEntry
{
    DateOnly IPatientEntry.ClinicalOn => Transformation.DiagnosedOn;
}

/// <summary>Transformation to accelerated or blastic phase; the first one counts.</summary>
public sealed class Transformations : EntryKind<TransformationDiagnosed, Transformation>
{
    public override string Name => "Transformation";
    public override string Mutation => "diagnoseTransformation";
    public override string Argument => "transformation";
    public override string ChartField => "transformations";
    public override string ClinicalDateField => "transformation.diagnosedOn";
    public override int SameDayOrder => 5;
    public override bool DatedFromEnrolment => true;
    public override bool MovesAssessment => true;

    protected override TransformationDiagnosed Record(Guid patientId, string entryKey, Transformation value) => new(patientId, entryKey, value);
    protected override Transformation ValueOf(TransformationDiagnosed entry) => entry.Transformation;
    protected override string FormCode(Transformation value) => "TRF";

    protected override IReadOnlyList<SafetySignal> Signals(Transformation value, int gradeThreshold) => SafetySignals.ForTransformation(value);
}
