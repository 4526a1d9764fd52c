namespace TrialMonitor.DemoCohort.FirstLine;

/// <summary>
/// Draws a patient's transcript curve within the ranges of the pattern (log10 of % IS at day 0 and at
/// 3, 6, 12, 18, 24 and 36 months). The ranges follow the kinetics reported on first-line imatinib: from
/// 30–150 % at diagnosis, most patients fall below 10 % by 3 months and reach MMR (0.1 %) by 12–18 months,
/// and a part of them go on to deep responses.
/// </summary>
internal static class ResponsePlans
{
    private const int Month3 = 91;
    private const int Month6 = 182;
    private const int Month12 = 365;
    private const int Month18 = 547;
    private const int Month24 = 730;
    private const int Month36 = 1095;

    public static ResponsePlan Draw(ResponsePattern pattern, Draws draws)
    {
        var diagnosis = draws.Between(1.45m, 2.2m);
        return pattern switch
        {
            ResponsePattern.Optimal => new(Optimal(diagnosis, draws, Plateau(draws))),
            ResponsePattern.LateMmr => new(LateMmr(diagnosis, draws)),
            ResponsePattern.SlowStart => new(SlowStart(diagnosis, draws)),
            ResponsePattern.PrimaryResistance => Resistant(diagnosis, draws, draws.Between(1.05m, 1.6m), draws.Between(1.02m, 1.45m)),
            ResponsePattern.RiseBy6Months => Resistant(diagnosis, draws, draws.Between(0.3m, 0.95m), draws.Between(1.03m, 1.4m)),
            ResponsePattern.AboveOnePercentAt12Months => AboveOnePercentAt12Months(diagnosis, draws),
            ResponsePattern.MmrLost => MmrLost(diagnosis, draws),
            ResponsePattern.PlateauAboveMmr => new(PlateauAboveMmr(diagnosis, draws)),
            ResponsePattern.BlasticTransformation => BlasticTransformation(diagnosis, draws),
            _ => throw new ArgumentOutOfRangeException(nameof(pattern), pattern, null),
        };
    }

    /// <summary>Where an optimal responder levels off: MMR, MR4, MR4.5 or undetectable.</summary>
    private static decimal Plateau(Draws draws) => draws.Int(1, 100) switch
    {
        <= 30 => draws.Between(-1.8m, -1.2m),
        <= 60 => draws.Between(-2.4m, -2.05m),
        <= 82 => draws.Between(-2.9m, -2.55m),
        _ => draws.Between(-4m, -3.1m),
    };

    private static TranscriptCurve Optimal(decimal diagnosis, Draws draws, decimal plateau)
    {
        var month3 = draws.Between(-0.6m, 0.85m);
        var month6 = Math.Min(month3 - draws.Between(0.5m, 1.2m), draws.Between(-0.6m, -0.05m));
        var month12 = Math.Min(month6 - draws.Between(0.5m, 1.1m), draws.Between(-1.9m, -1.05m));
        var month18 = Math.Max(plateau, month12 - draws.Between(0.2m, 0.7m));
        var month24 = Math.Max(plateau, month18 - draws.Between(0.2m, 0.7m));
        return new([(0, diagnosis), (Month3, month3), (Month6, month6), (Month12, month12), (Month18, month18), (Month24, month24),
            (Month36, Math.Min(month24, plateau))]);
    }

    private static TranscriptCurve LateMmr(decimal diagnosis, Draws draws)
    {
        var month3 = draws.Between(0.1m, 0.95m);
        var month6 = Math.Max(0.02m, month3 - draws.Between(0m, 0.5m));
        var month24 = draws.Between(-2m, -1.1m);
        return new([(0, diagnosis), (Month3, month3), (Month6, month6), (Month12, draws.Between(-0.95m, -0.1m)),
            (Month18, draws.Between(-1.5m, -0.85m)), (Month24, month24), (Month36, Math.Min(month24, draws.Between(-2.6m, -1.2m)))]);
    }

    private static TranscriptCurve SlowStart(decimal diagnosis, Draws draws)
    {
        var month12 = draws.Between(-1.4m, -0.2m);
        var month18 = Math.Min(month12 - 0.2m, draws.Between(-1.8m, -1m));
        return new([(0, diagnosis), (Month3, draws.Between(1.05m, 1.35m)), (Month6, draws.Between(-0.3m, 0.6m)), (Month12, month12),
            (Month18, month18), (Month36, Math.Min(month18, draws.Between(-2.5m, -1.3m)))]);
    }

    /// <summary>Above 10 % at 6 months: half escalated to 600 mg within weeks (and falling slowly after), half switched.</summary>
    private static ResponsePlan Resistant(decimal diagnosis, Draws draws, decimal month3, decimal month6)
    {
        var untreated = new TranscriptCurve([(0, diagnosis), (Month3, month3), (Month6, month6)]);
        if (!draws.Chance(50)) return new(untreated, SwitchedOnDay: draws.Int(150, 240));

        var escalatedOn = draws.Int(150, 230);
        var month24 = draws.Between(-1.5m, 0.3m);
        return new(untreated.Then(Math.Max(escalatedOn, Month6), (Month12, draws.Between(-0.4m, 0.9m)), (Month24, month24),
            (Month36, Math.Min(month24, draws.Between(-2m, -0.5m)))), EscalatedOnDay: escalatedOn);
    }

    private static ResponsePlan AboveOnePercentAt12Months(decimal diagnosis, Draws draws)
    {
        var month3 = draws.Between(0.2m, 0.95m);
        var month6 = Math.Min(month3, draws.Between(0.05m, 0.9m));
        var escalated = draws.Chance(60);
        var month24 = escalated ? draws.Between(-1.6m, -0.3m) : draws.Between(-1.3m, -0.2m);
        var curve = new TranscriptCurve([(0, diagnosis), (Month3, month3), (Month6, month6), (Month12, draws.Between(0.05m, 0.75m)),
            (Month18, draws.Between(-1m, 0.3m)), (Month24, month24), (Month36, Math.Min(month24, draws.Between(-2.2m, -0.5m)))]);
        return new(curve, EscalatedOnDay: escalated ? draws.Int(380, 410) : null);
    }

    /// <summary>An optimal start, then a rise above 0.1 %: half come back below it, half keep rising until escalated.</summary>
    private static ResponsePlan MmrLost(decimal diagnosis, Draws draws)
    {
        var reached = Optimal(diagnosis, draws, draws.Between(-2.3m, -1.3m));
        var lostFrom = draws.Int(450, 1000);
        var lost = draws.Between(-0.85m, 0.3m);
        if (draws.Chance(55))
            return new(reached.Then(lostFrom, (lostFrom + 45, lost), (lostFrom + draws.Int(120, 200), draws.Between(-1.6m, -1.1m))));

        var escalatedOn = lostFrom + draws.Int(120, 160);
        return new(reached.Then(lostFrom, (lostFrom + 45, lost), (escalatedOn, lost + draws.Between(0m, 0.4m)),
            (escalatedOn + 270, draws.Between(-1.4m, -0.3m))), EscalatedOnDay: escalatedOn);
    }

    private static TranscriptCurve PlateauAboveMmr(decimal diagnosis, Draws draws)
    {
        var month3 = draws.Between(-0.3m, 0.9m);
        var month6 = month3 - draws.Between(0.1m, 0.6m);
        return new([(0, diagnosis), (Month3, month3), (Month6, month6), (Month12, Math.Min(month6, draws.Between(-0.95m, -0.15m))),
            (Month24, draws.Between(-0.98m, -0.3m))]);
    }

    private static ResponsePlan BlasticTransformation(decimal diagnosis, Draws draws)
    {
        var transformedOn = draws.Int(200, 420);
        return new(new([(0, diagnosis), (Month3, draws.Between(1.1m, 1.5m)), (Month6, draws.Between(1.1m, 1.6m)),
            (transformedOn, draws.Between(1.6m, 2m))]), TransformedOnDay: transformedOn);
    }
}
