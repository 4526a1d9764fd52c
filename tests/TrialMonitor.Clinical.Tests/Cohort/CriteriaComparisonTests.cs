using System.Globalization;
using TrialMonitor.Clinical.Cohort;
using TrialMonitor.Clinical.Course;
using TrialMonitor.Clinical.Tests.Course;

namespace TrialMonitor.Clinical.Tests.Cohort;

/// <summary>
/// The same courses under MDACC-2003 and ELN-2013 side by side. The bands (DOMAIN.md): MDACC partial
/// &gt; 0 and &lt; 35, minor 35–90, none &gt; 90; ELN-2013 partial 1–35, minor 36–65, minimal 66–95, none
/// &gt; 95, a karyotype evaluable with at least 20 metaphases.
/// </summary>
public sealed class CriteriaComparisonTests
{
    private const string Mdacc = ClinicalSettings.Mdacc2003;
    private const string Eln = ClinicalSettings.Eln2013;

    [Fact]
    public void A_35_percent_result_is_minor_under_MDACC_so_no_major_response_after_12_months_and_partial_under_ELN_2013()
    {
        var course = CourseBuilder.OnStandardDose().InChr(1, 6, 12).Karyotype(6, 100).Karyotype(12, 35).Build();

        var patient = Assert.Single(Compare([course], Mdacc, Eln));

        Assert.Equal("P-001", patient.SubjectId);
        Assert.Equal(
            [
                "cytogenetic.2001-06-01: Minor | Partial",
                "protocolStatus: CytogeneticResistance | -",
                "protocolStatus.indicatedOn: 2001-06-01 | -",
            ],
            Lines(patient));
    }

    [Fact]
    public void A_lowest_35_percent_before_escalation_is_a_lost_partial_response_under_ELN_2013_and_resistance_under_MDACC()
    {
        var course = CourseBuilder.OnStandardDose().InChr(1, 6, 12).Karyotype(6, 35).Karyotype(12, 40).Escalate(12).Build();

        var differences = Lines(Assert.Single(Compare([course], Mdacc, Eln)));

        Assert.Equal(
            [
                "cytogenetic.2000-12-01: Minor | Partial",
                // 40 % at month 12 is minor under both: no line for it. MDACC: no major response after 12 months.
                "protocolStatus: CytogeneticResistance | -",
                "protocolStatus.indicatedOn: 2001-06-01 | -",
                "table2.row: CytogeneticResistance35To90 | LossOfCytogeneticCompleteOrPartialTo35To90",
            ],
            differences);
    }

    [Fact]
    public void A_95_percent_result_is_none_under_MDACC_and_minimal_under_ELN_2013_so_70_percent_after_escalation_improves_only_under_MDACC()
    {
        var course = CourseBuilder.OnStandardDose().InChr(1, 12, 15).Karyotype(6, 100).Karyotype(12, 95).Escalate(12).Karyotype(15, 70).Build();

        var patient = Assert.Single(Compare([course], Mdacc, Eln));

        Assert.Equal(
            [
                "cytogenetic.2001-06-01: None | Minimal",
                "cytogenetic.2001-09-01: Minor | Minimal",
                "table3.improvedCategory: Minor | -",
                "table3.byFish: False | -",
                "table3.start: 2001-09-01 | -",
                "table3.end: 2001-09-01 | -",
                "table3.censored: True | -",
            ],
            Lines(patient));
    }

    [Fact]
    public void The_values_follow_the_order_the_sets_are_given_in()
    {
        var course = CourseBuilder.OnStandardDose().InChr(1).Karyotype(6, 80).Build();

        var patient = Assert.Single(Compare([course], Eln, Mdacc));

        var difference = Assert.Single(patient.Differences);
        Assert.Equal("cytogenetic.2000-12-01", difference.Field);
        Assert.Equal([new CriteriaSetValue(Eln, CytogeneticCategory.Minimal), new CriteriaSetValue(Mdacc, CytogeneticCategory.Minor)], difference.Values);
    }

    [Fact]
    public void A_karyotype_on_fewer_than_20_metaphases_is_not_evaluable_under_ELN_2013_and_a_FISH_result_is_named_apart()
    {
        var course = CourseBuilder.OnStandardDose().InChr(1).Karyotype(6, 100, metaphases: 15).Fish(6, 92).Build();

        var patient = Assert.Single(Compare([course], Mdacc, Eln));

        Assert.Equal(["cytogenetic.2000-12-01: None | -", "cytogenetic.2000-12-01.fish: None | Minimal"], Lines(patient));
    }

    [Fact]
    public void Patients_the_sets_agree_on_are_left_out_and_the_others_come_in_subject_order()
    {
        var agreed = Subject(CourseBuilder.OnStandardDose().InChr(1).Karyotype(6, 50).Karyotype(9, 100).Build(), "P-001");
        var second = Subject(CourseBuilder.OnStandardDose().InChr(1).Karyotype(6, 35).Build(), "P-003");
        var first = Subject(CourseBuilder.OnStandardDose().InChr(1).Karyotype(6, 90).Build(), "P-002");

        var patients = Compare([agreed, second, first], Mdacc, Eln);

        Assert.Equal(["P-002", "P-003"], patients.Select(p => p.SubjectId));
    }

    [Fact]
    public void Nothing_after_the_data_cut_off_is_compared()
    {
        var course = CourseBuilder.OnStandardDose().InChr(1).Karyotype(6, 100).Karyotype(9, 80).Build();
        var cutBefore9Months = ClinicalSettings.PaperDefaults with { DataCutoffOn = CourseBuilder.Month(8) };

        Assert.Empty(Compare([course], cutBefore9Months, Mdacc, Eln));
        Assert.Single(Compare([course], ClinicalSettings.PaperDefaults, Mdacc, Eln));
    }

    [Fact]
    public void A_comparison_needs_two_different_sets_and_the_same_patients_under_each()
    {
        var course = CourseBuilder.OnStandardDose().InChr(1).Karyotype(6, 80).Build();
        var other = Subject(course, "P-002");
        var mdacc = ClinicalSettings.PaperDefaults;
        var eln = mdacc with { CriteriaSet = Eln };

        Assert.Throws<ArgumentException>(() => Compare([course], Mdacc));
        Assert.Throws<ArgumentException>(() => Compare([course], Mdacc, Mdacc));
        Assert.Throws<ArgumentException>(() => CriteriaComparison.Compare(
            [new CriteriaSetCohort(mdacc, [CohortPatient.Evaluate(course, mdacc)]), new CriteriaSetCohort(eln, [CohortPatient.Evaluate(other, eln)])]));
    }

    internal static IReadOnlyList<PatientDifferences> Compare(IReadOnlyList<PatientCourse> courses, params string[] criteriaSets) =>
        Compare(courses, ClinicalSettings.PaperDefaults, criteriaSets);

    /// <summary>Each course evaluated under the trial's settings with each set, as the API does.</summary>
    internal static IReadOnlyList<PatientDifferences> Compare(IReadOnlyList<PatientCourse> courses, ClinicalSettings trial, params string[] criteriaSets) =>
        CriteriaComparison.Compare(
        [
            .. criteriaSets
                .Select(set => trial with { CriteriaSet = set })
                .Select(settings => new CriteriaSetCohort(settings, [.. courses.Select(c => CohortPatient.Evaluate(c, settings))])),
        ]);

    /// <summary>"field: value | value" in set order; "-" for null, indications joined by "+", ISO dates.</summary>
    internal static List<string> Lines(PatientDifferences patient) =>
        [.. patient.Differences.Select(d => $"{d.Field}: {string.Join(" | ", d.Values.Select(v => Text(v.Value)))}")];

    private static string Text(object? value) => value switch
    {
        null => "-",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IEnumerable<EscalationIndication> indications => string.Join("+", indications),
        _ => value.ToString()!,
    };

    private static PatientCourse Subject(PatientCourse course, string subjectId) =>
        course with { Baseline = course.Baseline with { SubjectId = subjectId } };
}
