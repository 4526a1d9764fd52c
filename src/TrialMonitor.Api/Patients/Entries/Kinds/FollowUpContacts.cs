using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Patients.Entries.Kinds;

public sealed record FollowUpContactRecorded(Guid PatientId, string EntryKey, DateOnly ContactOn) : IPatientEntry
{
    DateOnly IPatientEntry.ClinicalOn => ContactOn;
}

/// <summary>The patient was last known alive and followed on this date (censoring of follow-up).</summary>
public sealed class FollowUpContacts : EntryKind<FollowUpContactRecorded, DateOnly, FollowUpContact>
{
    public override string Name => "FollowUpContact";
    public override string Mutation => "recordFollowUpContact";
    public override string Argument => "contactOn";
    public override string ChartField => "followUpContacts";
    public override string ClinicalDateField => "contactOn";
    public override int SameDayOrder => 8;
    public override bool DatedFromEnrolment => true;
    public override bool MovesAssessment => false;

    protected override FollowUpContactRecorded Record(Guid patientId, string entryKey, DateOnly value) => new(patientId, entryKey, value);
    protected override DateOnly ValueOf(FollowUpContactRecorded entry) => entry.ContactOn;
    protected override string FormCode(DateOnly value) => "FU";
    protected override FollowUpContact InCourse(DateOnly value) => new(value);
    protected override DateOnly FromCourse(FollowUpContact value) => value.ContactOn;
}
