namespace TrialMonitor.Clinical.Course;

/// <summary>
/// The course as it stood on a clinical date: every value dated after it is left out, so the rules
/// replay what could have been concluded that day.
/// </summary>
public static class PatientCourseAsOf
{
    public static PatientCourse AsOf(this PatientCourse course, DateOnly clinicalDate)
    {
        ArgumentNullException.ThrowIfNull(course);
        return PatientCourse.From(course.Baseline, course.Entries().Where(e => e.ClinicalDate <= clinicalDate));
    }
}
