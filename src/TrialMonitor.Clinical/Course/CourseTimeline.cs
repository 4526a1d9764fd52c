using TrialMonitor.Clinical.Cytogenetics;
using TrialMonitor.Clinical.Hematology;

namespace TrialMonitor.Clinical.Course;

/// <summary>
/// The course with every result placed in its category once, in clinical order, and split at
/// the two dates the rules turn on: the start of standard dose and the escalation.
/// </summary>
internal sealed class CourseTimeline : IResponseTimeline
{
    public CourseTimeline(PatientCourse course, ClinicalSettings settings)
    {
        Course = course;
        exams = new SortedExams(course.Exams);
        StandardDoseStartedOn = DoseHistory.StandardDoseStartedOn(course);
        EscalatedOn = DoseHistory.EscalatedOn(course);
        Counts = [.. course.BloodCounts.OrderBy(c => c.CollectedOn)];
        Cytogenetics = [.. course.Cytogenetics
            .OrderBy(c => c.CollectedOn)
            .Select(c => CytogeneticCriteria.Assess(c, settings))
            .OfType<CytogeneticResponse>()];
        ReferenceAtStart = Reference(StandardDoseStartedOn, course.Baseline.SpleenCmBelowCostalMargin);
        ReferenceAtEscalation = EscalatedOn is null ? null : Reference(EscalatedOn, fallbackSpleen: null);
        Hematologic = [.. Counts.Select(HematologicAt).OfType<HematologicResponse>()];
    }

    private readonly SortedExams exams;

    public PatientCourse Course { get; }

    public DateOnly? StandardDoseStartedOn { get; }

    public DateOnly? EscalatedOn { get; }

    /// <summary>Every blood count in clinical order.</summary>
    public IReadOnlyList<BloodCount> Counts { get; }

    /// <summary>Every evaluable cytogenetic result in clinical order.</summary>
    public IReadOnlyList<CytogeneticResponse> Cytogenetics { get; }

    /// <summary>Every blood count that could be judged, in clinical order.</summary>
    public IReadOnlyList<HematologicResponse> Hematologic { get; }

    public Transformation? Transformation => Course.Transformation;

    public Discontinuation? Discontinuation => Course.Discontinuation;

    public Death? Death => Course.Death;

    public HematologicReference? ReferenceAtStart { get; }

    public HematologicReference? ReferenceAtEscalation { get; }

    /// <summary>
    /// On standard dose: after the start date (a sample taken that day is the pre-treatment
    /// value) up to and including the escalation date (a sample taken that day is the
    /// pre-increase value).
    /// </summary>
    public bool OnStandardDose(DateOnly date) => OnStandardDose(StandardDoseStartedOn, EscalatedOn, date);

    public bool AfterEscalation(DateOnly date) => AfterEscalation(EscalatedOn, date);

    public static bool OnStandardDose(DateOnly? startedOn, DateOnly? escalatedOn, DateOnly date) =>
        (startedOn is not { } start || date > start) && (escalatedOn is not { } escalated || date <= escalated);

    public static bool AfterEscalation(DateOnly? escalatedOn, DateOnly date) => escalatedOn is { } escalated && date > escalated;

    public IEnumerable<HematologicResponse> HematologicOnStandardDose => Hematologic.Where(h => OnStandardDose(h.AssessedOn));

    public IEnumerable<CytogeneticResponse> CytogeneticsOnStandardDose => Cytogenetics.Where(c => OnStandardDose(c.AssessedOn));

    public HematologicResponse? HematologicAt(BloodCount count) =>
        HematologicAt(count, exams, AfterEscalation(count.CollectedOn) ? ReferenceAtEscalation : ReferenceAtStart);

    /// <summary>The count read with its exam against the reference of its period (at start, or at escalation after it).</summary>
    public static HematologicResponse? HematologicAt(BloodCount count, SortedExams exams, HematologicReference? reference)
    {
        var category = HematologicResponses.Assess(count, exams.NearestTo(count.CollectedOn), reference);
        return category is { } c ? new HematologicResponse(count.CollectedOn, c) : null;
    }

    private HematologicReference? Reference(DateOnly? on, decimal? fallbackSpleen) =>
        Reference(on, fallbackSpleen, Course.Exams, Counts);

    /// <summary>The spleen of the exam paired with the date among those before it, and the last platelet count up to it.</summary>
    public static HematologicReference? Reference(DateOnly? on, decimal? fallbackSpleen, IEnumerable<PhysicalExam> exams, IReadOnlyList<BloodCount> countsInOrder)
    {
        if (on is not { } date)
        {
            return null;
        }

        var spleen = ExamPairing.NearestTo(date, exams.Where(e => e.ExaminedOn <= date))?.SpleenCmBelowCostalMargin ?? fallbackSpleen;
        var platelets = countsInOrder.LastOrDefault(c => c.CollectedOn <= date && c.Platelets is not null)?.Platelets;
        return new HematologicReference(spleen, platelets);
    }
}
