using TrialMonitor.Api.Door;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Patients.Entries.Kinds;

public sealed record PhysicalExamRecorded(Guid PatientId, string EntryKey, PhysicalExam Exam) : IPatientEntry
{
    DateOnly IPatientEntry.ClinicalOn => Exam.ExaminedOn;
}

/// <summary>Spleen below the costal margin and disease signs or symptoms, read with the nearest blood count.</summary>
public sealed class PhysicalExams : EntryKind<PhysicalExamRecorded, PhysicalExam>
{
    public override string Name => "PhysicalExam";
    public override string Mutation => "recordPhysicalExam";
    public override string Argument => "exam";
    public override string ChartField => "exams";
    public override string ClinicalDateField => "exam.examinedOn";
    public override bool MovesAssessment => true;

    public override IReadOnlyDictionary<string, string> Units { get; } = new Dictionary<string, string> { ["spleenCmBelowCostalMargin"] = "cm" };

    protected override PhysicalExamRecorded Record(Guid patientId, string entryKey, PhysicalExam value) => new(patientId, entryKey, value);
    protected override PhysicalExam ValueOf(PhysicalExamRecorded entry) => entry.Exam;
    protected override string FormCode(PhysicalExam value) => "PE";

    protected override void Check(FieldChecks checks, PhysicalExam e) => checks
        .Between(e.SpleenCmBelowCostalMargin, 0, 40, "spleenCmBelowCostalMargin", "cm");
}
