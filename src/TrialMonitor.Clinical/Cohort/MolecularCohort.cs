using TrialMonitor.Clinical.Molecular;

namespace TrialMonitor.Clinical.Cohort;

/// <summary>One patient's molecular response, with the subject it belongs to.</summary>
public sealed record SubjectMolecularResponse(string SubjectId, MolecularResponse Response);

/// <summary>How many patients each verdict of one milestone (3, 6 or 12 months) has.</summary>
public sealed record MilestoneCounts(int Month, int Optimal, int Warning, int Failure, int Pending, int NotAssessed);

/// <summary>Major molecular response by 12 months: the patients who reached it, of those who can be judged.</summary>
public sealed record MmrBy12Months(int Reached, int Evaluable);

/// <summary>A patient overdue for a PCR, with the date of the last evaluable result (null: none, overdue from day 0).</summary>
public sealed record OverduePcr(string SubjectId, DateOnly? LastResultOn);

/// <summary>
/// The cohort's molecular response (ELN-2020) as known on one date, over the patients' responses as
/// <see cref="MolecularEvaluation"/> gives them. DOMAIN.md leaves the cohort's counts open; the rules here:
/// <list type="bullet">
/// <item>Milestones: every patient counts under the verdict of each milestone, a patient without day 0 as
/// pending (what the patient's own response says), so the counts add up to the patients.</item>
/// <item>MMR by 12 months: reached by the patients with MMR on or before day 365; evaluable are the
/// patients with a day 0 who either reached it so or are known on day 365 or later (without MMR by then,
/// with or without results, they did not reach it).</item>
/// <item>Time to MMR (ADaM ADTTE <c>TTMMR</c>): days from day 0 to the first MMR; censored at the last
/// evaluable result, at day 0 without one; patients without a day 0 are left out. A first MMR or a last
/// result dated before day 0 counts on day 0. The curve is the Kaplan–Meier estimate of remaining without
/// MMR, whose complement 1 − S(t) is the cumulative incidence of MMR.</item>
/// <item>Overdue PCRs in subject id order.</item>
/// </list>
/// </summary>
public sealed record MolecularCohort(
    IReadOnlyList<MilestoneCounts> Milestones,
    MmrBy12Months MmrBy12Months,
    SurvivalCurve TimeToMmrCurve,
    IReadOnlyList<OverduePcr> PcrOverdue)
{
    public static MolecularCohort Compute(IReadOnlyList<SubjectMolecularResponse> patients, DateOnly knownOn)
    {
        ArgumentNullException.ThrowIfNull(patients);
        var twelveMonths = Eln2020Milestones.DayOf(12);
        var started = patients.Where(p => p.Response.StartedOn is not null).Select(p => p.Response).ToList();
        var reached = started.Count(r => r.DaysToMmr <= twelveMonths);
        var evaluable = started.Count(r => r.DaysToMmr <= twelveMonths || knownOn.DayNumber - r.StartedOn!.Value.DayNumber >= twelveMonths);

        return new MolecularCohort(
            [.. Eln2020Milestones.Months.Select(month => Count(month, patients))],
            new MmrBy12Months(reached, evaluable),
            KaplanMeier.Estimate(started.Select(TimeToMmr).OfType<TimeToEvent>()),
            [.. patients
                .Where(p => p.Response.PcrOverdue)
                .Select(p => new OverduePcr(p.SubjectId, p.Response.LastEvaluable?.CollectedOn))
                .OrderBy(p => p.SubjectId, StringComparer.Ordinal)]);
    }

    /// <summary>The patient's time to MMR, or null without a day 0 (see the rules above).</summary>
    public static TimeToEvent? TimeToMmr(MolecularResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StartedOn is not { } start) return null;
        if (response.MmrReachedOn is { } reached) return new TimeToEvent(DaysFrom(start, reached), Censored: false);
        return new TimeToEvent(response.LastEvaluable is { } last ? DaysFrom(start, last.CollectedOn) : 0, Censored: true);
    }

    private static int DaysFrom(DateOnly start, DateOnly date) => Math.Max(0, date.DayNumber - start.DayNumber);

    private static MilestoneCounts Count(int month, IEnumerable<SubjectMolecularResponse> patients)
    {
        var verdicts = patients.Select(p => p.Response.Milestone(month).Assessment).ToList();
        int Of(MilestoneAssessment assessment) => verdicts.Count(v => v == assessment);
        return new MilestoneCounts(month,
            Of(MilestoneAssessment.Optimal), Of(MilestoneAssessment.Warning), Of(MilestoneAssessment.Failure),
            Of(MilestoneAssessment.Pending), Of(MilestoneAssessment.NotAssessed));
    }
}
