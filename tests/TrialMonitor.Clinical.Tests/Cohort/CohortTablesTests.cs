using TrialMonitor.Clinical.Cohort;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Clinical.Tests.Cohort;

/// <summary>The table logic on cohorts of a few hand-made patients, with assessments given rather than derived.</summary>
public sealed class CohortTablesTests
{
    private static readonly DateOnly Start = new(2000, 1, 3);
    private static readonly DateOnly Escalated = Start.AddDays(400);
    private static readonly ClinicalSettings NoCutoff = ClinicalSettings.PaperDefaults;

    // Read by the molecular response alone, which these tests do not look at.
    private static readonly DateOnly Today = new(2003, 1, 1);

    [Theory]
    [InlineData(4, 54, 7)]
    [InlineData(17, 54, 31)]
    [InlineData(1, 8, 13)]
    [InlineData(0, 0, 0)]
    public void Percent_is_rounded_half_away_from_zero(int count, int of, int percent) =>
        Assert.Equal(percent, new PatientCount(count, of).Percent);

    [Fact]
    public void Median_of_an_even_count_is_the_mean_of_the_middle_two_and_prints_whole_units_rounded_down()
    {
        var summary = MedianRange.Of([12.9m, 2.5m, 14.2m, 13.6m])!;
        Assert.Equal(13.25m, summary.Median);
        Assert.Equal("13 (2-14)", summary.Display);
        Assert.Null(MedianRange.Of([]));
    }

    [Fact]
    public void Table_1_reads_the_last_values_on_or_before_the_start_of_imatinib()
    {
        var course = Course("A",
        [
            Count(Start.AddDays(-30), wbc: 5m),
            Count(Start, wbc: 25m),
            Count(Start.AddDays(60), wbc: 4m),
        ]);
        var table1 = CohortTables.Compute([Patient(course)], NoCutoff, Today).Table1;

        Assert.Equal(new PatientCount(1, 1), table1.WbcAtLeast10);
    }

    [Fact]
    public void Table_1_leaves_a_patient_without_a_baseline_value_out_of_the_denominator()
    {
        var withCounts = Course("A", [Count(Start.AddDays(-7), wbc: 25m)]);
        var without = Course("B");
        var table1 = CohortTables.Compute([Patient(withCounts), Patient(without)], NoCutoff, Today).Table1;

        Assert.Equal(new PatientCount(1, 1), table1.WbcAtLeast10);
        Assert.Equal(new PatientCount(0, 2), table1.Female);
    }

    [Fact]
    public void Table_1_months_from_diagnosis_run_to_the_start_of_imatinib()
    {
        var course = Course("A") with { Baseline = Course("A").Baseline with { DiagnosedOn = Start.AddDays(-366) } };
        var table1 = CohortTables.Compute([Patient(course)], NoCutoff, Today).Table1;

        Assert.Equal("12 (12-12)", table1.MonthsFromDiagnosisToTherapy!.Display);
        Assert.Equal(1, table1.DiagnosisToTherapy12To35Months.Count);
    }

    [Fact]
    public void Table_2_counts_improvements_by_category_with_FISH_apart()
    {
        var patients = new[]
        {
            Patient(Course("A"), Table2Row.CytogeneticResistanceAbove90, Episode(CytogeneticCategory.Partial, byFish: false)),
            Patient(Course("B"), Table2Row.CytogeneticResistanceAbove90, Episode(CytogeneticCategory.Partial, byFish: true)),
            Patient(Course("C"), Table2Row.CytogeneticResistanceAbove90, Episode(CytogeneticCategory.Minor, byFish: true)),
            Patient(Course("D"), Table2Row.CytogeneticResistanceAbove90),
            Patient(Course("E"), Table2Row.LossOfMinorTo100, Episode(CytogeneticCategory.Complete, byFish: false)),
        };
        var table2 = CohortTables.Compute(patients, NoCutoff, Today).Table2;

        var line = table2.For(Table2Row.CytogeneticResistanceAbove90);
        Assert.Equal(4, line.PatientsTreated);
        Assert.Equal("0", line.Complete.Display);
        Assert.Equal("1 + 1*", line.Partial.Display);
        Assert.Equal("1*", line.Minor.Display);
        Assert.Equal("NA", line.HematologicDisplay);
        Assert.Equal(5, table2.AnyCytogenetic.PatientsTreated);
        Assert.Equal("1", table2.AnyCytogenetic.Complete.Display);
        Assert.Equal(0, table2.For(Table2Row.HematologicRelapse).PatientsTreated);
        Assert.Null(table2.For(Table2Row.HematologicRelapse).MonthsOnStandardDose);
    }

    [Fact]
    public void Table_2_hematologic_rows_count_the_best_response_after_escalation()
    {
        var patients = new[]
        {
            Patient(Course("A"), Table2Row.HematologicRelapse, bestHematologic: HematologicCategory.Complete),
            Patient(Course("B"), Table2Row.HematologicRelapse, bestHematologic: HematologicCategory.Partial),
            Patient(Course("C"), Table2Row.HematologicRelapse, bestHematologic: HematologicCategory.None),
            Patient(Course("D"), Table2Row.HematologicRelapse, bestHematologic: null),
        };
        var line = CohortTables.Compute(patients, NoCutoff, Today).Table2.For(Table2Row.HematologicRelapse);

        Assert.Equal("1/1", line.HematologicDisplay);
        Assert.Equal(4, line.PatientsTreated);
    }

    [Fact]
    public void Table_2_time_on_400_mg_runs_from_the_start_of_standard_dose_to_escalation()
    {
        var line = CohortTables.Compute([Patient(Course("A"), Table2Row.HematologicResistance)], NoCutoff, Today)
            .Table2.For(Table2Row.HematologicResistance);

        Assert.Equal(400m / 30.4375m, line.MonthsOnStandardDose!.Median);
        Assert.Equal("13 (13-13)", line.MonthsOnStandardDose.Display);
    }

    [Fact]
    public void Table_2_names_escalated_patients_without_a_row_and_leaves_out_those_not_escalated()
    {
        var notEscalated = new CohortPatient(Course("B"), Assessment(escalatedOn: null));
        var table2 = CohortTables.Compute([Patient(Course("A"), row: null), notEscalated], NoCutoff, Today).Table2;

        Assert.Equal(["A"], table2.UnclassifiedSubjectIds);
        Assert.Equal(0, table2.Lines.Sum(l => l.Row is null ? 0 : l.PatientsTreated));
    }

    [Fact]
    public void Table_3_orders_karyotype_before_FISH_then_category_then_lowest_then_longer_first()
    {
        var patients = new[]
        {
            Patient(Course("F1"), Table2Row.CytogeneticResistanceAbove90, Episode(CytogeneticCategory.Complete, byFish: true, lowest: 0m)),
            Patient(Course("M1"), Table2Row.CytogeneticResistanceAbove90, Episode(CytogeneticCategory.Minor, byFish: false, lowest: 40m)),
            Patient(Course("P2"), Table2Row.CytogeneticResistanceAbove90, Episode(CytogeneticCategory.Partial, byFish: false, lowest: 20m)),
            Patient(Course("P1"), Table2Row.HematologicResistance, Episode(CytogeneticCategory.Partial, byFish: false, lowest: 10m, days: 100)),
            Patient(Course("P0"), Table2Row.CytogeneticResistanceAbove90, Episode(CytogeneticCategory.Partial, byFish: false, lowest: 10m, days: 300)),
            Patient(Course("C1"), Table2Row.CytogeneticResistanceAbove90, Episode(CytogeneticCategory.Complete, byFish: false, lowest: 0m)),
            Patient(Course("X"), Table2Row.CytogeneticResistanceAbove90),
        };
        var table3 = CohortTables.Compute(patients, NoCutoff, Today).Table3;

        Assert.Equal(["C1", "P0", "P1", "P2", "M1", "F1"], table3.Select(l => l.SubjectId));
        Assert.Equal("100/100†", table3[2].ConventionalDisplay);
        Assert.Equal("0 (FISH)", table3[5].LowestAfterIncreaseDisplay);
        Assert.Equal("PR/9+", table3[1].ResponseDisplay);
    }

    [Fact]
    public void A_death_without_a_recorded_discontinuation_is_a_death_on_therapy()
    {
        var died = Course("A", [new Death(Escalated.AddDays(30), CauseOfDeath.Infection)]);
        var diedAfter = Course("B",
        [
            new Discontinuation(Escalated.AddDays(30), DiscontinuationReason.HematologicResistance),
            new Death(Escalated.AddDays(90), CauseOfDeath.BlasticPhase),
        ]);
        var transformed = Course("C", [new Transformation(Escalated.AddDays(60), DiseasePhase.Accelerated)]);
        var onTherapy = Course("D");
        var d = CohortTables.Compute([Patient(died), Patient(diedAfter), Patient(transformed), Patient(onTherapy)], NoCutoff, Today).Disposition;

        Assert.Equal(1, d.OnTherapyInChronicPhase);
        Assert.Equal(1, d.OnTherapyAfterTransformation);
        Assert.Equal(2, d.Discontinued);
        Assert.Equal(1, d.DiscontinuedBy[DiscontinuationReason.Death]);
        Assert.Equal(1, d.DiscontinuedBy[DiscontinuationReason.HematologicResistance]);
        Assert.Equal((2, 1, 1), (d.Died, d.DiedOnTherapy, d.DiedAfterDiscontinuation));
    }

    [Fact]
    public void Events_after_the_data_cutoff_are_not_read()
    {
        var cutoff = Escalated.AddDays(100);
        var course = Course("A", [new Discontinuation(cutoff.AddDays(1), DiscontinuationReason.CytogeneticResistance)], lastContactOn: cutoff.AddDays(10));
        var report = CohortTables.Compute([Patient(course)], NoCutoff with { DataCutoffOn = cutoff }, Today);

        Assert.Equal(1, report.Disposition.OnTherapyInChronicPhase);
        Assert.Equal(cutoff, report.AsOf);
    }

    [Fact]
    public void Only_reductions_after_escalation_count_each_patient_once_under_the_first_reason()
    {
        var reducedBefore = Course("A", [new DoseChange(Start.AddDays(60), DoseAction.Reduced, 300, "daily", "PANCYTOPENIA")]);
        var reducedTwice = Course("B",
        [
            new DoseChange(Escalated.AddDays(30), DoseAction.Reduced, 600, "daily", "fatigue"),
            new DoseChange(Escalated.AddDays(60), DoseAction.Reduced, 400, "daily", "PANCYTOPENIA"),
        ]);
        var pancytopenia = Course("C", [new DoseChange(Escalated.AddDays(20), DoseAction.Reduced, 600, "daily", "PANCYTOPENIA")]);
        var r = CohortTables.Compute([Patient(reducedBefore), Patient(reducedTwice), Patient(pancytopenia)], NoCutoff, Today).DoseReductions;

        Assert.Equal((2, 3, 1, 1), (r.Patients, r.Reductions, r.PatientsForPancytopenia, r.PatientsForOtherToxicity));
        Assert.Equal(1, r.OtherToxicityTerms["FATIGUE"]);
    }

    [Fact]
    public void Dose_at_3_months_is_the_median_over_patients_on_therapy_and_followed_that_day()
    {
        var day = Escalated.AddDays(92);
        var on800 = Course("A", lastContactOn: day);
        var reduced = Course("B", [new DoseChange(Escalated.AddDays(10), DoseAction.Reduced, 600, "daily", "PANCYTOPENIA")], day.AddDays(30));
        var alsoOn800 = Course("C", lastContactOn: day.AddDays(30));
        var lostToFollowUp = Course("D", lastContactOn: day.AddDays(-1));
        var discontinued = Course("E", [new Discontinuation(day, DiscontinuationReason.HematologicResistance)], day.AddDays(30));
        var dose = CohortTables.Compute([Patient(on800), Patient(reduced), Patient(alsoOn800), Patient(lostToFollowUp), Patient(discontinued)], NoCutoff, Today).DoseAt3Months;

        Assert.Equal(new DoseAfterEscalation(3, 3, 800m), dose);
    }

    [Fact]
    public void Follow_up_runs_from_escalation_to_death_or_last_contact_with_plus_when_the_longest_is_alive()
    {
        var alive = Course("A", lastContactOn: Escalated.AddDays(800));
        var dead = Course("B", [new Death(Escalated.AddDays(40), CauseOfDeath.Other)], Escalated.AddDays(40));
        var followUp = CohortTables.Compute([Patient(alive), Patient(dead)], NoCutoff, Today).FollowUp;

        Assert.Equal("13 (1-26+)", followUp.Display);
    }

    /// <summary>Standard dose from Start, escalated on Escalated, followed until 200 days after it unless said otherwise.</summary>
    private static PatientCourse Course(string subjectId, IReadOnlyList<IClinicalEntry>? more = null, DateOnly? lastContactOn = null) => PatientCourse.From(
        new Baseline(subjectId, "SITE", 50, Sex.Male, Start.AddDays(-700), 0, 0m, false, false, DiseaseGroup.CytogeneticResistance),
        [
            new DoseChange(Start, DoseAction.Started, 400, "daily", null),
            new DoseChange(Escalated, DoseAction.Escalated, 800, "twice daily", null),
            .. more ?? [],
            new FollowUpContact(lastContactOn ?? Escalated.AddDays(200)),
        ]);

    private static BloodCount Count(DateOnly on, decimal wbc) => new(on, wbc, 3m, 250m, 13m, 0m, 1m, 0m, null);

    private static CohortPatient Patient(
        PatientCourse course,
        Table2Row? row = Table2Row.CytogeneticResistanceAbove90,
        ImprovementEpisode? improvement = null,
        HematologicCategory? bestHematologic = HematologicCategory.Complete) =>
        new(course, Assessment(Escalated, row, improvement, bestHematologic));

    private static PatientAssessment Assessment(
        DateOnly? escalatedOn,
        Table2Row? row = null,
        ImprovementEpisode? improvement = null,
        HematologicCategory? bestHematologic = null) => new(
        800,
        Start,
        escalatedOn,
        null,
        null,
        null,
        new ProtocolStatus([], null),
        row,
        bestHematologic,
        improvement,
        [],
        []);

    private static ImprovementEpisode Episode(CytogeneticCategory category, bool byFish, decimal lowest = 30m, int days = 290)
    {
        var pre = new CytogeneticResponse(Escalated.AddDays(-7), 100m, CytogeneticCategory.None, false);
        var start = Escalated.AddDays(90);
        var after = new CytogeneticResponse(start, lowest, category, byFish);
        return new ImprovementEpisode(pre, pre, after, category, byFish, start, start.AddDays(days), Censored: true, days);
    }
}
