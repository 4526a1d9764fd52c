using TrialMonitor.Clinical.Cytogenetics;

namespace TrialMonitor.Clinical.Course;

/// <summary>
/// The paper's Table 2 row, fixed at the escalation date. A patient not in CHR at escalation is
/// in a hematologic row (relapse when CHR was reached on standard dose, else resistance);
/// otherwise the row follows the best cytogenetic response on standard dose and the
/// pre-increase Ph+. Checked against Table 3: patient 1 (50/55) is CG resistance 35–90,
/// patient 2 (5/70) loss of PR 35–90, patient 3 (40/100) loss of minor, patient 17 (0/95)
/// loss of CR above 90.
/// </summary>
internal static class Table2Classification
{
    // Kantarjian 2003, Table 2: the rows split at Ph+ above 90 % and at 100 % Ph+.
    private const decimal Above = 90m;

    public static Table2Row? Classify(CourseTimeline timeline)
    {
        if (timeline.EscalatedOn is not { } escalatedOn)
        {
            return null;
        }

        var hematologic = timeline.HematologicOnStandardDose.ToList();
        if (hematologic.Count > 0 && hematologic[^1].Category != HematologicCategory.Complete)
        {
            return hematologic.Exists(h => h.Category == HematologicCategory.Complete)
                ? Table2Row.HematologicRelapse
                : Table2Row.HematologicResistance;
        }

        var preIncrease = timeline.Cytogenetics.LastOrDefault(c => c.AssessedOn <= escalatedOn);
        if (preIncrease is null)
        {
            return null;
        }

        var best = timeline.CytogeneticsOnStandardDose.Select(c => c.Category).Append(preIncrease.Category).Min();
        var preIncreaseAbove90 = preIncrease.PhPositivePercent > Above;

        // A patient who lost a CR to a PR (pre-increase still below 35 %) has no row of their own;
        // they fall in the "35 % to 90 %" row, the nearest one, rather than out of the table.
        if (best.IsMajor())
        {
            return preIncreaseAbove90
                ? Table2Row.LossOfCytogeneticCompleteOrPartialToAbove90
                : Table2Row.LossOfCytogeneticCompleteOrPartialTo35To90;
        }

        // A minor (or, under ELN-2013, minimal) response lost to no response at all is the
        // paper's "loss of minor CG response to 100 % Ph+"; still within the minor band it is resistance.
        if (best.IsBetterThan(preIncrease.Category) && preIncreaseAbove90)
        {
            return Table2Row.LossOfMinorTo100;
        }

        return preIncreaseAbove90 ? Table2Row.CytogeneticResistanceAbove90 : Table2Row.CytogeneticResistance35To90;
    }
}
