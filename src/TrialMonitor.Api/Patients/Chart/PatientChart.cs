using TrialMonitor.Clinical.Cohort;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Patients;

/// <summary>
/// The patient as coordinators read it: every entry still in force (voided entries removed), in the
/// order they were recorded, and what the clinical rules conclude from them under the trial's settings.
/// </summary>
public sealed class PatientChart
{
    public Guid Id { get; set; }
    public Guid TrialId { get; set; }
    public string SubjectId { get; set; } = "";
    public string Site { get; set; } = "";
    public DateOnly EnrolledOn { get; set; }
    public Baseline Baseline { get; set; } = null!;
    public long Version { get; set; }
    public DateTimeOffset LastRecordedAt { get; set; }

    public List<IPatientEntry> Entries { get; set; } = [];
    public List<EntryVoided> Corrections { get; set; } = [];

    public PatientAssessment Assessment { get; set; } = null!;

    /// <summary>A chart to fold further events into, leaving this one as it is.</summary>
    public PatientChart Copy()
    {
        var copy = (PatientChart)MemberwiseClone();
        copy.Entries = [.. Entries];
        copy.Corrections = [.. Corrections];
        return copy;
    }

    public IEnumerable<IPatientEntry> EntriesOf(EntryKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return Entries.Where(e => e.GetType() == kind.EventType);
    }

    public PatientCourse ToCourse()
    {
        var course = new CourseBuilder(Baseline);
        foreach (var entry in Entries) EntryKinds.Of(entry).AddTo(course, entry);
        return course.Build();
    }

    /// <summary>The patient as the cohort tables read it: the course and what the rules concluded from it.</summary>
    public CohortPatient ToCohortPatient() => new(ToCourse(), Assessment);
}
