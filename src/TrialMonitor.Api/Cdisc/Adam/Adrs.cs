using TrialMonitor.Api.Cdisc.DatasetJson;
using TrialMonitor.Api.Cdisc.Sdtm;
using TrialMonitor.Clinical.Course;
using static TrialMonitor.Api.Cdisc.CdiscSubject;

namespace TrialMonitor.Api.Cdisc.Adam;

/// <summary>
/// ADaM ADRS: the derived response at each assessment (the RS rows with RSDRVFL Y), with AVAL the
/// category's rank (1 complete, then each worse category, the last none), the Ph+ % it rests on, and the RS row it comes from
/// (SRCDOM/SRCVAR/SRCSEQ).
/// </summary>
public static class Adrs
{
    public static CdiscDataset Dataset { get; } = new(CdiscModel.Adam, "ADRS", "Response Analysis Dataset",
    [
        .. AdamIdentifiers.Columns,
        DatasetColumn.Text("PARAMCD", "Parameter Code", 8, key: 3),
        DatasetColumn.Text("PARAM", "Parameter", 100),
        DatasetColumn.Text("PARCAT1", "Parameter Category 1", 20),
        DatasetColumn.Text("AVALC", "Analysis Value (C)", 20),
        DatasetColumn.WholeNumber("AVAL", "Analysis Value"),
        DatasetColumn.DecimalNumber("PHPCT", "Ph+ Metaphases or Nuclei (%)"),
        DatasetColumn.Text("FISHFL", "Assessed by FISH Flag", 1),
        DatasetColumn.AnalysisDate("ADT", "Analysis Date"),
        DatasetColumn.WholeNumber("ADY", "Analysis Relative Day"),
        DatasetColumn.AnalysisDate("TRTSDT", "Date of First Exposure to Treatment"),
        DatasetColumn.AnalysisDate("ESCDT", "Date of Dose Escalation"),
        DatasetColumn.Text("SRCDOM", "Source Domain", 8),
        DatasetColumn.Text("SRCVAR", "Source Variable", 8),
        DatasetColumn.WholeNumber("SRCSEQ", "Source Sequence Number"),
    ], Rows);

    private static IEnumerable<object?[]> Rows(CdiscSubject s) =>
        Rs.Records(s).Where(r => r.Derived).Select(r => (object?[])
        [
            .. AdamIdentifiers.Cells(s),
            r.TestCode, Rs.TestName(r.TestCode), s.Study.CriteriaSet,
            r.Result, Rank(r),
            r.PhPositivePercent,
            r.TestCode == Rs.Cytogenetic ? YesNo(r.Method == "FISH") : null,
            Iso(r.On), s.StudyDay(r.On),
            Iso(s.Assessment.StandardDoseStartedOn), Iso(s.Assessment.EscalatedOn),
            "RS", "RSSTRESC", r.Sequence,
        ]);

    private static int Rank(ResponseRecord r) => 1 + (r.TestCode == Rs.Cytogenetic
        ? (int)Enum.Parse<CytogeneticCategory>(r.Result, ignoreCase: true)
        : (int)Enum.Parse<HematologicCategory>(r.Result, ignoreCase: true));
}
