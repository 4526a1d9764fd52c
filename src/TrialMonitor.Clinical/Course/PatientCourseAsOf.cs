namespace TrialMonitor.Clinical.Course;

/// <summary>
/// The course as it stood on a clinical date: every observation dated after it is left out, so
/// the rules replay what could have been concluded that day.
/// </summary>
public static class PatientCourseAsOf
{
    public static PatientCourse AsOf(this PatientCourse course, DateOnly clinicalDate)
    {
        ArgumentNullException.ThrowIfNull(course);
        return course with
        {
            BloodCounts = [.. course.BloodCounts.Where(c => c.CollectedOn <= clinicalDate)],
            Marrow = [.. course.Marrow.Where(m => m.CollectedOn <= clinicalDate)],
            Cytogenetics = [.. course.Cytogenetics.Where(c => c.CollectedOn <= clinicalDate)],
            Molecular = [.. course.Molecular.Where(m => m.CollectedOn <= clinicalDate)],
            Exams = [.. course.Exams.Where(e => e.ExaminedOn <= clinicalDate)],
            Doses = [.. course.Doses.Where(d => d.EffectiveOn <= clinicalDate)],
            Toxicities = [.. course.Toxicities.Where(t => t.OnsetOn <= clinicalDate)],
            ReportedResponses = [.. course.ReportedResponses.Where(r => r.AssessedOn <= clinicalDate)],
            Transformation = course.Transformation is { } t && t.DiagnosedOn <= clinicalDate ? t : null,
            Discontinuation = course.Discontinuation is { } d && d.EffectiveOn <= clinicalDate ? d : null,
            Death = course.Death is { } death && death.DiedOn <= clinicalDate ? death : null,
            LastContactOn = course.LastContactOn is { } last && last <= clinicalDate ? last : null,
        };
    }
}
