using TrialMonitor.Clinical.Cytogenetics;

namespace TrialMonitor.Clinical.Course;

/// <summary>
/// Protocol status on standard dose (Kantarjian, Blood 2003, "Study design": the 4 circumstances
/// that allow escalation). Read from results on standard dose only, so once the dose is
/// escalated the status stays as it was at the escalation date. Each circumstance is raised by a
/// result that documents it, never by the calendar alone; IndicatedOn is the date of the
/// earliest result documenting a circumstance that still holds.
/// </summary>
internal static class EscalationIndications
{
    // Kantarjian 2003: (1) no CHR after 3 months of therapy; (2) no major CG response after 12 months.
    private const int HematologicResistanceMonths = 3;
    private const int CytogeneticResistanceMonths = 12;

    // Kantarjian 2003: (4) cytogenetic relapse is an increase of Ph+ cells by at least 30 %
    // (percentage points above the best value) on 2 consecutive occasions.
    private const decimal CytogeneticRelapseRisePoints = 30m;

    public static ProtocolStatus Evaluate(IResponseTimeline timeline) => Combine(Hematologic(timeline), Cytogenetic(timeline));

    /// <summary>Circumstances 1 and 3, read from the blood counts on standard dose alone.</summary>
    public static IndicationDates Hematologic(IResponseTimeline timeline)
    {
        var hematologic = timeline.HematologicOnStandardDose.ToList();
        return new(HematologicResistance(timeline.StandardDoseStartedOn, hematologic), HematologicRelapse(hematologic));
    }

    /// <summary>Circumstances 2 and 4, read from the cytogenetic results on standard dose alone.</summary>
    public static IndicationDates Cytogenetic(IResponseTimeline timeline)
    {
        var cytogenetic = timeline.CytogeneticsOnStandardDose.ToList();
        return new(CytogeneticResistance(timeline.StandardDoseStartedOn, cytogenetic), CytogeneticRelapse(cytogenetic));
    }

    public static ProtocolStatus Combine(IndicationDates hematologic, IndicationDates cytogenetic)
    {
        var found = new (EscalationIndication Indication, DateOnly? On)[]
        {
            (EscalationIndication.HematologicResistance, hematologic.ResistanceOn),
            (EscalationIndication.CytogeneticResistance, cytogenetic.ResistanceOn),
            (EscalationIndication.HematologicRelapse, hematologic.RelapseOn),
            (EscalationIndication.CytogeneticRelapse, cytogenetic.RelapseOn),
        }.Where(f => f.On is not null).ToList();

        return new ProtocolStatus([.. found.Select(f => f.Indication)], found.Min(f => f.On));
    }

    /// <summary>CHR never reached, documented by a count at least 3 months into therapy.</summary>
    private static DateOnly? HematologicResistance(DateOnly? startedOn, List<HematologicResponse> responses) =>
        startedOn is { } start && responses.TrueForAll(r => r.Category != HematologicCategory.Complete)
            ? responses.FirstOrDefault(r => r.AssessedOn >= start.AddMonths(HematologicResistanceMonths))?.AssessedOn
            : null;

    /// <summary>
    /// A major response never reached, documented by a result at least 12 months into therapy.
    /// A major response reached and then lost is a relapse (circumstance 4), not resistance.
    /// </summary>
    private static DateOnly? CytogeneticResistance(DateOnly? startedOn, List<CytogeneticResponse> responses) =>
        startedOn is { } start && !responses.Exists(r => r.Category.IsMajor())
            ? responses.FirstOrDefault(r => r.AssessedOn >= start.AddMonths(CytogeneticResistanceMonths))?.AssessedOn
            : null;

    /// <summary>CHR reached, and the latest count since is not CHR; dated by the first count that lost it.</summary>
    private static DateOnly? HematologicRelapse(List<HematologicResponse> responses)
    {
        var lastComplete = responses.FindLastIndex(r => r.Category == HematologicCategory.Complete);
        return lastComplete >= 0 && lastComplete < responses.Count - 1 ? responses[lastComplete + 1].AssessedOn : null;
    }

    /// <summary>
    /// The latest 2 results both at least 30 points above the best (lowest) Ph+ before them;
    /// dated by the second result of the first such pair in the run that still holds.
    /// </summary>
    private static DateOnly? CytogeneticRelapse(List<CytogeneticResponse> responses)
    {
        DateOnly? indicatedOn = null;
        var best = decimal.MaxValue;
        for (var second = 2; second < responses.Count; second++)
        {
            best = Math.Min(best, responses[second - 2].PhPositivePercent);
            var bothRisen = responses[second - 1].PhPositivePercent - best >= CytogeneticRelapseRisePoints
                && responses[second].PhPositivePercent - best >= CytogeneticRelapseRisePoints;
            indicatedOn = bothRisen ? indicatedOn ?? responses[second].AssessedOn : null;
        }

        return indicatedOn;
    }
}

/// <summary>When resistance and relapse of one kind (hematologic or cytogenetic) were documented, if they hold.</summary>
internal readonly record struct IndicationDates(DateOnly? ResistanceOn, DateOnly? RelapseOn);
