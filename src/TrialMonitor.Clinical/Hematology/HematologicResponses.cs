using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Clinical.Hematology;

/// <summary>Complete and partial hematologic response (MDACC-2003, Kantarjian, Blood 2003, "Response criteria").</summary>
public static class HematologicResponses
{
    // MDACC-2003: CHR needs WBC < 10 × 10^9/L, platelets < 450 × 10^9/L and basophils < 5 %.
    public const decimal WbcBelow = 10m;
    public const decimal PlateletsBelow = 450m;
    public const decimal BasophilsPercentBelow = 5m;

    // MDACC-2003: PHR accepts splenomegaly or thrombocytosis that persists but improved by more
    // than 50 %, i.e. now below half the reference value.
    private const decimal ImprovedFraction = 0.5m;

    /// <summary>
    /// The hematologic category of a count read with its exam, or null when it cannot be judged:
    /// no exam, or WBC, platelets or any part of the differential missing (not reported is not absent).
    /// </summary>
    public static HematologicCategory? Assess(BloodCount count, PhysicalExam? exam, HematologicReference? reference)
    {
        ArgumentNullException.ThrowIfNull(count);
        if (exam is null
            || count is not { Wbc: { } wbc, Platelets: { } platelets, BlastsPercent: { } blasts, BasophilsPercent: { } basophils, PromyelocytesMyelocytesPercent: { } immature })
        {
            return null;
        }

        var restIsNormal = wbc < WbcBelow && basophils < BasophilsPercentBelow && !exam.DiseaseSignsOrSymptoms;
        var noImmatureCells = blasts == 0m && immature == 0m;
        var noSpleen = exam.SpleenCmBelowCostalMargin <= 0m;
        var normalPlatelets = platelets < PlateletsBelow;

        if (restIsNormal && noImmatureCells && noSpleen && normalPlatelets)
        {
            return HematologicCategory.Complete;
        }

        var spleenAcceptable = noSpleen || ImprovedByMoreThanHalf(exam.SpleenCmBelowCostalMargin, reference?.SpleenCmBelowCostalMargin);
        var plateletsAcceptable = normalPlatelets || ImprovedByMoreThanHalf(platelets, reference?.Platelets);
        return restIsNormal && spleenAcceptable && plateletsAcceptable
            ? HematologicCategory.Partial
            : HematologicCategory.None;
    }

    private static bool ImprovedByMoreThanHalf(decimal now, decimal? reference) =>
        reference is > 0m and { } r && now < r * ImprovedFraction;
}
