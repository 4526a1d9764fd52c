using TrialMonitor.Clinical.Cytogenetics;
using TrialMonitor.Clinical.Hematology;

namespace TrialMonitor.Clinical.Course;

/// <summary>
/// The course with every result placed in its category once, in clinical order, and split at
/// the two dates the rules turn on: the start of standard dose and the escalation.
/// </summary>
internal sealed class CourseTimeline
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

    public HematologicReference? ReferenceAtStart { get; }

    public HematologicReference? ReferenceAtEscalation { get; }

    /// <summary>
    /// On standard dose: after the start date (a sample taken that day is the pre-treatment
    /// value) up to and including the escalation date (a sample taken that day is the
    /// pre-increase value).
    /// </summary>
    public bool OnStandardDose(DateOnly date) =>
        (StandardDoseStartedOn is not { } start || date > start) && (EscalatedOn is not { } escalated || date <= escalated);

    public bool AfterEscalation(DateOnly date) => EscalatedOn is { } escalated && date > escalated;

    public IEnumerable<HematologicResponse> HematologicOnStandardDose => Hematologic.Where(h => OnStandardDose(h.AssessedOn));

    public IEnumerable<CytogeneticResponse> CytogeneticsOnStandardDose => Cytogenetics.Where(c => OnStandardDose(c.AssessedOn));

    public HematologicResponse? HematologicAt(BloodCount count)
    {
        var reference = AfterEscalation(count.CollectedOn) ? ReferenceAtEscalation : ReferenceAtStart;
        var category = HematologicResponses.Assess(count, exams.NearestTo(count.CollectedOn), reference);
        return category is { } c ? new HematologicResponse(count.CollectedOn, c) : null;
    }

    private HematologicReference? Reference(DateOnly? on, decimal? fallbackSpleen)
    {
        if (on is not { } date)
        {
            return null;
        }

        var spleen = ExamPairing.NearestTo(date, Course.Exams.Where(e => e.ExaminedOn <= date))?.SpleenCmBelowCostalMargin ?? fallbackSpleen;
        var platelets = Counts.LastOrDefault(c => c.CollectedOn <= date && c.Platelets is not null)?.Platelets;
        return new HematologicReference(spleen, platelets);
    }
}
