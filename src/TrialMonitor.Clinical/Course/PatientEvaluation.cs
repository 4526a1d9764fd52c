using TrialMonitor.Clinical.Toxicity;

namespace TrialMonitor.Clinical.Course;

/// <summary>Everything the rules conclude about one patient, as a pure function of the course.</summary>
public static class PatientEvaluation
{
    /// <summary>The assessment from every observation up to the trial's data cut-off, if it has one.</summary>
    public static PatientAssessment Evaluate(PatientCourse course, ClinicalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(settings);
        return Assess(settings.DataCutoffOn is { } cutoff ? course.AsOf(cutoff) : course, settings);
    }

    /// <summary>The assessment as it could have been made on a clinical date (replay); later observations are ignored.</summary>
    public static PatientAssessment Evaluate(PatientCourse course, ClinicalSettings settings, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(settings);
        var until = settings.DataCutoffOn is { } cutoff && cutoff < asOf ? cutoff : asOf;
        return Assess(course.AsOf(until), settings);
    }

    /// <summary>Every evaluable cytogenetic result of the course in its category, in clinical order.</summary>
    public static IReadOnlyList<CytogeneticResponse> CytogeneticResponses(PatientCourse course, ClinicalSettings settings) =>
        new CourseTimeline(course, settings).Cytogenetics;

    /// <summary>Every hematologic response the course documents, each count read with its exam.</summary>
    public static IReadOnlyList<HematologicResponse> HematologicResponses(PatientCourse course, ClinicalSettings settings) =>
        new CourseTimeline(course, settings).Hematologic;

    private static PatientAssessment Assess(PatientCourse course, ClinicalSettings settings)
    {
        var timeline = new CourseTimeline(course, settings);
        var escalatedOn = timeline.EscalatedOn;
        var latestCounts = timeline.Counts.Count > 0 ? timeline.Counts[^1] : null;
        var afterEscalation = timeline.Hematologic.Where(h => timeline.AfterEscalation(h.AssessedOn)).ToList();

        return new PatientAssessment(
            DoseHistory.CurrentDailyDose(course),
            timeline.StandardDoseStartedOn,
            escalatedOn,
            latestCounts,
            timeline.Cytogenetics.Count > 0 ? timeline.Cytogenetics[^1] : null,
            timeline.Hematologic.Count > 0 ? timeline.Hematologic[^1].Category : null,
            EscalationIndications.Evaluate(timeline),
            Table2Classification.Classify(timeline),
            afterEscalation.Count > 0 ? afterEscalation.Min(h => h.Category) : null,
            ImprovementEpisodes.Find(timeline),
            latestCounts is null ? [] : CtcaeV5Grading.Grade(latestCounts),
            Discrepancies.Find(timeline));
    }
}
