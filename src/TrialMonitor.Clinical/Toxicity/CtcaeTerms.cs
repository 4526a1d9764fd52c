namespace TrialMonitor.Clinical.Toxicity;

/// <summary>The CTCAE v5 terms graded from a blood count, spelled as CTCAE spells them.</summary>
public static class CtcaeTerms
{
    public const string Anemia = "Anemia";
    public const string NeutrophilCountDecreased = "Neutrophil count decreased";
    public const string PlateletCountDecreased = "Platelet count decreased";
    public const string WhiteBloodCellDecreased = "White blood cell decreased";
}
