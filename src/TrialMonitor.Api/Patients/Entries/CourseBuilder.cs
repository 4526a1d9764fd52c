using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Patients.Entries;

/// <summary>Collects the entries in force into the course the clinical rules read.</summary>
public sealed class CourseBuilder(Baseline baseline)
{
    public List<BloodCount> BloodCounts { get; } = [];
    public List<MarrowAssessment> Marrow { get; } = [];
    public List<CytogeneticAssessment> Cytogenetics { get; } = [];
    public List<MolecularAssessment> Molecular { get; } = [];
    public List<PhysicalExam> Exams { get; } = [];
    public List<DoseChange> Doses { get; } = [];
    public List<ReportedToxicity> Toxicities { get; } = [];
    public List<ReportedResponse> ReportedResponses { get; } = [];
    public List<Transformation> Transformations { get; } = [];
    public List<Discontinuation> Discontinuations { get; } = [];
    public List<Death> Deaths { get; } = [];
    public List<DateOnly> FollowUpContacts { get; } = [];

    /// <summary>The first transformation and discontinuation count; the last contact is the latest.</summary>
    public PatientCourse Build() => new(
        baseline, BloodCounts, Marrow, Cytogenetics, Molecular, Exams, Doses, Toxicities, ReportedResponses,
        Transformations.MinBy(t => t.DiagnosedOn),
        Discontinuations.MinBy(d => d.EffectiveOn),
        Deaths.FirstOrDefault(),
        FollowUpContacts.Count == 0 ? null : FollowUpContacts.Max());
}
