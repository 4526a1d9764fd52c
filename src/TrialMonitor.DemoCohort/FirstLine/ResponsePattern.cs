namespace TrialMonitor.DemoCohort.FirstLine;

/// <summary>
/// How BCR-ABL1 falls (or fails to) on first-line imatinib; the level of each result is then drawn
/// within the pattern's ranges (<see cref="ResponsePlans"/>), so the verdicts are the rules' to find.
/// </summary>
internal enum ResponsePattern
{
    /// <summary>A fast fall: about 0.3–7 % at 3 months, below 1 % at 6, MMR by 12, deeper after (a plateau from MMR to undetectable).</summary>
    Optimal,

    /// <summary>1–10 % at 3 and 6 months, 0.1–1 % at 12, MMR mostly in the second year.</summary>
    LateMmr,

    /// <summary>Above 10 % at 3 months, below it on the repeat and falling: MMR by 12 to 24 months.</summary>
    SlowStart,

    /// <summary>Above 10 % at 3 months and on the repeat (primary resistance): escalated to 600 mg, or switched to another TKI.</summary>
    PrimaryResistance,

    /// <summary>Falling at 3 months, above 10 % again at 6 (resistance): escalated or switched.</summary>
    RiseBy6Months,

    /// <summary>Still above 1 % at 12 months: some escalated, all falling slowly after.</summary>
    AboveOnePercentAt12Months,

    /// <summary>MMR reached, then lost after 15 to 33 months (poor adherence or resistance); regained, or escalated.</summary>
    MmrLost,

    /// <summary>A plateau between 0.1 and 1 % (a result may dip below 0.1 % by the assay's scatter).</summary>
    PlateauAboveMmr,

    /// <summary>No response, then blastic transformation and death.</summary>
    BlasticTransformation,
}
