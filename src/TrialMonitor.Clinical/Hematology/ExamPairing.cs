using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Clinical.Hematology;

/// <summary>
/// A blood count is read with the physical exam nearest to it in time, no more than
/// <see cref="WindowDays"/> days either side; on a tie the exam before the count wins, because
/// it was known when the count came in. Counts and exams of one visit share a date.
/// </summary>
public static class ExamPairing
{
    public const int WindowDays = 14;

    public static PhysicalExam? NearestTo(DateOnly collectedOn, IEnumerable<PhysicalExam> exams)
    {
        ArgumentNullException.ThrowIfNull(exams);
        return exams
            .Select(e => (Exam: e, Distance: Math.Abs(e.ExaminedOn.DayNumber - collectedOn.DayNumber)))
            .Where(e => e.Distance <= WindowDays)
            .OrderBy(e => e.Distance)
            .ThenBy(e => e.Exam.ExaminedOn > collectedOn)
            .Select(e => e.Exam)
            .FirstOrDefault();
    }
}
