using TrialMonitor.Clinical.Course;
using TrialMonitor.Clinical.Cytogenetics;

namespace TrialMonitor.Clinical.Tests.Cytogenetics;

public sealed class CytogeneticCriteriaTests
{
    private static readonly DateOnly On = new(2002, 1, 15);

    [Theory]
    [InlineData(0, CytogeneticCategory.Complete)]
    [InlineData(0.5, CytogeneticCategory.Partial)]
    [InlineData(1, CytogeneticCategory.Partial)]
    [InlineData(34, CytogeneticCategory.Partial)]
    [InlineData(34.5, CytogeneticCategory.Partial)]
    [InlineData(35, CytogeneticCategory.Minor)]
    [InlineData(40, CytogeneticCategory.Minor)] // Table 3 patient 11 after the increase
    [InlineData(90, CytogeneticCategory.Minor)]
    [InlineData(90.5, CytogeneticCategory.None)]
    [InlineData(100, CytogeneticCategory.None)]
    public void Mdacc2003_bands(double ph, CytogeneticCategory expected) =>
        Assert.Equal(expected, Assess(Karyotype(ph), ClinicalSettings.PaperDefaults)?.Category);

    [Theory]
    [InlineData(0, CytogeneticCategory.Complete)]
    [InlineData(0.5, CytogeneticCategory.Partial)]
    [InlineData(35, CytogeneticCategory.Partial)]
    [InlineData(35.5, CytogeneticCategory.Minor)]
    [InlineData(36, CytogeneticCategory.Minor)]
    [InlineData(65, CytogeneticCategory.Minor)]
    [InlineData(65.5, CytogeneticCategory.Minimal)]
    [InlineData(66, CytogeneticCategory.Minimal)]
    [InlineData(95, CytogeneticCategory.Minimal)]
    [InlineData(95.5, CytogeneticCategory.None)]
    [InlineData(100, CytogeneticCategory.None)]
    public void Eln2013_bands_close_each_band_at_its_upper_bound(double ph, CytogeneticCategory expected) =>
        Assert.Equal(expected, Assess(Karyotype(ph), Eln2013)?.Category);

    [Fact]
    public void Eln2013_karyotype_on_fewer_than_20_metaphases_is_not_evaluable()
    {
        Assert.Null(Assess(Karyotype(0, metaphases: 19), Eln2013));
        Assert.Equal(CytogeneticCategory.Complete, Assess(Karyotype(0, metaphases: 20), Eln2013)?.Category);
        Assert.Equal(CytogeneticCategory.Complete, Assess(Fish(0), Eln2013)?.Category);
    }

    [Fact]
    public void Mdacc2003_takes_a_karyotype_on_any_number_of_metaphases() =>
        Assert.Equal(CytogeneticCategory.Complete, Assess(Karyotype(0, metaphases: 10), ClinicalSettings.PaperDefaults)?.Category);

    [Fact]
    public void Fish_uses_the_karyotype_bands_without_a_background_cut_off_and_is_marked()
    {
        // Table 3 patient 18: 3 % by FISH is partial unless the trial's cut-off is at least 3.
        var response = Assess(Fish(3), ClinicalSettings.PaperDefaults);

        Assert.Equal(CytogeneticCategory.Partial, response?.Category);
        Assert.True(response?.ByFish);
        Assert.False(Assess(Karyotype(3), ClinicalSettings.PaperDefaults)?.ByFish);
    }

    [Theory]
    [InlineData(2.9, CytogeneticCategory.Complete)]
    [InlineData(3.0, CytogeneticCategory.Complete)] // at the cut-off counts as complete
    [InlineData(3.1, CytogeneticCategory.Partial)]
    public void Fish_at_or_below_the_background_cut_off_is_complete(double ph, CytogeneticCategory expected)
    {
        var settings = ClinicalSettings.PaperDefaults with { FishBackgroundCutoffPercent = 3m };

        Assert.Equal(expected, Assess(Fish(ph), settings)?.Category);
        Assert.Equal(expected, Assess(Fish(ph), settings with { CriteriaSet = ClinicalSettings.Eln2013 })?.Category);
    }

    [Fact]
    public void The_background_cut_off_does_not_apply_to_a_karyotype()
    {
        var settings = ClinicalSettings.PaperDefaults with { FishBackgroundCutoffPercent = 3m };

        Assert.Equal(CytogeneticCategory.Partial, Assess(Karyotype(3), settings)?.Category);
    }

    [Fact]
    public void Table3_patient_20_34_percent_by_fish_is_partial() =>
        Assert.Equal(CytogeneticCategory.Partial, Assess(Fish(34), ClinicalSettings.PaperDefaults)?.Category);

    [Theory]
    [InlineData(-1)]
    [InlineData(100.1)]
    public void A_value_outside_0_to_100_is_not_evaluable(double ph) =>
        Assert.Null(Assess(Karyotype(ph), ClinicalSettings.PaperDefaults));

    [Fact]
    public void The_criteria_set_is_chosen_by_name_without_regard_to_case()
    {
        Assert.Equal(ClinicalSettings.Eln2013, CytogeneticCriteria.ForName("eln-2013").Name);
        Assert.Throws<ArgumentException>(() => CytogeneticCriteria.ForName("ELN-1999"));
    }

    [Theory]
    [InlineData(CytogeneticCategory.Complete, true)]
    [InlineData(CytogeneticCategory.Partial, true)]
    [InlineData(CytogeneticCategory.Minor, false)]
    [InlineData(CytogeneticCategory.Minimal, false)]
    [InlineData(CytogeneticCategory.None, false)]
    public void Major_is_complete_or_partial(CytogeneticCategory category, bool major) =>
        Assert.Equal(major, category.IsMajor());

    private static readonly ClinicalSettings Eln2013 = ClinicalSettings.PaperDefaults with { CriteriaSet = ClinicalSettings.Eln2013 };

    private static CytogeneticResponse? Assess(CytogeneticAssessment assessment, ClinicalSettings settings) =>
        CytogeneticCriteria.Assess(assessment, settings);

    private static CytogeneticAssessment Karyotype(double ph, int metaphases = 20) =>
        new(On, (decimal)ph, CytogeneticMethod.Karyotype, metaphases, ClonalEvolution: false);

    private static CytogeneticAssessment Fish(double ph) => new(On, (decimal)ph, CytogeneticMethod.Fish, 200, ClonalEvolution: false);
}
