using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Clinical.Cytogenetics;

/// <summary>
/// One criteria set's cytogenetic bands. A set with molecular milestones (ELN-2020) adds its
/// own interface beside this one rather than widening it, so the cytogenetic rules stay as they are.
/// </summary>
public interface ICytogeneticCriteria
{
    string Name { get; }

    /// <summary>The category of one Ph+ result, or null when the result is not evaluable under this set.</summary>
    CytogeneticCategory? Categorise(CytogeneticAssessment assessment, decimal? fishBackgroundCutoffPercent);
}
