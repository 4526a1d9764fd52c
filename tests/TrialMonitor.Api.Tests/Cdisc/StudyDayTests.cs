using TrialMonitor.Api.Cdisc;
using TrialMonitor.Clinical.Course;
using TrialMonitor.DemoCohort;

namespace TrialMonitor.Api.Tests.Cdisc;

/// <summary>DOMAIN: study day from the start of 400 mg, no day 0 (SDTMIG 4.4.4).</summary>
public sealed class StudyDayTests
{
    [Fact]
    public void The_start_of_400_mg_is_day_1_the_day_before_is_day_minus_1()
    {
        var course = Kantarjian2003.Courses[0];
        var subject = CdiscSubject.Of(new CdiscStudy("S", Kantarjian2003.Settings, new DateOnly(2026, 1, 1)), course.Baseline.SubjectId, course.Baseline.Site,
            course.Baseline.DiagnosedOn, course, PatientEvaluation.Evaluate(course, Kantarjian2003.Settings));
        var start = DoseHistory.StandardDoseStartedOn(course)!.Value;

        Assert.Equal(1, subject.StudyDay(start));
        Assert.Equal(2, subject.StudyDay(start.AddDays(1)));
        Assert.Equal(-1, subject.StudyDay(start.AddDays(-1)));
        Assert.Equal(-30, subject.StudyDay(start.AddDays(-30)));
        Assert.Null(subject.StudyDay(null));
    }
}
