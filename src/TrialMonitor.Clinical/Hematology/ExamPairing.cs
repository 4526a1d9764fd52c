using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Clinical.Hematology;

/// <summary>
/// A blood count is read with the physical exam nearest to it in time, no more than
/// <see cref="WindowDays"/> days either side; on a tie the exam before the count wins, because
/// it was known when the count came in. Counts and exams of one visit share a date; of two exams
/// on one date, the one recorded first.
/// </summary>
public static class ExamPairing
{
    public const int WindowDays = 14;

    public static PhysicalExam? NearestTo(DateOnly collectedOn, IEnumerable<PhysicalExam> exams) => new SortedExams(exams).NearestTo(collectedOn);
}

/// <summary>
/// A course's exams sorted once by date, so that pairing every count of a course costs a binary
/// search per count rather than a scan of every exam (the rules pair each count on every evaluation).
/// </summary>
public sealed class SortedExams
{
    private readonly IReadOnlyList<PhysicalExam> byDate;

    public SortedExams(IEnumerable<PhysicalExam> exams)
    {
        ArgumentNullException.ThrowIfNull(exams);
        // OrderBy is stable: exams of one date keep the order they were recorded in.
        byDate = [.. exams.OrderBy(e => e.ExaminedOn)];
    }

    private SortedExams(IReadOnlyList<PhysicalExam> byDate) => this.byDate = byDate;

    /// <summary>A view over exams the caller keeps sorted by date (recorded order within a date), read as they change.</summary>
    internal static SortedExams Over(IReadOnlyList<PhysicalExam> byDate) => new(byDate);

    /// <summary>The exam <see cref="ExamPairing"/> pairs with a count collected that day, if any.</summary>
    public PhysicalExam? NearestTo(DateOnly collectedOn)
    {
        var firstAfter = FirstAfter(byDate, collectedOn);
        var before = firstAfter > 0 ? FirstOfItsDate(firstAfter - 1) : null;
        var after = firstAfter < byDate.Count ? byDate[firstAfter] : null;
        var daysBefore = before is null ? int.MaxValue : collectedOn.DayNumber - before.ExaminedOn.DayNumber;
        var daysAfter = after is null ? int.MaxValue : after.ExaminedOn.DayNumber - collectedOn.DayNumber;
        var (nearest, days) = daysBefore <= daysAfter ? (before, daysBefore) : (after, daysAfter);
        return days <= ExamPairing.WindowDays ? nearest : null;
    }

    /// <summary>The index of the first exam dated after the date (where an exam of that date is inserted to come last of its date).</summary>
    internal static int FirstAfter(IReadOnlyList<PhysicalExam> byDate, DateOnly date)
    {
        int low = 0, high = byDate.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (byDate[middle].ExaminedOn <= date) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    private PhysicalExam FirstOfItsDate(int index)
    {
        while (index > 0 && byDate[index - 1].ExaminedOn == byDate[index].ExaminedOn) index--;
        return byDate[index];
    }
}
