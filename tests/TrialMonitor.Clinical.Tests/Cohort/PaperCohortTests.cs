using TrialMonitor.Clinical.Cohort;
using TrialMonitor.Clinical.Course;
using TrialMonitor.DemoCohort;

namespace TrialMonitor.Clinical.Tests.Cohort;

/// <summary>
/// The demo cohort computed by the rules gives the numbers Kantarjian et al. (Blood 2003;101:473)
/// print, except where DOMAIN.md says the paper contradicts its own criteria.
/// </summary>
public sealed class PaperCohortTests
{
    private static readonly CohortReport Report = CohortTables.Compute(Kantarjian2003.Courses, Kantarjian2003.Settings, today: new DateOnly(2026, 1, 1));

    [Fact]
    public void The_cohort_has_54_patients_with_distinct_subject_ids()
    {
        Assert.Equal(54, Kantarjian2003.Courses.Count);
        Assert.Equal(54, Kantarjian2003.Courses.Select(c => c.Baseline.SubjectId).Distinct().Count());
        Assert.Equal("KAN-18", Kantarjian2003.SubjectId(18));
    }

    /// <summary>
    /// The reconstruction has no clock, no randomness and parses invariantly, so every build on every machine
    /// gives the courses whose fingerprints were checked in with the numbers these tests compare with the paper.
    /// After an intended change to the reconstruction, rewrite the file and review its diff:
    ///   UPDATE_COURSE_FINGERPRINTS=1 dotnet test tests/TrialMonitor.Clinical.Tests --filter "FullyQualifiedName~PaperCohortTests"
    /// </summary>
    [Fact]
    public void The_reconstructed_courses_match_their_checked_in_fingerprints()
    {
        CourseFingerprint.AssertMatchesCheckedIn(Kantarjian2003.Courses, "paper-cohort-fingerprints.txt");
    }

    [Theory]
    [InlineData("Age, at least 60 y", "23 (43)")]
    [InlineData("Sex, female", "23 (43)")]
    [InlineData("Performance status, ECOG 0", "35 (65)")]
    [InlineData("Performance status, ECOG 1", "19 (35)")]
    // The paper prints 4 (8); 4 of 54 is 7.4 %, which rounds to 7.
    [InlineData("Splenomegaly, at least 10 cm bcm", "4 (7)")]
    [InlineData("Any hepatomegaly", "2 (4)")]
    [InlineData("Time from diagnosis to therapy, less than 12 months", "5 (9)")]
    [InlineData("Time from diagnosis to therapy, 12 to 35 months", "25 (46)")]
    [InlineData("Time from diagnosis to therapy, 36 months or longer", "24 (44)")]
    [InlineData("Hemoglobin level, less than 12 g/dL", "23 (43)")]
    [InlineData("WBC count, at least 10 x 10^9/L", "36 (67)")]
    [InlineData("Platelet count, at least 450 x 10^9/L", "20 (37)")]
    [InlineData("Peripheral blasts present", "20 (37)")]
    [InlineData("Marrow blasts, at least 5%", "8 (15)")]
    [InlineData("Peripheral basophils, at least 7%", "13 (24)")]
    [InlineData("Marrow basophils, at least 5%", "13 (24)")]
    [InlineData("Ph+ at start of therapy, 90% or lower", "2 (4)")]
    [InlineData("Ph+ at start of therapy, more than 90%", "52 (96)")]
    [InlineData("Clonal evolution present", "13 (24)")]
    [InlineData("Disease group at start of 400 mg, hematologic relapse", "5 (9)")]
    [InlineData("Disease group at start of 400 mg, hematologic resistance", "11 (20)")]
    [InlineData("Disease group at start of 400 mg, cytogenetic relapse", "1 (2)")]
    [InlineData("Disease group at start of 400 mg, cytogenetic resistance", "20 (37)")]
    [InlineData("Disease group at start of 400 mg, interferon intolerance", "17 (31)")]
    public void Table_1_row_is_as_printed(string characteristic, string expected)
    {
        var row = Report.Table1.Rows.Single(r => r.Characteristic == characteristic);
        Assert.Equal(54, row.Count.Of);
        Assert.Equal(expected, row.Count.Display);
    }

    [Fact]
    public void Table_1_has_every_row_the_paper_prints() => Assert.Equal(24, Report.Table1.Rows.Count);

    [Fact]
    public void Median_age_is_58_years_range_24_to_77()
    {
        Assert.Equal(54, Report.Table1.Patients);
        Assert.Equal(58m, Report.Table1.AgeYears!.Median);
        Assert.Equal("58 (24-77)", Report.Table1.AgeYears.Display);
        Assert.Equal(0, Report.Table1.Ecog2OrMore.Count);
    }

    [Fact]
    public void Median_time_from_diagnosis_to_therapy_is_32_months_range_5_to_131() =>
        Assert.Equal("32 (5-131)", Report.Table1.MonthsFromDiagnosisToTherapy!.Display);

    [Theory]
    //        row,                                        time on 400 mg, treated, CHR/PHR, CR,     PR,      minor
    [InlineData(Table2Row.LossOfCytogeneticCompleteOrPartialToAbove90, "19 (14-26)", 3, "NA", "0", "0", "1")]
    [InlineData(Table2Row.LossOfCytogeneticCompleteOrPartialTo35To90, "21 (12-27)", 6, "NA", "3", "2", "0")]
    // Paper: CR 1 + 1*, PR 0, minor 1 + 1*. Derived: patient 18 (3 % by FISH) and patient 20
    // (34 % by FISH) are partial by the paper's own bands.
    [InlineData(Table2Row.LossOfMinorTo100, "18 (15-25)", 4, "NA", "1", "2*", "1")]
    [InlineData(Table2Row.CytogeneticResistanceAbove90, "12 (12-23)", 14, "NA", "0", "1*", "2 + 1*")]
    // Paper: PR 4. Derived: patients 11 (90 -> 40 %) and 13 (75 -> 42 %) stay minor, no improvement.
    [InlineData(Table2Row.CytogeneticResistance35To90, "17 (12-25)", 7, "NA", "1", "2", "0")]
    [InlineData(Table2Row.HematologicRelapse, "12 (4-22)", 14, "6/4", "0", "0", "1")]
    [InlineData(Table2Row.HematologicResistance, "5 (2-14)", 6, "3/0", "0", "1", "0")]
    public void Table_2_row_is_as_derived(Table2Row row, string monthsOn400, int treated, string chrPhr, string complete, string partial, string minor)
    {
        var line = Report.Table2.For(row);
        Assert.Equal(monthsOn400, line.MonthsOnStandardDose!.Display);
        Assert.Equal(treated, line.PatientsTreated);
        Assert.Equal(chrPhr, line.HematologicDisplay);
        Assert.Equal(complete, line.Complete.Display);
        Assert.Equal(partial, line.Partial.Display);
        Assert.Equal(minor, line.Minor.Display);
    }

    [Fact]
    public void Table_2_any_cytogenetic_resistance_or_relapse_row()
    {
        // Paper: 17 (12-27), 34, CR 5 + 1*, PR 6 + 1*, minor 4 + 2*. Derived: patient 18 moves
        // from CR* to PR*, 20 from minor* to PR*, 11 and 13 drop out of PR.
        var any = Report.Table2.AnyCytogenetic;
        Assert.Equal("17 (12-27)", any.MonthsOnStandardDose!.Display);
        Assert.Equal(34, any.PatientsTreated);
        Assert.Equal("NA", any.HematologicDisplay);
        Assert.Equal("5", any.Complete.Display);
        Assert.Equal("4 + 3*", any.Partial.Display);
        Assert.Equal("4 + 1*", any.Minor.Display);
        Assert.Empty(Report.Table2.UnclassifiedSubjectIds);
    }

    [Fact]
    public void Text_hematologic_failures_13_of_20_respond_and_1_reaches_a_major_cytogenetic_response()
    {
        var lines = new[] { Report.Table2.For(Table2Row.HematologicRelapse), Report.Table2.For(Table2Row.HematologicResistance) };
        Assert.Equal(20, lines.Sum(l => l.PatientsTreated));
        Assert.Equal(9, lines.Sum(l => l.WithChr));
        Assert.Equal(4, lines.Sum(l => l.WithPhr));
        Assert.Equal(1, lines.Sum(l => l.Complete.Total + l.Partial.Total));
    }

    [Fact]
    public void Text_cytogenetic_failures_reach_12_major_responses_where_the_paper_counts_13()
    {
        // Paper: 13 (38 %), 6 complete and 7 partial, counting 11 and 13 as partial and 18 as complete.
        var any = Report.Table2.AnyCytogenetic;
        Assert.Equal(5, any.Complete.Total);
        Assert.Equal(7, any.Partial.Total);
        Assert.Equal(5, any.Minor.Total);
    }

    [Fact]
    public void Table_3_lists_the_improvements_in_the_papers_order()
    {
        // Patients 11 and 13 are no improvement; 18 and 20 are partial by FISH (DOMAIN: Discrepancies).
        string[] expected =
        [
            "KAN-01 50/55 0 CR/6+",
            "KAN-02 5/70 0 CR/6+",
            "KAN-03 40/100 0 CR/5+",
            "KAN-04 20/40 0 CR/2+",
            "KAN-05 0/55 0 CR/1+",
            "KAN-06 100/100† 10 PR/17",
            "KAN-07 0/55 10 PR/15",
            "KAN-08 50/85 15 PR/1+",
            "KAN-09 5/45 20 PR/3+",
            "KAN-10 90/90 25 PR/1+",
            "KAN-12 66/100 40 Minor/1+",
            "KAN-14 100/100 45 Minor/11",
            "KAN-15 100/100 45 Minor/1+",
            "KAN-16 100/100† 50 Minor/1+",
            "KAN-17 0/95 70 Minor/2",
            "KAN-18 45/100 3 (FISH) PR/11+",
            "KAN-19 100/100 27 (FISH) PR/1+",
            "KAN-20 85/100 34 (FISH) PR/1+",
            "KAN-21 100/100 55 (FISH) Minor/11+",
        ];
        Assert.Equal(expected, Report.Table3.Select(l => $"{l.SubjectId} {l.ConventionalDisplay} {l.LowestAfterIncreaseDisplay} {l.ResponseDisplay}"));
    }

    [Fact]
    public void Table_3_durations_without_plus_end_by_a_worse_result_or_discontinuation()
    {
        var ended = Report.Table3.Where(l => !l.Episode.Censored).Select(l => l.SubjectId);
        Assert.Equal(["KAN-06", "KAN-07", "KAN-14", "KAN-17"], ended);
    }

    [Fact]
    public void The_system_raises_exactly_the_discrepancies_DOMAIN_lists()
    {
        string[] expected =
        [
            "KAN-11 Partial -> Minor",
            "KAN-13 Partial -> Minor",
            "KAN-18 Complete -> Partial",
            "KAN-20 Minor -> Partial",
        ];
        Assert.Equal(expected, Report.Discrepancies.Select(d => $"{d.SubjectId} {d.Discrepancy.Reported} -> {d.Discrepancy.Derived}"));
        Assert.All(Report.Discrepancies, d => Assert.Equal(DiscrepancyKind.CytogeneticResponse, d.Discrepancy.Kind));
    }

    [Fact]
    public void Every_escalation_has_a_protocol_indication_except_the_two_the_paper_itself_escalated_without()
    {
        // Patient 4 rose from 20 to 40 % (30 points are needed for a relapse) after a major
        // response (so no resistance either); the hematologic resistance escalated after 2 months
        // (Table 2's range 2-14) had not had the 3 months hematologic resistance requires.
        var without = Kantarjian2003.Courses
            .Where(c => !PatientEvaluation.Evaluate(c, Kantarjian2003.Settings).ProtocolStatus.EscalationIndicated)
            .Select(c => c.Baseline.SubjectId);
        Assert.Equal(["KAN-04", "KAN-52"], without);
    }

    [Fact]
    public void Disposition_38_on_therapy_16_discontinued()
    {
        var d = Report.Disposition;
        Assert.Equal(38, d.OnTherapyInChronicPhase);
        Assert.Equal(0, d.OnTherapyAfterTransformation);
        Assert.Equal(16, d.Discontinued);
        Assert.Equal(8, d.DiscontinuedBy[DiscontinuationReason.HematologicResistance]);
        Assert.Equal(2, d.DiscontinuedBy[DiscontinuationReason.CytogeneticResistance]);
        Assert.Equal(3, d.DiscontinuedBy[DiscontinuationReason.TransformationToAcceleratedPhase]);
        Assert.Equal(2, d.DiscontinuedBy[DiscontinuationReason.TransformationToBlasticPhase]);
        Assert.Equal(1, d.DiscontinuedBy[DiscontinuationReason.Death]);
    }

    [Fact]
    public void Eleven_deaths_10_after_discontinuation_and_1_on_imatinib()
    {
        var d = Report.Disposition;
        Assert.Equal(11, d.Died);
        Assert.Equal(10, d.DiedAfterDiscontinuation);
        Assert.Equal(1, d.DiedOnTherapy);
        Assert.Equal(2, d.DiedOf[CauseOfDeath.Infection]);
        Assert.Equal(2, d.DiedOf[CauseOfDeath.CardiacFailure]);
        Assert.Equal(4, d.DiedOf[CauseOfDeath.BlasticPhase]);
        Assert.Equal(1, d.DiedOf[CauseOfDeath.Bleeding]);
        Assert.Equal(2, d.DiedOf[CauseOfDeath.Other]);
    }

    [Fact]
    public void Twenty_two_dose_reductions_13_for_pancytopenia()
    {
        var r = Report.DoseReductions;
        Assert.Equal(22, r.Patients);
        Assert.Equal(22, r.Reductions);
        Assert.Equal(13, r.PatientsForPancytopenia);
        Assert.Equal(9, r.PatientsForOtherToxicity);
        Assert.Equal(["BONE ACHES", "DIZZINESS", "EDEMA", "FATIGUE", "GASTROINTESTINAL", "SKIN RASH"], r.OtherToxicityTerms.Keys);
    }

    [Fact]
    public void Forty_seven_patients_took_800_mg_and_7_took_600_mg()
    {
        var escalations = Kantarjian2003.Courses.Select(c => c.Doses.Single(d => d.Action == DoseAction.Escalated).DailyDoseMg).ToList();
        Assert.Equal(47, escalations.Count(mg => mg == 800));
        Assert.Equal(7, escalations.Count(mg => mg == 600));
    }

    [Fact]
    public void Median_dose_at_3_and_6_months_is_800_mg_over_47_and_41_patients()
    {
        Assert.Equal(new DoseAfterEscalation(3, 47, 800m), Report.DoseAt3Months);
        Assert.Equal(new DoseAfterEscalation(6, 41, 800m), Report.DoseAt6Months);
    }

    [Fact]
    public void Median_follow_up_is_longer_than_8_months_range_1_to_26_plus()
    {
        Assert.InRange(Report.FollowUp.MonthsAfterEscalation!.Median, 8.01m, 8.99m);
        Assert.Equal("8 (1-26+)", Report.FollowUp.Display);
    }

    [Fact]
    public void Median_time_on_standard_dose_is_13_months()
    {
        // The text says 13 (3-27); Table 2's hematologic resistance row starts at 2 months.
        Assert.Equal("13 (2-27)", Report.MonthsOnStandardDose!.Display);
    }

    [Fact]
    public void Every_course_ends_by_the_data_cutoff_and_starts_after_the_phase_2_trials_opened()
    {
        var cutoff = Kantarjian2003.Settings.DataCutoffOn!.Value;
        Assert.All(Kantarjian2003.Courses, c =>
        {
            Assert.True(c.LastContactOn <= cutoff);
            Assert.True(c.Doses.Min(d => d.EffectiveOn) >= new DateOnly(1999, 12, 1));
        });
    }
}
