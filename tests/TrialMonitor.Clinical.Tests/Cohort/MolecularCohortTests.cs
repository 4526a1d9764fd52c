using TrialMonitor.Clinical.Cohort;
using TrialMonitor.Clinical.Molecular;
using static TrialMonitor.Clinical.Molecular.MilestoneAssessment;

namespace TrialMonitor.Clinical.Tests.Cohort;

/// <summary>
/// The cohort's molecular counts over patients' responses written out by hand (not evaluated from courses), so
/// each expectation is a hand count under the rules <see cref="MolecularCohort"/> documents. Day 0 is 2024-01-01
/// unless said otherwise: day 365 is 2024-12-31.
/// </summary>
public sealed class MolecularCohortTests
{
    private static readonly DateOnly DayZero = new(2024, 1, 1);
    private static readonly DateOnly LongAfter = new(2027, 1, 1);

    private static DateOnly On(string date) => DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

    private static SubjectMolecularResponse Patient(string subject, DateOnly? startedOn = null, string? mmrOn = null,
        MilestoneAssessment[]? milestones = null, bool overdue = false, params (string On, MolecularLevel Level)[] results) =>
        new(subject, new MolecularResponse(
            startedOn,
            [.. results.Select(r => new MolecularResult(On(r.On), 1m, 50_000, r.Level))],
            [.. Eln2020Milestones.Months.Select((month, i) => new MolecularMilestone(month, null, milestones?[i] ?? Pending, null, null, null))],
            null,
            mmrOn is null ? null : On(mmrOn),
            null,
            overdue));

    [Fact]
    public void Each_milestone_counts_every_patient_under_its_verdict()
    {
        var cohort = MolecularCohort.Compute(
        [
            Patient("A", DayZero, milestones: [Optimal, Warning, Failure]),
            Patient("B", DayZero, milestones: [Failure, NotAssessed, Pending]),
            Patient("C", DayZero, milestones: [Optimal, Optimal, Warning]),
            Patient("D"), // no day 0: pending, as its own response says
        ], LongAfter);

        Assert.Equal(
        [
            new MilestoneCounts(3, Optimal: 2, Warning: 0, Failure: 1, Pending: 1, NotAssessed: 0),
            new MilestoneCounts(6, Optimal: 1, Warning: 1, Failure: 0, Pending: 1, NotAssessed: 1),
            new MilestoneCounts(12, Optimal: 0, Warning: 1, Failure: 1, Pending: 2, NotAssessed: 0),
        ], cohort.Milestones);
    }

    [Fact]
    public void Mmr_by_12_months_counts_mmr_on_or_before_day_365_among_the_patients_who_can_be_judged()
    {
        var patients = new[]
        {
            Patient("A", DayZero, mmrOn: "2024-12-31"), // day 365: reached
            Patient("B", DayZero, mmrOn: "2025-01-01"), // day 366: not reached, known on day 365 or later: evaluable
            Patient("C", DayZero), // never: evaluable once known on day 365
            Patient("D", On("2024-06-01"), mmrOn: "2024-09-01"), // reached on day 92, whenever known
            Patient("E", mmrOn: "2024-03-01"), // no day 0: left out
        };

        // Known on 2024-12-30 (day 364 for B and C, without A, whose MMR is not known yet then): only D can be judged.
        Assert.Equal(new MmrBy12Months(Reached: 1, Evaluable: 1), MolecularCohort.Compute(patients[1..], On("2024-12-30")).MmrBy12Months);
        // Known on 2024-12-31 (day 365): A, B, C and D.
        Assert.Equal(new MmrBy12Months(Reached: 2, Evaluable: 4), MolecularCohort.Compute(patients, On("2024-12-31")).MmrBy12Months);
    }

    [Fact]
    public void Time_to_mmr_runs_from_day_0_to_the_first_mmr_else_to_the_last_evaluable_result()
    {
        Assert.Equal(new TimeToEvent(182, Censored: false),
            MolecularCohort.TimeToMmr(Patient("A", DayZero, mmrOn: "2024-07-01", results: [("2024-07-01", MolecularLevel.Mmr), ("2024-10-01", MolecularLevel.Above0_1)]).Response));
        // Censored at the last evaluable result (2024-09-30, day 273), not at the later one that is not evaluable.
        Assert.Equal(new TimeToEvent(273, Censored: true),
            MolecularCohort.TimeToMmr(Patient("B", DayZero, results: [("2024-04-01", MolecularLevel.Above1), ("2024-09-30", MolecularLevel.Above0_1), ("2024-11-01", MolecularLevel.NotEvaluable)]).Response));
        // Without an evaluable result: censored at day 0.
        Assert.Equal(new TimeToEvent(0, Censored: true),
            MolecularCohort.TimeToMmr(Patient("C", DayZero, results: [("2024-04-01", MolecularLevel.NotEvaluable)]).Response));
        // A first MMR or a last result before day 0 counts on day 0.
        Assert.Equal(new TimeToEvent(0, Censored: false), MolecularCohort.TimeToMmr(Patient("D", DayZero, mmrOn: "2023-12-20").Response));
        Assert.Equal(new TimeToEvent(0, Censored: true),
            MolecularCohort.TimeToMmr(Patient("E", DayZero, results: [("2023-12-20", MolecularLevel.Above10)]).Response));
        // Without day 0: left out.
        Assert.Null(MolecularCohort.TimeToMmr(Patient("F", mmrOn: "2024-07-01").Response));
    }

    [Fact]
    public void The_curve_is_the_product_limit_estimate_over_the_patients_with_a_day_0()
    {
        var cohort = MolecularCohort.Compute(
        [
            Patient("A", DayZero, mmrOn: "2024-07-01"), // event on day 182
            Patient("B", DayZero, results: [("2024-07-01", MolecularLevel.Above1)]), // censored on day 182
            Patient("C", DayZero, mmrOn: "2024-12-31"), // event on day 365
            Patient("D", DayZero), // censored on day 0
            Patient("E", mmrOn: "2024-02-01"), // no day 0: left out
        ], LongAfter);

        // Day 0: 4 at risk, 1 censored; day 182: 3 at risk, 1 event (before the censoring), S = 2/3; day 365: 1 at risk, S = 0.
        Assert.Equal([(0, 4, 0, 1, 1.0), (182, 3, 1, 1, 0.6667), (365, 1, 1, 0, 0.0)],
            cohort.TimeToMmrCurve.Points.Select(p => (p.Day, p.AtRisk, p.Events, p.Censored, Math.Round(p.Survival, 4))));
        Assert.Equal(365, cohort.TimeToMmrCurve.MedianDays);
    }

    [Fact]
    public void Overdue_pcrs_name_the_patient_and_the_last_evaluable_result_in_subject_order()
    {
        var cohort = MolecularCohort.Compute(
        [
            Patient("B", DayZero, overdue: true, results: [("2024-03-01", MolecularLevel.Above1), ("2024-05-01", MolecularLevel.NotEvaluable)]),
            Patient("A", DayZero, overdue: true),
            Patient("C", DayZero, overdue: false, results: [("2024-12-01", MolecularLevel.Mmr)]),
        ], LongAfter);

        Assert.Equal([new OverduePcr("A", null), new OverduePcr("B", On("2024-03-01"))], cohort.PcrOverdue);
    }
}
