using TrialMonitor.Clinical.Course;
using TrialMonitor.Clinical.Molecular;

namespace TrialMonitor.Api.Cdisc;

/// <summary>
/// How the exports write ELN-2020's molecular conclusions (DOMAIN: "Molecular response and
/// milestones"): the level of a result in RS and ADRS, and a milestone's verdict in ADRS. They follow
/// ELN-2020 whatever cytogenetic criteria set the trial was registered with, so their category
/// (RSCAT, PARCAT1) is always ELN-2020.
/// </summary>
public static class MolecularTerms
{
    public const string CriteriaSet = ClinicalSettings.Eln2020;

    /// <summary>RSORRES of a result without the copies to show its depth (the RS "not evaluable" code).</summary>
    public const string NotEvaluable = "NE";

    /// <summary>RSMETHOD of a molecular response, as LBMETHOD of the result it is read from.</summary>
    public const string Method = "RT-QPCR";

    /// <summary>Each level as RSORRES writes it, deepest first: ADRS ranks them in this order (AVAL 1 for MR5, 7 for > 10 %).</summary>
    private static readonly (MolecularLevel Level, string Code)[] Levels =
    [
        (MolecularLevel.Mr5, "MR5"),
        (MolecularLevel.Mr4_5, "MR4.5"),
        (MolecularLevel.Mr4, "MR4"),
        (MolecularLevel.Mmr, "MMR"),
        (MolecularLevel.Above0_1, ">0.1-1%"),
        (MolecularLevel.Above1, ">1-10%"),
        (MolecularLevel.Above10, ">10%"),
    ];

    /// <summary>Each verdict as AVALC writes it, best first: ADRS ranks them in this order; PENDING and NOT ASSESSED have no rank.</summary>
    private static readonly (MilestoneAssessment Assessment, string Code)[] Verdicts =
    [
        (MilestoneAssessment.Optimal, "OPTIMAL"),
        (MilestoneAssessment.Warning, "WARNING"),
        (MilestoneAssessment.Failure, "FAILURE"),
        (MilestoneAssessment.Pending, "PENDING"),
        (MilestoneAssessment.NotAssessed, "NOT ASSESSED"),
    ];

    private const int RankedVerdicts = 3;

    public static string Code(MolecularLevel level) =>
        level == MolecularLevel.NotEvaluable ? NotEvaluable : Levels.Single(l => l.Level == level).Code;

    public static string Code(MilestoneAssessment assessment) => Verdicts.Single(v => v.Assessment == assessment).Code;

    /// <summary>AVAL of a level written as <see cref="Code(MolecularLevel)"/>; null for NE.</summary>
    public static int? LevelRank(string code)
    {
        var index = Array.FindIndex(Levels, l => l.Code == code);
        return index < 0 ? null : index + 1;
    }

    /// <summary>AVAL of a verdict: 1 optimal, 2 warning, 3 failure; null while pending or when not assessed.</summary>
    public static int? Rank(MilestoneAssessment assessment)
    {
        var index = Array.FindIndex(Verdicts, v => v.Assessment == assessment);
        return index < RankedVerdicts ? index + 1 : null;
    }
}
