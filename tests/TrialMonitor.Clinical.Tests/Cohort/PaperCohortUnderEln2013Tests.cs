using TrialMonitor.Clinical.Cohort;
using TrialMonitor.Clinical.Course;
using TrialMonitor.DemoCohort;

namespace TrialMonitor.Clinical.Tests.Cohort;

/// <summary>
/// The paper's cohort (MDACC-2003) evaluated under ELN-2013 as well. Read by hand off Tables 2 and 3:
/// the bands disagree on a Ph+ of 35 % (none in the paper) and on 66–95 % (MDACC minor up to 90,
/// none above; ELN-2013 minimal). No row of Table 2 moves (its splits at 90 % and 100 % are the
/// paper's, and no one reaches a major response by a 35 %); Table 3 changes for four patients:
/// 11 (90/90 → 40) and 13 (75/75 → 42) start from a minimal response under ELN-2013 and so improve
/// to minor; 17 (0/95 → 70) goes from minimal to minimal and no longer improves; 14's minor response
/// (45 % from 3 months) ends at the 70 % of month 12, minimal, instead of the 95 % of month 14.5.
/// Dates are the reconstruction's (README): escalation at the data cut-off 2002-07-31 less the
/// follow-up and a week, results the listed months of 30.4375 days (rounded up) after it.
/// </summary>
public sealed class PaperCohortUnderEln2013Tests
{
    private static readonly ClinicalSettings Eln2013 = Kantarjian2003.Settings with { CriteriaSet = ClinicalSettings.Eln2013 };

    private static readonly IReadOnlyList<PatientDifferences> Differences =
        CriteriaComparisonTests.Compare(Kantarjian2003.Courses, Kantarjian2003.Settings, ClinicalSettings.Mdacc2003, ClinicalSettings.Eln2013);

    [Fact]
    public void Beyond_the_categories_of_single_results_the_sets_disagree_on_the_Table_3_lines_of_patients_11_13_14_and_17()
    {
        var beyondResults = Differences
            .SelectMany(p => CriteriaComparisonTests.Lines(p).Where(l => !l.StartsWith("cytogenetic.", StringComparison.Ordinal)).Select(l => $"{p.SubjectId} {l}"));

        Assert.Equal(
            [
                // Escalated 2001-09-22; 40 % at 3 months (2001-12-23), 45 and 40 % after, the last at 9.5 months (2002-07-09).
                "KAN-11 table3.improvedCategory: - | Minor",
                "KAN-11 table3.byFish: - | False",
                "KAN-11 table3.start: - | 2001-12-23",
                "KAN-11 table3.end: - | 2002-07-09",
                "KAN-11 table3.censored: - | True",
                // Escalated 2001-11-04; 42 % at 3 months (2002-02-04), the last result at 8.5 months (2002-07-21).
                "KAN-13 table3.improvedCategory: - | Minor",
                "KAN-13 table3.byFish: - | False",
                "KAN-13 table3.start: - | 2002-02-04",
                "KAN-13 table3.end: - | 2002-07-21",
                "KAN-13 table3.censored: - | True",
                // Escalated 2001-03-24; 70 % at 12 months (2002-03-25), 95 % and off for resistance at 14.5 months (2002-06-09).
                "KAN-14 table3.end: 2002-06-09 | 2002-03-25",
                // Escalated 2002-03-09; 70 % at 1 month (2002-04-09), 95 % and off for resistance at 3.5 months (2002-06-24).
                "KAN-17 table3.improvedCategory: Minor | -",
                "KAN-17 table3.byFish: False | -",
                "KAN-17 table3.start: 2002-04-09 | -",
                "KAN-17 table3.end: 2002-06-24 | -",
                "KAN-17 table3.censored: False | -",
            ],
            beyondResults);
    }

    [Fact]
    public void A_95_percent_result_is_none_under_MDACC_and_minimal_under_ELN_2013_and_70_percent_minor_and_minimal()
    {
        var patient17 = CriteriaComparisonTests.Lines(Differences.Single(p => p.SubjectId == "KAN-17"));
        var patient14 = CriteriaComparisonTests.Lines(Differences.Single(p => p.SubjectId == "KAN-14"));

        // Patient 17's pre-increase 95 % two days before the escalation, then 70 % and 95 %.
        Assert.Contains("cytogenetic.2002-03-07: None | Minimal", patient17);
        Assert.Contains("cytogenetic.2002-04-09: Minor | Minimal", patient17);
        Assert.Contains("cytogenetic.2002-06-24: None | Minimal", patient17);
        Assert.Contains("cytogenetic.2002-03-25: Minor | Minimal", patient14);
        Assert.Contains("cytogenetic.2002-06-09: None | Minimal", patient14);
        // 45 % at 3 months is minor under both.
        Assert.DoesNotContain(patient14, l => l.StartsWith("cytogenetic.2001-06-24", StringComparison.Ordinal));
    }

    [Fact]
    public void Patients_with_only_100_percent_and_results_of_65_percent_or_less_are_left_out()
    {
        // 15: 100/100 then 100, 45, 60; 16: 100/100 then 100, 50, 55; 19: 100/100 then 60, 27, 30 % by FISH;
        // 21: 100/100 then 55-60 % by FISH; 25: 100 % throughout.
        Assert.DoesNotContain(Differences, p => p.SubjectId is "KAN-15" or "KAN-16" or "KAN-19" or "KAN-21" or "KAN-25");
    }

    [Fact]
    public void Under_ELN_2013_Table_3_has_20_lines_and_Table_2_moves_17s_minor_response_out_and_11s_and_13s_in()
    {
        var report = CohortTables.Compute(Kantarjian2003.Courses, Eln2013, Kantarjian2003.Settings.DataCutoffOn!.Value);

        Assert.Equal(ClinicalSettings.Eln2013, report.CriteriaSet);
        Assert.Equal(
            ["KAN-01", "KAN-02", "KAN-03", "KAN-04", "KAN-05", "KAN-06", "KAN-07", "KAN-08", "KAN-09", "KAN-10",
             "KAN-11", "KAN-12", "KAN-13", "KAN-14", "KAN-15", "KAN-16", "KAN-18", "KAN-19", "KAN-20", "KAN-21"],
            report.Table3.Select(l => l.SubjectId).Order(StringComparer.Ordinal));
        // Durations as printed for 11 (PR/6+) and 13 (PR/5+), now minor; 14 ends at 9 months instead of the paper's 11.
        Assert.Equal(
            ["KAN-11 Minor/6+", "KAN-13 Minor/5+", "KAN-14 Minor/9"],
            report.Table3.Where(l => l.SubjectId is "KAN-11" or "KAN-13" or "KAN-14").Select(l => $"{l.SubjectId} {l.ResponseDisplay}").Order(StringComparer.Ordinal));

        var resistance35To90 = report.Table2.For(Table2Row.CytogeneticResistance35To90);
        Assert.Equal(("1", "2", "2"), (resistance35To90.Complete.Display, resistance35To90.Partial.Display, resistance35To90.Minor.Display));
        Assert.Equal("0", report.Table2.For(Table2Row.LossOfCytogeneticCompleteOrPartialToAbove90).Minor.Display);
        Assert.Equal(7, resistance35To90.PatientsTreated);
    }
}
