using TrialMonitor.Clinical.Course;
using TrialMonitor.Clinical.Molecular;

namespace TrialMonitor.Clinical.Tests.Molecular;

/// <summary>
/// The level of one result at every boundary of DOMAIN.md's table (from ELN-2020 and Cross et al.,
/// Leukemia 2015;29:999, Table 1: MR4 ≤ 0.01 % with ≥ 10,000 ABL1 copies, MR4.5 ≤ 0.0032 % with ≥ 32,000,
/// MR5 ≤ 0.001 % with ≥ 100,000; each band closed at its upper bound).
/// </summary>
public sealed class MolecularLevelTests
{
    [Theory]
    // The bands above MMR: > 10 %, > 1–10 %, > 0.1–1 %.
    [InlineData("50", 20_000, MolecularLevel.Above10)]
    [InlineData("10.01", 20_000, MolecularLevel.Above10)]
    [InlineData("10", 20_000, MolecularLevel.Above1)]
    [InlineData("1.01", 20_000, MolecularLevel.Above1)]
    [InlineData("1", 20_000, MolecularLevel.Above0_1)]
    [InlineData("0.11", 20_000, MolecularLevel.Above0_1)]
    // MMR ≤ 0.1 %, whatever the copies.
    [InlineData("0.1", 20_000, MolecularLevel.Mmr)]
    [InlineData("0.1", 1, MolecularLevel.Mmr)]
    [InlineData("0.011", 200_000, MolecularLevel.Mmr)]
    // MR4 ≤ 0.01 % with at least 10,000 copies; with fewer, the deepest level it has the copies for (MMR).
    [InlineData("0.01", 10_000, MolecularLevel.Mr4)]
    [InlineData("0.01", 9_999, MolecularLevel.Mmr)]
    [InlineData("0.0033", 200_000, MolecularLevel.Mr4)]
    // MR4.5 ≤ 0.0032 % with at least 32,000 copies.
    [InlineData("0.0032", 32_000, MolecularLevel.Mr4_5)]
    [InlineData("0.0032", 31_999, MolecularLevel.Mr4)]
    [InlineData("0.0011", 200_000, MolecularLevel.Mr4_5)]
    // MR5 ≤ 0.001 % with at least 100,000 copies.
    [InlineData("0.001", 100_000, MolecularLevel.Mr5)]
    [InlineData("0.001", 99_999, MolecularLevel.Mr4_5)]
    [InlineData("0.001", 31_999, MolecularLevel.Mr4)]
    [InlineData("0.0005", 5_000, MolecularLevel.Mmr)]
    // Undetectable: its depth is what its copies can show; below 10,000 it shows nothing.
    [InlineData("0", 100_000, MolecularLevel.Mr5)]
    [InlineData("0", 99_999, MolecularLevel.Mr4_5)]
    [InlineData("0", 32_000, MolecularLevel.Mr4_5)]
    [InlineData("0", 31_999, MolecularLevel.Mr4)]
    [InlineData("0", 10_000, MolecularLevel.Mr4)]
    [InlineData("0", 9_999, MolecularLevel.NotEvaluable)]
    [InlineData("0", 1, MolecularLevel.NotEvaluable)]
    public void Level_of_one_result(string percentIs, int copies, MolecularLevel expected) =>
        Assert.Equal(expected, MolecularLevels.Of(new MolecularAssessment(new DateOnly(2024, 4, 1),
            decimal.Parse(percentIs, System.Globalization.CultureInfo.InvariantCulture), copies)));
}
