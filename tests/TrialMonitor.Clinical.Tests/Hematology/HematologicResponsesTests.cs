using TrialMonitor.Clinical.Course;
using TrialMonitor.Clinical.Hematology;

namespace TrialMonitor.Clinical.Tests.Hematology;

public sealed class HematologicResponsesTests
{
    private static readonly DateOnly On = new(2002, 3, 1);
    private static readonly PhysicalExam NormalExam = new(On, 0m, false);
    private static readonly HematologicReference AtEscalation = new(SpleenCmBelowCostalMargin: 10m, Platelets: 1000m);

    [Fact]
    public void Normal_counts_differential_and_exam_are_a_complete_response() =>
        Assert.Equal(HematologicCategory.Complete, HematologicResponses.Assess(Count(), NormalExam, AtEscalation));

    [Theory]
    [InlineData(9.99, 449, 4.9, HematologicCategory.Complete)]
    [InlineData(10, 250, 1, HematologicCategory.None)] // WBC must be below 10
    [InlineData(6, 450, 1, HematologicCategory.Partial)] // thrombocytosis improved by more than half from 1000
    [InlineData(6, 500, 1, HematologicCategory.None)] // exactly half is not more than 50 % better
    [InlineData(6, 250, 5, HematologicCategory.None)] // basophils must be below 5 %
    public void Complete_response_cut_offs_are_strict(double wbc, double platelets, double basophils, HematologicCategory expected) =>
        Assert.Equal(expected, HematologicResponses.Assess(
            Count() with { Wbc = (decimal)wbc, Platelets = (decimal)platelets, BasophilsPercent = (decimal)basophils }, NormalExam, AtEscalation));

    [Fact]
    public void Persisting_immature_cells_make_a_partial_response()
    {
        Assert.Equal(HematologicCategory.Partial, HematologicResponses.Assess(Count() with { BlastsPercent = 1m }, NormalExam, AtEscalation));
        Assert.Equal(HematologicCategory.Partial, HematologicResponses.Assess(Count() with { PromyelocytesMyelocytesPercent = 2m }, NormalExam, null));
    }

    [Theory]
    [InlineData(4.9, HematologicCategory.Partial)]
    [InlineData(5, HematologicCategory.None)]
    public void A_palpable_spleen_is_partial_only_when_more_than_50_percent_smaller(double spleenCm, HematologicCategory expected) =>
        Assert.Equal(expected, HematologicResponses.Assess(Count(), NormalExam with { SpleenCmBelowCostalMargin = (decimal)spleenCm }, AtEscalation));

    [Fact]
    public void Persisting_splenomegaly_without_a_reference_is_no_response() =>
        Assert.Equal(HematologicCategory.None, HematologicResponses.Assess(Count(), NormalExam with { SpleenCmBelowCostalMargin = 2m }, null));

    [Fact]
    public void Disease_signs_or_symptoms_are_no_response() =>
        Assert.Equal(HematologicCategory.None, HematologicResponses.Assess(Count() with { BlastsPercent = 1m }, NormalExam with { DiseaseSignsOrSymptoms = true }, AtEscalation));

    [Fact]
    public void A_count_without_an_exam_or_with_a_missing_value_cannot_be_judged()
    {
        Assert.Null(HematologicResponses.Assess(Count(), null, AtEscalation));
        Assert.Null(HematologicResponses.Assess(Count() with { BlastsPercent = null }, NormalExam, AtEscalation));
        Assert.Null(HematologicResponses.Assess(Count() with { Wbc = null }, NormalExam, AtEscalation));
    }

    [Fact]
    public void A_count_is_read_with_the_nearest_exam_within_14_days_the_earlier_on_a_tie()
    {
        PhysicalExam[] exams = [new(On.AddDays(-3), 1m, false), new(On.AddDays(3), 2m, false), new(On.AddDays(20), 3m, false)];

        Assert.Equal(1m, ExamPairing.NearestTo(On, exams)?.SpleenCmBelowCostalMargin);
        Assert.Equal(2m, ExamPairing.NearestTo(On.AddDays(2), exams)?.SpleenCmBelowCostalMargin);
        Assert.Equal(3m, ExamPairing.NearestTo(On.AddDays(34), exams)?.SpleenCmBelowCostalMargin);
        Assert.Null(ExamPairing.NearestTo(On.AddDays(35), exams));
    }

    [Fact]
    public void Exams_recorded_out_of_order_pair_by_date_and_of_two_on_one_date_the_first_recorded()
    {
        PhysicalExam[] exams = [new(On.AddDays(10), 4m, false), new(On.AddDays(-2), 5m, false), new(On.AddDays(-2), 6m, false), new(On.AddDays(2), 7m, false)];

        Assert.Equal(5m, ExamPairing.NearestTo(On, exams)?.SpleenCmBelowCostalMargin);
        Assert.Equal(7m, ExamPairing.NearestTo(On.AddDays(1), exams)?.SpleenCmBelowCostalMargin);
        Assert.Equal(4m, ExamPairing.NearestTo(On.AddDays(7), exams)?.SpleenCmBelowCostalMargin);
        Assert.Null(ExamPairing.NearestTo(On.AddDays(-17), exams));
    }

    [Fact]
    public void Sorted_pairing_agrees_with_the_rule_read_literally_on_random_courses()
    {
        var random = new Random(2003);
        for (var course = 0; course < 500; course++)
        {
            // Dates close together and repeated, so ties on distance and on date are common.
            PhysicalExam[] exams = [.. Enumerable.Range(0, random.Next(0, 12))
                .Select(i => new PhysicalExam(On.AddDays(random.Next(-40, 40)), i, false))];
            var sorted = new SortedExams(exams);
            for (var day = -60; day <= 60; day++)
            {
                Assert.Same(Literally(On.AddDays(day), exams), sorted.NearestTo(On.AddDays(day)));
            }
        }
    }

    /// <summary>The rule as written: within the window, the nearest; on a tie the earlier; then the first recorded.</summary>
    private static PhysicalExam? Literally(DateOnly collectedOn, IEnumerable<PhysicalExam> exams) => exams
        .Select(e => (Exam: e, Distance: Math.Abs(e.ExaminedOn.DayNumber - collectedOn.DayNumber)))
        .Where(e => e.Distance <= ExamPairing.WindowDays)
        .OrderBy(e => e.Distance)
        .ThenBy(e => e.Exam.ExaminedOn > collectedOn)
        .Select(e => e.Exam)
        .FirstOrDefault();

    private static BloodCount Count() => new(On, Wbc: 6m, Neutrophils: 3m, Platelets: 250m, Hemoglobin: 13m,
        BlastsPercent: 0m, BasophilsPercent: 1m, PromyelocytesMyelocytesPercent: 0m, LowerLimits: null);
}
