using System.Globalization;
using TrialMonitor.Clinical.Course;
using TrialMonitor.Clinical.Molecular;
using TrialMonitor.Clinical.Toxicity;

namespace TrialMonitor.Clinical.Alerts;

/// <summary>
/// Which alerts a clinical fact raises (DOMAIN: Alerts): toxicity at or above the trial's grade
/// threshold, reported or derived from counts; every dose reduction and interruption;
/// discontinuation; transformation; death; and, from the patient's assessment before and after
/// the fact, hematologic or cytogenetic relapse, the loss of an improved response, a failed
/// molecular milestone and the loss of major molecular response.
/// </summary>
public static class SafetySignals
{
    /// <summary>CTCAE v5 grades of the count at or above the threshold, one alert per term.</summary>
    public static IReadOnlyList<SafetySignal> ForBloodCount(BloodCount count, int gradeThreshold) =>
        [.. CtcaeV5Grading.Grade(count)
            .Where(g => g.Grade >= gradeThreshold)
            .Select(g => new SafetySignal(AlertKind.LabToxicity, g.CollectedOn,
                $"{g.Term} grade {g.Grade} (CTCAE v5, from the blood count of {g.CollectedOn:yyyy-MM-dd})", g.Term, g.Grade))];

    public static IReadOnlyList<SafetySignal> ForReportedToxicity(ReportedToxicity toxicity, int gradeThreshold)
    {
        ArgumentNullException.ThrowIfNull(toxicity);
        return toxicity.Grade >= gradeThreshold
            ? [new SafetySignal(AlertKind.ReportedToxicity, toxicity.OnsetOn,
                $"{toxicity.Term} grade {toxicity.Grade} reported by the investigator, onset {toxicity.OnsetOn:yyyy-MM-dd}",
                toxicity.Term.Trim(), toxicity.Grade)]
            : [];
    }

    public static IReadOnlyList<SafetySignal> ForDoseChange(DoseChange dose)
    {
        ArgumentNullException.ThrowIfNull(dose);
        return dose.Action switch
        {
            DoseAction.Reduced => [new SafetySignal(AlertKind.DoseReduced, dose.EffectiveOn,
                $"Dose reduced to {dose.DailyDoseMg} mg daily from {dose.EffectiveOn:yyyy-MM-dd} ({dose.Reason})")],
            DoseAction.Interrupted => [new SafetySignal(AlertKind.DoseInterrupted, dose.EffectiveOn,
                $"Therapy interrupted from {dose.EffectiveOn:yyyy-MM-dd} ({dose.Reason})")],
            _ => [],
        };
    }

    public static IReadOnlyList<SafetySignal> ForDiscontinuation(Discontinuation discontinuation)
    {
        ArgumentNullException.ThrowIfNull(discontinuation);
        return [new SafetySignal(AlertKind.TherapyDiscontinued, discontinuation.EffectiveOn,
            $"Therapy discontinued on {discontinuation.EffectiveOn:yyyy-MM-dd} ({discontinuation.Reason})")];
    }

    public static IReadOnlyList<SafetySignal> ForTransformation(Transformation transformation)
    {
        ArgumentNullException.ThrowIfNull(transformation);
        return [new SafetySignal(AlertKind.Transformation, transformation.DiagnosedOn,
            $"Transformation to {transformation.Phase} phase diagnosed on {transformation.DiagnosedOn:yyyy-MM-dd}")];
    }

    public static IReadOnlyList<SafetySignal> ForDeath(Death death)
    {
        ArgumentNullException.ThrowIfNull(death);
        return [new SafetySignal(AlertKind.Death, death.DiedOn, $"Died on {death.DiedOn:yyyy-MM-dd} ({death.Cause})")];
    }

    /// <summary>
    /// Relapse when the protocol status gains a relapse indication; loss of an improved response
    /// when the improvement episode has ended and had not before (an episode that a late result
    /// shows already ended counts too). Dated by the observation that changed the assessment, or,
    /// for a correction that has none, by the date the rules give. A molecular milestone that
    /// fails and had not, and MMR lost when it was not, are dated by the result that shows it
    /// (for a 3-month failure, the result that confirms it), whatever entry moved them.
    /// </summary>
    public static IReadOnlyList<SafetySignal> ForAssessmentChange(SafetyStatus? before, SafetyStatus after, DateOnly? observedOn)
    {
        ArgumentNullException.ThrowIfNull(after);
        var signals = new List<SafetySignal>();
        foreach (var (indication, kind, what) in Relapses)
        {
            if (after.ProtocolStatus.Indications.Contains(indication)
                && before?.ProtocolStatus.Indications.Contains(indication) != true)
            {
                var on = observedOn ?? after.ProtocolStatus.IndicatedOn;
                if (on is { } date) signals.Add(new SafetySignal(kind, date, $"{what} on standard dose, documented {date:yyyy-MM-dd}"));
            }
        }

        if (after.Improvement is { Censored: false } ended && before?.Improvement is not { Censored: false })
        {
            signals.Add(new SafetySignal(AlertKind.LossOfImprovedResponse, ended.EndOn,
                $"Improved cytogenetic response after escalation ({ended.ImprovedCategory}, from {ended.StartOn:yyyy-MM-dd}) ended on {ended.EndOn:yyyy-MM-dd}"));
        }

        foreach (var failed in after.Molecular.FailedMilestones.Where(m => before?.Molecular.FailedMilestones.Any(b => b.Month == m.Month) != true))
        {
            signals.Add(MilestoneFailure(failed));
        }

        if (after.Molecular is { MmrLost: { } lost, MmrReached: { } reached } && before?.Molecular.MmrLost is null)
        {
            signals.Add(new SafetySignal(AlertKind.LossOfMajorMolecularResponse, lost.CollectedOn,
                $"Major molecular response lost (ELN-2020): BCR-ABL1 {Percent(lost.BcrAbl1PercentIs)} % IS on {lost.CollectedOn:yyyy-MM-dd}, "
                + $"after MMR on {reached.CollectedOn:yyyy-MM-dd}"));
        }

        return signals;
    }

    /// <summary>What a milestone failure alert names as its term: the milestone (e.g. "12-month milestone").</summary>
    public static string MilestoneTerm(int month) => $"{month.ToString(CultureInfo.InvariantCulture)}-month milestone";

    /// <summary>
    /// Whether an alert derived from the assessment still holds after a correction; alerts raised
    /// by an entry itself (toxicity, dose, discontinuation, transformation, death) are withdrawn
    /// when that entry is voided instead. A milestone failure is told apart by its term.
    /// </summary>
    public static bool StillHolds(AlertKind kind, string? term, SafetyStatus after)
    {
        ArgumentNullException.ThrowIfNull(after);
        return kind switch
        {
            AlertKind.HematologicRelapse => after.ProtocolStatus.Indications.Contains(EscalationIndication.HematologicRelapse),
            AlertKind.CytogeneticRelapse => after.ProtocolStatus.Indications.Contains(EscalationIndication.CytogeneticRelapse),
            AlertKind.LossOfImprovedResponse => after.Improvement is { Censored: false },
            AlertKind.MolecularMilestoneFailure => after.Molecular.FailedMilestones.Any(m => MilestoneTerm(m.Month) == term),
            AlertKind.LossOfMajorMolecularResponse => after.Molecular.MmrLost is not null,
            _ => true,
        };
    }

    /// <summary>Whether the alert follows from the assessment rather than from one entry.</summary>
    public static bool IsDerivedFromAssessment(AlertKind kind) =>
        kind is AlertKind.HematologicRelapse or AlertKind.CytogeneticRelapse or AlertKind.LossOfImprovedResponse
            or AlertKind.MolecularMilestoneFailure or AlertKind.LossOfMajorMolecularResponse;

    private static SafetySignal MilestoneFailure(MolecularMilestone failed)
    {
        // Hochhaus 2020, Table 4: failure is > 10 % at 3 months (confirmed), > 10 % at 6, > 1 % at 12.
        var shown = $"BCR-ABL1 {Percent(failed.PercentIs!.Value)} % IS on {failed.ResultOn:yyyy-MM-dd}";
        var confirmed = failed.ConfirmedOn is { } on ? $", confirmed above 10 % on {on:yyyy-MM-dd}" : "";
        return new SafetySignal(AlertKind.MolecularMilestoneFailure, failed.ConfirmedOn ?? failed.ResultOn!.Value,
            $"{failed.Month}-month molecular milestone failed (ELN-2020): {shown}{confirmed}", MilestoneTerm(failed.Month));
    }

    private static string Percent(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    private static readonly (EscalationIndication Indication, AlertKind Kind, string What)[] Relapses =
    [
        (EscalationIndication.HematologicRelapse, AlertKind.HematologicRelapse, "Hematologic relapse (complete hematologic response lost)"),
        (EscalationIndication.CytogeneticRelapse, AlertKind.CytogeneticRelapse, "Cytogenetic relapse (Ph+ up at least 30 points above the best, twice)"),
    ];
}
