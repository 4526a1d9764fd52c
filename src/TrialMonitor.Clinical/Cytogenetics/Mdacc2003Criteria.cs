using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Clinical.Cytogenetics;

/// <summary>The paper's set (Kantarjian, Blood 2003), the default. The bands leave no gaps.</summary>
internal sealed class Mdacc2003Criteria : ICytogeneticCriteria
{
    public string Name => ClinicalSettings.Mdacc2003;

    public CytogeneticCategory? Categorise(CytogeneticAssessment assessment, decimal? fishBackgroundCutoffPercent)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var ph = assessment.PhPositivePercent;
        if (!CytogeneticCriteria.IsPercentage(ph))
        {
            return null;
        }

        if (CytogeneticCriteria.IsCompleteByFishBackground(assessment, fishBackgroundCutoffPercent))
        {
            return CytogeneticCategory.Complete;
        }

        return ph switch
        {
            // MDACC-2003: complete is 0 % Ph+.
            0m => CytogeneticCategory.Complete,
            // MDACC-2003: partial is > 0 and < 35 % Ph+ (the paper prints 1–34; 34.5 is still below 35).
            < 35m => CytogeneticCategory.Partial,
            // MDACC-2003: minor is 35–90 % Ph+.
            <= 90m => CytogeneticCategory.Minor,
            // MDACC-2003: none is > 90 % Ph+.
            _ => CytogeneticCategory.None,
        };
    }
}
