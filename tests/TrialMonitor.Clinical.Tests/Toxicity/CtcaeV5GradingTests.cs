using TrialMonitor.Clinical.Course;
using TrialMonitor.Clinical.Toxicity;

namespace TrialMonitor.Clinical.Tests.Toxicity;

public sealed class CtcaeV5GradingTests
{
    [Theory]
    [InlineData(1.0, 2)] // exactly on the 1.0 cut-off takes the milder grade
    [InlineData(0.99, 3)]
    [InlineData(0.5, 3)]
    [InlineData(0.49, 4)]
    [InlineData(1.5, 1)]
    [InlineData(1.8, 0)] // equal to the LLN
    public void Neutrophils_take_the_milder_grade_on_a_cut_off(double neutrophils, int expected) =>
        Assert.Equal(expected, CtcaeV5Grading.Grade(CtcaeTerms.NeutrophilCountDecreased, (decimal)neutrophils, 1.8m, "10^9/L"));

    [Fact]
    public void Anemia_from_a_lab_value_is_never_grade_4() =>
        Assert.Equal(3, CtcaeV5Grading.Grade(CtcaeTerms.Anemia, 3.0m, 12m, "g/dL"));

    [Theory]
    [InlineData("cells/mm3", 1600, 1)]
    [InlineData("CELLS/MM³", 900, 3)]
    [InlineData("g/dL", 1.4, null)] // a hemoglobin unit is no count unit
    [InlineData("10^6/L", 1.4, null)]
    public void Count_units_convert_or_give_no_grade(string unit, double value, int? expected) =>
        Assert.Equal(expected, CtcaeV5Grading.Grade("neutrophil COUNT decreased", (decimal)value, LlnIn(unit), unit));

    [Fact]
    public void A_blood_count_is_graded_for_every_term_it_can_be()
    {
        var count = new BloodCount(new DateOnly(2002, 3, 1), Wbc: 1.9m, Neutrophils: 0.4m, Platelets: 80m, Hemoglobin: 12m,
            BlastsPercent: 0, BasophilsPercent: 0, PromyelocytesMyelocytesPercent: 0,
            new LowerLimitsOfNormal(Wbc: 4m, Neutrophils: 1.8m, Platelets: 140m, Hemoglobin: null));

        var grades = CtcaeV5Grading.Grade(count);

        Assert.Equal(
            [(CtcaeTerms.NeutrophilCountDecreased, 4), (CtcaeTerms.PlateletCountDecreased, 1), (CtcaeTerms.WhiteBloodCellDecreased, 3)],
            grades.Select(g => (g.Term, g.Grade)));
        Assert.All(grades, g => Assert.Equal(count.CollectedOn, g.CollectedOn));
    }

    private static decimal LlnIn(string unit) => unit.StartsWith("cells", StringComparison.OrdinalIgnoreCase) ? 1800m : 1.8m;
}
