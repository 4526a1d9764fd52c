using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Clinical.Molecular;

/// <summary>
/// The level of one result (DOMAIN: "Level of one result"): the depth its percentage reaches,
/// capped by the ABL1 control copies that depth needs; an undetectable result without the copies
/// for MR4 cannot show any depth and is not evaluable.
/// </summary>
public static class MolecularLevels
{
    /// <summary>The upper bound of each band and each depth, % IS, shallowest band first (each closed at its bound).</summary>
    private static readonly (MolecularLevel Level, decimal AtMost, int CopiesNeeded)[] Depths =
    [
        // Cross 2015: MR5 ≤ 0.001 % with ≥ 100,000 ABL1 copies; MR4.5 ≤ 0.0032 % with ≥ 32,000; MR4 ≤ 0.01 % with ≥ 10,000.
        (MolecularLevel.Mr5, 0.001m, 100_000),
        (MolecularLevel.Mr4_5, 0.0032m, 32_000),
        (MolecularLevel.Mr4, 0.01m, 10_000),
        // ELN: major molecular response (MR3) ≤ 0.1 %, needing no more copies than the assay's own.
        (MolecularLevel.Mmr, 0.1m, 0),
        (MolecularLevel.Above0_1, 1m, 0),
        (MolecularLevel.Above1, 10m, 0),
    ];

    public static MolecularLevel Of(MolecularAssessment result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var reached = Depths.Where(d => result.BcrAbl1PercentIs <= d.AtMost).ToList();
        if (reached.Count == 0) return MolecularLevel.Above10;
        // The deepest depth the percentage reaches whose copies the result has.
        var level = reached.FirstOrDefault(d => result.Abl1ControlCopies >= d.CopiesNeeded);
        if (result.BcrAbl1PercentIs == 0m && level.Level == MolecularLevel.Mmr) return MolecularLevel.NotEvaluable;
        return level.Level;
    }

    public static bool IsEvaluable(this MolecularLevel level) => level != MolecularLevel.NotEvaluable;

    /// <summary>Major molecular response or deeper.</summary>
    public static bool IsMmrOrDeeper(this MolecularLevel level) =>
        level is MolecularLevel.Mmr or MolecularLevel.Mr4 or MolecularLevel.Mr4_5 or MolecularLevel.Mr5;
}
