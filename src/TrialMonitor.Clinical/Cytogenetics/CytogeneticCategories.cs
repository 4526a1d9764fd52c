using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Clinical.Cytogenetics;

/// <summary>Ordering of categories: CytogeneticCategory is declared from best (Complete) to worst (None).</summary>
public static class CytogeneticCategories
{
    // MDACC-2003: major = complete or partial (Ph+ below 35 %).
    public static bool IsMajor(this CytogeneticCategory category) =>
        category is CytogeneticCategory.Complete or CytogeneticCategory.Partial;

    public static bool IsBetterThan(this CytogeneticCategory category, CytogeneticCategory other) => category < other;

    public static bool IsWorseThan(this CytogeneticCategory category, CytogeneticCategory other) => category > other;
}
