using TrialMonitor.Api.Cdisc.DatasetJson;
using TrialMonitor.Api.Cdisc.Sdtm;
using TrialMonitor.Clinical.Course;
using TrialMonitor.Clinical.Cytogenetics;
using TrialMonitor.Clinical.Molecular;
using static TrialMonitor.Api.Cdisc.CdiscSubject;

namespace TrialMonitor.Api.Cdisc.Adam;

/// <summary>
/// ADaM ADTTE: the duration of improvement after escalation, one row per Table 3 line, as the
/// system's <see cref="ImprovementEpisode"/> has it: AVAL the days from the first assessment
/// documenting the improved response (STARTDT) to the end (ADT), CNSR 1 where Table 3 prints "+".
/// The end traces to its SDTM row: the worse assessment or the last assessment (RS), or the death,
/// transformation or discontinuation (DS).
/// And the time to MMR (TTMMR, ELN-2020) of each patient analysed for molecular response who started
/// therapy: AVAL the days from day 0 (STARTDT) to the first result at MMR or deeper (CNSR 0), else
/// censored (CNSR 1) at the last evaluable result, or at day 0 when there is none after it.
/// </summary>
public static class Adtte
{
    public const string DurationOfImprovement = "DURIMPR";
    public const string TimeToMmr = "TTMMR";

    public static CdiscDataset Dataset { get; } = new(CdiscModel.Adam, "ADTTE", "Time-to-Event Analysis Dataset",
    [
        .. AdamIdentifiers.Columns,
        DatasetColumn.Text("PARAMCD", "Parameter Code", 8, key: 3),
        DatasetColumn.Text("PARAM", "Parameter", 100),
        DatasetColumn.Text("PARCAT1", "Parameter Category 1", 20),
        DatasetColumn.WholeNumber("AVAL", "Analysis Value"),
        DatasetColumn.Text("AVALU", "Analysis Value Unit", 4),
        DatasetColumn.Text("AVALCAT1", "Analysis Value Category 1", 20),
        DatasetColumn.Text("IMPRCAT", "Improved CG Response after Escalation", 10),
        DatasetColumn.Text("FISHFL", "Improvement Documented by FISH Only", 1),
        DatasetColumn.AnalysisDate("STARTDT", "Time to Event Origin Date for Subject"),
        DatasetColumn.AnalysisDate("ADT", "Analysis Date"),
        DatasetColumn.WholeNumber("CNSR", "Censor"),
        DatasetColumn.Text("EVNTDESC", "Event or Censoring Description", 60),
        DatasetColumn.Text("CNSDTDSC", "Censor Date Description", 60),
        DatasetColumn.Text("SRCDOM", "Source Domain", 8),
        DatasetColumn.Text("SRCVAR", "Source Variable", 8),
        DatasetColumn.WholeNumber("SRCSEQ", "Source Sequence Number"),
        DatasetColumn.AnalysisDate("TRTSDT", "Date of First Exposure to Treatment"),
        DatasetColumn.AnalysisDate("ESCDT", "Date of Dose Escalation"),
    ], Rows);

    private sealed record Source(string Description, string Domain, string Variable, int? Sequence);

    private static IEnumerable<object?[]> Rows(CdiscSubject s)
    {
        if (s.Assessment.Improvement is { } episode) yield return DurationOfImprovementRow(s, episode);
        if (s.Molecular is { StartedOn: { } dayZero } molecular) yield return TimeToMmrRow(s, molecular, dayZero);
    }

    private static object?[] DurationOfImprovementRow(CdiscSubject s, ImprovementEpisode episode)
    {
        var source = episode.Censored ? CensoredAt(s, episode) : EndedBy(s, episode);
        return
        [
            .. AdamIdentifiers.Cells(s),
            DurationOfImprovement, "Duration of Improved Cytogenetic Response after Escalation (days)", s.Study.CriteriaSet,
            episode.DurationDays, "DAYS", episode.Display,
            Rs.Category(episode.ImprovedCategory), YesNo(episode.ByFish),
            Iso(episode.StartOn), Iso(episode.EndOn),
            episode.Censored ? 1 : 0,
            source.Description,
            episode.Censored ? source.Description : null,
            source.Domain, source.Variable, source.Sequence,
            Iso(s.Assessment.StandardDoseStartedOn), Iso(s.Assessment.EscalatedOn),
        ];
    }

    private static object?[] TimeToMmrRow(CdiscSubject s, MolecularResponse molecular, DateOnly dayZero)
    {
        var records = Rs.Records(s);
        var mmr = molecular.MmrReachedOn is { } reachedOn ? molecular.Results.First(r => r.CollectedOn == reachedOn && r.Level.IsMmrOrDeeper()) : null;
        // A result before day 0 is a baseline: a patient without one since is censored at day 0.
        var last = molecular.LastEvaluable is { } evaluable && evaluable.CollectedOn >= dayZero ? evaluable : null;
        var (end, source, censored) = (mmr, last) switch
        {
            ({ } reached, _) => (reached.CollectedOn, new Source("MAJOR MOLECULAR RESPONSE", "RS", "RSDTC", Rs.Of(records, reached)?.Sequence), false),
            (null, { } lastEvaluable) => (lastEvaluable.CollectedOn,
                new Source("LAST EVALUABLE MOLECULAR ASSESSMENT", "RS", "RSDTC", Rs.Of(records, lastEvaluable)?.Sequence), true),
            _ => (dayZero, new Source("START OF THERAPY, NO EVALUABLE MOLECULAR ASSESSMENT", "DM", "RFXSTDTC", null), true),
        };
        return
        [
            .. AdamIdentifiers.Cells(s),
            TimeToMmr, "Time to Major Molecular Response (days)", MolecularTerms.CriteriaSet,
            end.DayNumber - dayZero.DayNumber, "DAYS", null,
            null, null,
            Iso(dayZero), Iso(end),
            censored ? 1 : 0,
            source.Description,
            censored ? source.Description : null,
            source.Domain, source.Variable, source.Sequence,
            Iso(s.Assessment.StandardDoseStartedOn), Iso(s.Assessment.EscalatedOn),
        ];
    }

    private static Source CensoredAt(CdiscSubject s, ImprovementEpisode episode) =>
        new("LAST CYTOGENETIC ASSESSMENT", "RS", "RSDTC", DerivedCytogenetic(s, episode.EndOn)?.Sequence);

    /// <summary>Which recorded fact ended the episode on its end date, in the order the rule lists them.</summary>
    private static Source EndedBy(CdiscSubject s, ImprovementEpisode episode)
    {
        if (DerivedCytogenetic(s, episode.EndOn) is { } worse
            && Enum.Parse<CytogeneticCategory>(worse.Result, ignoreCase: true).IsWorseThan(episode.ImprovedCategory))
            return new Source("LOSS OF IMPROVED CYTOGENETIC RESPONSE", "RS", "RSDTC", worse.Sequence);
        var disposition = Ds.Records(s).Where(r => r.On == episode.EndOn).ToList();
        var ending = disposition.FirstOrDefault(r => r.Subcategory == Ds.StudyTreatment)
            ?? disposition.FirstOrDefault(r => r.Category == Ds.OtherEvent)
            ?? disposition.FirstOrDefault(r => r.Decoded == Ds.Death);
        return ending is null
            ? new Source("END OF IMPROVED CYTOGENETIC RESPONSE", "RS", "RSDTC", null)
            : new Source(ending.Term, "DS", "DSSTDTC", ending.Sequence);
    }

    private static ResponseRecord? DerivedCytogenetic(CdiscSubject s, DateOnly on) =>
        Rs.Records(s).LastOrDefault(r => r.Derived && r.TestCode == Rs.Cytogenetic && r.On == on);
}
