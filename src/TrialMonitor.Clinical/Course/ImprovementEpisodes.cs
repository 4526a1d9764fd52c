using TrialMonitor.Clinical.Cytogenetics;

namespace TrialMonitor.Clinical.Course;

/// <summary>
/// Improvement after escalation and its duration (DOMAIN; Kantarjian 2003, Table 3, "from date
/// improvement first documented"). A better Ph+ within the same category is no improvement:
/// Table 3 patients 11 (90 → 40 %) and 13 (75 → 42 %) stay minor.
/// </summary>
internal static class ImprovementEpisodes
{
    public static ImprovementEpisode? Find(IResponseTimeline timeline)
    {
        if (timeline.EscalatedOn is not { } escalatedOn
            || timeline.Cytogenetics.LastOrDefault(c => c.AssessedOn <= escalatedOn) is not { } preIncrease)
        {
            return null;
        }

        var after = timeline.Cytogenetics.Where(c => c.AssessedOn > escalatedOn).ToList();
        if (after.Count == 0)
        {
            return null;
        }

        var improved = after.Min(c => c.Category);
        if (!improved.IsBetterThan(preIncrease.Category))
        {
            return null;
        }

        var documenting = after.Where(c => c.Category == improved).ToList();
        var start = documenting[0];
        var (endOn, censored) = End(timeline, after, start, improved);
        return new ImprovementEpisode(
            preIncrease,
            LowestOnStandardDose: timeline.CytogeneticsOnStandardDose.MinBy(c => c.PhPositivePercent),
            LowestAfterIncrease: after.MinBy(c => c.PhPositivePercent)!,
            improved,
            // The paper's "*": no karyotype documents the improved category, only FISH does.
            ByFish: documenting.TrueForAll(c => c.ByFish),
            start.AssessedOn,
            endOn,
            censored,
            DurationDays: endOn.DayNumber - start.AssessedOn.DayNumber);
    }

    /// <summary>
    /// The first event after the start: a result worse than the improved category, or
    /// discontinuation for resistance, transformation or death; otherwise censored at the last
    /// cytogenetic result (ADaM CNSR = 1).
    /// </summary>
    private static (DateOnly EndOn, bool Censored) End(
        IResponseTimeline timeline, List<CytogeneticResponse> after, CytogeneticResponse start, CytogeneticCategory improved)
    {
        DateOnly?[] events =
        [
            after.FirstOrDefault(c => c.AssessedOn > start.AssessedOn && c.Category.IsWorseThan(improved))?.AssessedOn,
            timeline.Discontinuation is { } d && EndsResponse(d.Reason) ? d.EffectiveOn : null,
            timeline.Transformation?.DiagnosedOn,
            timeline.Death?.DiedOn,
        ];
        var first = events.Where(e => e >= start.AssessedOn).Min();
        return first is { } endOn ? (endOn, false) : (after[^1].AssessedOn, true);
    }

    private static bool EndsResponse(DiscontinuationReason reason) => reason is
        DiscontinuationReason.HematologicResistance
        or DiscontinuationReason.CytogeneticResistance
        or DiscontinuationReason.TransformationToAcceleratedPhase
        or DiscontinuationReason.TransformationToBlasticPhase
        or DiscontinuationReason.Death;
}
