using TrialMonitor.Clinical.Course;

namespace TrialMonitor.DemoCohort.FirstLine;

/// <summary>
/// One BCR-ABL1 result as a laboratory reports it: the true level with the assay's scatter (± 0.15 log),
/// on a sample whose ABL1 control copies vary (mostly 25,000–250,000, some 10,000–32,000, now and then
/// a poor sample below 10,000), undetectable (0 %) when less than one transcript is expected in it.
/// </summary>
internal static class PcrSample
{
    public static MolecularAssessment Measure(DateOnly collectedOn, decimal trueLog, Draws draws)
    {
        var copies = draws.Int(1, 100) switch
        {
            <= 4 => draws.Int(15, 98) * 100,
            <= 12 => draws.Int(100, 319) * 100,
            _ => draws.Int(250, 2_500) * 100,
        };
        var percent = DecimalPowers.Pow10(trueLog + draws.Between(-0.15m, 0.15m));
        var transcripts = percent / 100m * copies;
        return new MolecularAssessment(collectedOn, transcripts < 1m ? 0m : DecimalPowers.ThreeSignificant(percent), copies);
    }
}
