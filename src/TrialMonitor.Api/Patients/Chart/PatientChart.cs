using TrialMonitor.Clinical.Cohort;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Patients;

/// <summary>An entry of the chart with the key it was recorded under (for corrections).</summary>
public sealed record Keyed<T>(string EntryKey, T Value);

/// <summary>
/// The patient as coordinators read it: every observation still in force (voided entries removed)
/// and what the clinical rules conclude from them under the trial's settings.
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

    public List<Keyed<BloodCount>> BloodCounts { get; set; } = [];
    public List<Keyed<MarrowAssessment>> Marrow { get; set; } = [];
    public List<Keyed<CytogeneticAssessment>> Cytogenetics { get; set; } = [];
    public List<Keyed<MolecularAssessment>> Molecular { get; set; } = [];
    public List<Keyed<PhysicalExam>> Exams { get; set; } = [];
    public List<Keyed<DoseChange>> Doses { get; set; } = [];
    public List<Keyed<ReportedToxicity>> Toxicities { get; set; } = [];
    public List<Keyed<ReportedResponse>> ReportedResponses { get; set; } = [];
    public List<Keyed<Transformation>> Transformations { get; set; } = [];
    public List<Keyed<Discontinuation>> Discontinuations { get; set; } = [];
    public List<Keyed<Death>> Deaths { get; set; } = [];
    public List<Keyed<DateOnly>> FollowUpContacts { get; set; } = [];
    public List<EntryVoided> Corrections { get; set; } = [];

    public PatientAssessment Assessment { get; set; } = null!;

    public PatientCourse ToCourse() => new(
        Baseline,
        Values(BloodCounts), Values(Marrow), Values(Cytogenetics), Values(Molecular), Values(Exams), Values(Doses),
        Values(Toxicities), Values(ReportedResponses),
        Transformations.Select(t => t.Value).MinBy(t => t.DiagnosedOn),
        Discontinuations.Select(d => d.Value).MinBy(d => d.EffectiveOn),
        Deaths.Select(d => d.Value).FirstOrDefault(),
        FollowUpContacts.Count == 0 ? null : FollowUpContacts.Max(c => c.Value));

    /// <summary>The patient as the cohort tables read it: the course and what the rules concluded from it.</summary>
    public CohortPatient ToCohortPatient() => new(ToCourse(), Assessment);

    private static List<T> Values<T>(List<Keyed<T>> entries) => entries.ConvertAll(e => e.Value);
}
