using System.Text.Json.Serialization;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Entries;
using TrialMonitor.Clinical.Cohort;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Patients.Chart;

/// <summary>
/// The patient as coordinators read it: every entry still in force (voided entries removed), in the
/// order they were recorded, and what the clinical rules conclude from them under the trial's settings.
/// The stored chart holds what the rules concluded, not the entries: those are stored one by one
/// (<see cref="RecordedEntry"/>), so a write does not rewrite a document that grows with the history.
/// A chart read from the database gets its entries from <see cref="ChartEntries"/> when it needs them.
/// </summary>
public sealed class PatientChart
{
    private List<RecordedEntry>? inForce;

    public Guid Id { get; set; }
    public Guid TrialId { get; set; }
    public string SubjectId { get; set; } = "";
    public string Site { get; set; } = "";
    public DateOnly EnrolledOn { get; set; }
    public Baseline Baseline { get; set; } = null!;
    public long Version { get; set; }
    public DateTimeOffset LastRecordedAt { get; set; }

    public List<EntryVoided> Corrections { get; set; } = [];

    public PatientAssessment Assessment { get; set; } = null!;

    /// <summary>
    /// The date a replayed chart's molecular response is known on (see PatientReplay.KnownOn); null on the
    /// chart as it is now, whose response is known on the trial's data cut-off, else today. Never stored:
    /// what follows from the date is computed when read.
    /// </summary>
    [JsonIgnore]
    public DateOnly? KnownOn { get; set; }

    /// <summary>The entries in force with the versions they were recorded at, oldest first.</summary>
    [JsonIgnore]
    public List<RecordedEntry> InForce
    {
        get => inForce ?? throw new InvalidOperationException($"the entries of patient {Id}'s chart were not loaded (ChartEntries.LoadAsync)");
        set => inForce = value;
    }

    [JsonIgnore]
    public bool HasEntries => inForce is not null;

    [JsonIgnore]
    public IReadOnlyList<IPatientEntry> Entries => [.. InForce.Select(e => e.Entry)];

    /// <summary>A chart to fold further events into, leaving this one as it is.</summary>
    public PatientChart Copy()
    {
        var copy = (PatientChart)MemberwiseClone();
        copy.inForce = [.. InForce];
        copy.Corrections = [.. Corrections];
        return copy;
    }

    public PatientCourse ToCourse() => CourseOf(Baseline, Entries);

    /// <summary>The course of a patient with these entries in force.</summary>
    public static PatientCourse CourseOf(Baseline baseline, IEnumerable<IPatientEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return PatientCourse.From(baseline, entries.Select(entry => EntryKinds.Of(entry).InCourse(entry)));
    }

    /// <summary>The patient as the cohort tables read it: the course and what the rules concluded from it.</summary>
    public CohortPatient ToCohortPatient() => new(ToCourse(), Assessment);
}
