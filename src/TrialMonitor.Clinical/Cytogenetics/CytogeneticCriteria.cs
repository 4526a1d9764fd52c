using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Clinical.Cytogenetics;

/// <summary>The criteria sets a trial can choose by name (ClinicalSettings.CriteriaSet).</summary>
public static class CytogeneticCriteria
{
    public static readonly ICytogeneticCriteria Mdacc2003 = new Mdacc2003Criteria();
    public static readonly ICytogeneticCriteria Eln2013 = new Eln2013Criteria(ClinicalSettings.Eln2013);
    public static readonly ICytogeneticCriteria Eln2020 = new Eln2013Criteria(ClinicalSettings.Eln2020);

    public static IReadOnlyList<ICytogeneticCriteria> All { get; } = [Mdacc2003, Eln2013, Eln2020];

    /// <summary>The names a trial is registered with, or a reader asks for, exactly as spelt here.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(c => c.Name)];

    /// <exception cref="ArgumentException">The trial names a criteria set this system does not know.</exception>
    public static ICytogeneticCriteria ForName(string criteriaSet) =>
        All.FirstOrDefault(c => string.Equals(c.Name, criteriaSet, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown criteria set '{criteriaSet}'.", nameof(criteriaSet));

    /// <summary>The result placed in its category under the trial's set, or null when not evaluable.</summary>
    public static CytogeneticResponse? Assess(CytogeneticAssessment assessment, ClinicalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(settings);
        var category = ForName(settings.CriteriaSet).Categorise(assessment, settings.FishBackgroundCutoffPercent);
        return category is { } c
            ? new CytogeneticResponse(assessment.CollectedOn, assessment.PhPositivePercent, c, assessment.Method == CytogeneticMethod.Fish)
            : null;
    }

    /// <summary>
    /// DOMAIN: FISH results use the karyotype bands unless the trial sets a background cut-off,
    /// at or below which a FISH result counts as complete. Shared by every set.
    /// </summary>
    internal static bool IsCompleteByFishBackground(CytogeneticAssessment assessment, decimal? fishBackgroundCutoffPercent) =>
        assessment.Method == CytogeneticMethod.Fish
        && fishBackgroundCutoffPercent is { } cutoff
        && assessment.PhPositivePercent <= cutoff;

    internal static bool IsPercentage(decimal value) => value is >= 0m and <= 100m;
}
