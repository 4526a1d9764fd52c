using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Clinical.Cytogenetics;

/// <summary>
/// ELN-2013 (Baccarani, Blood 2013). The published bands are whole numbers (1–35, 36–65, 66–95);
/// a value between two bands falls into the worse one, i.e. each band is closed at its upper
/// bound: 0.5 is partial, 35.5 minor, 65.5 minimal, 95.5 none. ELN-2020 (Hochhaus, Leukemia 2020)
/// keeps these bands and adds the molecular milestones, which every trial is evaluated on
/// (<see cref="Molecular.MolecularEvaluation"/>), so it is this class under its own name.
/// </summary>
internal sealed class Eln2013Criteria(string name) : ICytogeneticCriteria
{
    // ELN-2013: a karyotype is evaluable with at least 20 metaphases.
    public const int MinimumMetaphases = 20;

    public string Name => name;

    public CytogeneticCategory? Categorise(CytogeneticAssessment assessment, decimal? fishBackgroundCutoffPercent)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var ph = assessment.PhPositivePercent;
        if (!CytogeneticCriteria.IsPercentage(ph))
        {
            return null;
        }

        // A karyotype on too few metaphases cannot place the result in a band; it is not evaluable
        // rather than guessed.
        if (assessment.Method == CytogeneticMethod.Karyotype && assessment.CellsAnalysed < MinimumMetaphases)
        {
            return null;
        }

        if (CytogeneticCriteria.IsCompleteByFishBackground(assessment, fishBackgroundCutoffPercent))
        {
            return CytogeneticCategory.Complete;
        }

        return ph switch
        {
            // ELN-2013: complete 0; partial 1–35; minor 36–65; minimal 66–95; none > 95 % Ph+.
            0m => CytogeneticCategory.Complete,
            <= 35m => CytogeneticCategory.Partial,
            <= 65m => CytogeneticCategory.Minor,
            <= 95m => CytogeneticCategory.Minimal,
            _ => CytogeneticCategory.None,
        };
    }
}
