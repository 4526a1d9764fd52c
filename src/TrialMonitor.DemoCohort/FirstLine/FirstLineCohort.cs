namespace TrialMonitor.DemoCohort.FirstLine;

/// <summary>
/// Deals the cohort from one seed: day 0 of each patient (spread over four years of accrual, most in the
/// first two), the site, the response pattern and the intercurrent event (each dealt to a fixed number
/// of patients, in shuffled order), and each patient's own seed for the course.
/// </summary>
internal static class FirstLineCohort
{
    private const int Seed = 2020;

    // Accrual opens on this date; 78 % of patients start in the first 820 days, the rest in the 610 after.
    private static readonly DateOnly AccrualOpens = new(2021, 10, 1);

    private static readonly (string Site, int Weight)[] SiteWeights = [("MDACC", 30), ("LEEDS", 26), ("MANNHEIM", 24), ("BOLOGNA", 20)];

    private static readonly (ResponsePattern Pattern, int Patients)[] Patterns =
    [
        (ResponsePattern.Optimal, 140),
        (ResponsePattern.LateMmr, 60),
        (ResponsePattern.SlowStart, 18),
        (ResponsePattern.PrimaryResistance, 15),
        (ResponsePattern.RiseBy6Months, 12),
        (ResponsePattern.AboveOnePercentAt12Months, 16),
        (ResponsePattern.MmrLost, 26),
        (ResponsePattern.PlateauAboveMmr, 12),
        (ResponsePattern.BlasticTransformation, 1),
    ];

    private static readonly (Intercurrent Event, int Patients)[] Intercurrents =
    [
        (Intercurrent.CytopeniaReduction, 18),
        (Intercurrent.ToxicityReduction, 10),
        (Intercurrent.Interruption, 12),
        (Intercurrent.StopForToxicity, 6),
        (Intercurrent.PatientDecision, 4),
        (Intercurrent.DeathOnTherapy, 1),
        (Intercurrent.MissedLastPcrs, 10),
    ];

    public static int Patients { get; } = Patterns.Sum(p => p.Patients);

    public static IReadOnlyList<string> Sites { get; } = [.. SiteWeights.Select(s => s.Site)];

    public static IReadOnlyList<FirstLinePatient> Deal()
    {
        var draws = new Draws(Seed);
        var starts = Enumerable.Range(0, Patients)
            .Select(_ => AccrualOpens.AddDays(draws.Chance(78) ? draws.Int(0, 820) : draws.Int(821, 1_430)))
            .Order()
            .ToList();
        var sites = starts.Select(_ => Site(draws)).ToList();
        var patterns = Patterns.SelectMany(p => Enumerable.Repeat(p.Pattern, p.Patients)).ToList();
        draws.Shuffle(patterns);
        var intercurrents = Intercurrents.SelectMany(i => Enumerable.Repeat(i.Event, i.Patients))
            .Concat(Enumerable.Repeat(Intercurrent.None, Patients - Intercurrents.Sum(i => i.Patients)))
            .ToList();
        draws.Shuffle(intercurrents);
        return [.. Enumerable.Range(0, Patients)
            .Select(i => new FirstLinePatient(i + 1, sites[i], starts[i], patterns[i], intercurrents[i], (Seed * 1_000) + i + 1))];
    }

    private static string Site(Draws draws)
    {
        var pick = draws.Int(1, SiteWeights.Sum(s => s.Weight));
        foreach (var (site, weight) in SiteWeights)
        {
            if (pick <= weight) return site;
            pick -= weight;
        }

        throw new InvalidOperationException("the site weights do not add up");
    }
}
