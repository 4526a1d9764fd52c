using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Clinical.Molecular;

/// <summary>
/// The molecular response of one patient as a pure function of the course and the date it is
/// known on (DOMAIN: "Molecular response and milestones (ELN-2020)"). It is read for every trial,
/// whatever its cytogenetic criteria set. The date matters: a milestone without a result is
/// pending while its window is open and not assessed after, and a PCR becomes overdue, as time passes.
/// </summary>
public static class MolecularEvaluation
{
    /// <summary>As known on the trial's data cut-off if it has one, else on <paramref name="today"/>.</summary>
    public static MolecularResponse Evaluate(PatientCourse course, ClinicalSettings settings, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(settings);
        var knownOn = KnownOn(settings, today);
        return Evaluate(course.AsOf(knownOn), knownOn);
    }

    /// <summary>The date the response is known on: the trial's data cut-off if it has one, else <paramref name="today"/>.</summary>
    public static DateOnly KnownOn(ClinicalSettings settings, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.DataCutoffOn ?? today;
    }

    /// <summary>The response of a course already cut at <paramref name="knownOn"/>.</summary>
    public static MolecularResponse Evaluate(PatientCourse course, DateOnly knownOn)
    {
        ArgumentNullException.ThrowIfNull(course);
        // Clinical order; results of one day keep the order they were recorded in (a stable sort).
        var results = course.Molecular
            .OrderBy(m => m.CollectedOn)
            .Select(m => new MolecularResult(m.CollectedOn, m.BcrAbl1PercentIs, m.Abl1ControlCopies, MolecularLevels.Of(m)))
            .ToList();
        var evaluable = results.Where(r => r.Level.IsEvaluable()).ToList();
        var startedOn = DoseHistory.StandardDoseStartedOn(course);

        var mmrReached = evaluable.FirstOrDefault(r => r.Level.IsMmrOrDeeper());
        var mmrLost = mmrReached is null ? null : evaluable.FirstOrDefault(r => r.CollectedOn > mmrReached.CollectedOn && !r.Level.IsMmrOrDeeper());

        return new MolecularResponse(
            startedOn,
            results,
            [.. Eln2020Milestones.Months.Select(month => Milestone(month, startedOn, evaluable, knownOn))],
            CurrentStatus(startedOn, evaluable, knownOn),
            mmrReached?.CollectedOn,
            mmrLost?.CollectedOn,
            PcrOverdue(course, startedOn, evaluable, knownOn));
    }

    private static MolecularMilestone Milestone(int month, DateOnly? startedOn, List<MolecularResult> evaluable, DateOnly knownOn)
    {
        if (startedOn is not { } start) return new MolecularMilestone(month, null, MilestoneAssessment.Pending, null, null, null);
        var dueOn = start.AddDays(Eln2020Milestones.DayOf(month));
        // The nearest within the window; of two equally near, the later.
        var result = evaluable
            .Where(r => Math.Abs(r.CollectedOn.DayNumber - dueOn.DayNumber) <= Eln2020Milestones.WindowDays)
            .OrderBy(r => Math.Abs(r.CollectedOn.DayNumber - dueOn.DayNumber))
            .ThenByDescending(r => r.CollectedOn)
            .FirstOrDefault();
        if (result is null)
        {
            var open = knownOn <= dueOn.AddDays(Eln2020Milestones.WindowDays);
            return new MolecularMilestone(month, dueOn, open ? MilestoneAssessment.Pending : MilestoneAssessment.NotAssessed, null, null, null);
        }

        var assessment = Eln2020Milestones.Assess(month, result.BcrAbl1PercentIs);
        DateOnly? confirmedOn = null;
        if (month == 3 && assessment == MilestoneAssessment.Warning && result.BcrAbl1PercentIs > 10m)
        {
            // ELN-2020: > 10 % at 3 months is a failure once confirmed by another > 10 % within 1–3 months.
            confirmedOn = evaluable.FirstOrDefault(r =>
                r.BcrAbl1PercentIs > 10m
                && r.CollectedOn.DayNumber - result.CollectedOn.DayNumber is >= Eln2020Milestones.ConfirmationFromDays
                    and <= Eln2020Milestones.ConfirmationUntilDays)?.CollectedOn;
            if (confirmedOn is not null) assessment = MilestoneAssessment.Failure;
        }
        return new MolecularMilestone(month, dueOn, assessment, result.CollectedOn, result.BcrAbl1PercentIs, confirmedOn);
    }

    /// <summary>After the 12-month window has closed, from the latest evaluable result; none before or without one.</summary>
    private static MilestoneAssessment? CurrentStatus(DateOnly? startedOn, List<MolecularResult> evaluable, DateOnly knownOn) =>
        startedOn is { } start && knownOn > start.AddDays(Eln2020Milestones.CurrentStatusAfterDay) && evaluable.Count > 0
            ? Eln2020Milestones.AnyTimeAfter12Months(evaluable[^1].BcrAbl1PercentIs)
            : null;

    /// <summary>On therapy (started, neither discontinued nor dead) with no evaluable result (or start) within 122 days.</summary>
    private static bool PcrOverdue(PatientCourse course, DateOnly? startedOn, List<MolecularResult> evaluable, DateOnly knownOn)
    {
        if (startedOn is not { } start || course.Discontinuation is not null || course.Death is not null) return false;
        var last = evaluable.Count > 0 ? evaluable[^1].CollectedOn : start;
        return knownOn.DayNumber - last.DayNumber > Eln2020Milestones.OverdueAfterDays;
    }
}
