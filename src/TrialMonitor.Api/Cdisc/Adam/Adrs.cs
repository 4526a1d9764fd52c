using TrialMonitor.Api.Cdisc.DatasetJson;
using TrialMonitor.Api.Cdisc.Sdtm;
using TrialMonitor.Clinical.Course;
using TrialMonitor.Clinical.Molecular;
using static TrialMonitor.Api.Cdisc.CdiscSubject;

namespace TrialMonitor.Api.Cdisc.Adam;

/// <summary>
/// ADaM ADRS: the derived response at each assessment (the RS rows with RSDRVFL Y), with AVAL the
/// category's rank (1 complete, then each worse category, the last none; for a molecular level 1 MR5
/// to 7 &gt; 10 %, none for NE), the Ph+ % or BCR-ABL1 % it rests on, and the RS row it comes from
/// (SRCDOM/SRCVAR/SRCSEQ). Then ELN-2020's molecular milestones at 3, 6 and 12 months (MR3M, MR6M,
/// MR12M: AVALC the verdict, AVAL 1 optimal to 3 failure, ADT the result's day, DUEDT the milestone's,
/// CONFDT the result confirming a 3-month failure) and, once concluded, the current status after 12
/// months (MRCURR, from the latest evaluable result), as the system concluded them at the export's cut-off.
/// </summary>
public static class Adrs
{
    public const string CurrentStatus = "MRCURR";

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
        DatasetColumn.DecimalNumber("BCRABLIS", "BCR-ABL1/ABL1 International Scale (%)"),
        DatasetColumn.AnalysisDate("ADT", "Analysis Date"),
        DatasetColumn.WholeNumber("ADY", "Analysis Relative Day"),
        DatasetColumn.AnalysisDate("DUEDT", "Date Milestone Due"),
        DatasetColumn.AnalysisDate("CONFDT", "Date of Confirming Result"),
        DatasetColumn.AnalysisDate("TRTSDT", "Date of First Exposure to Treatment"),
        DatasetColumn.AnalysisDate("ESCDT", "Date of Dose Escalation"),
        DatasetColumn.Text("SRCDOM", "Source Domain", 8),
        DatasetColumn.Text("SRCVAR", "Source Variable", 8),
        DatasetColumn.WholeNumber("SRCSEQ", "Source Sequence Number"),
    ], Rows);

    /// <summary>PARAMCD of the milestone at this month: MR3M, MR6M, MR12M.</summary>
    public static string MilestoneCode(int month) => $"MR{month}M";

    private static IEnumerable<object?[]> Rows(CdiscSubject s)
    {
        var records = Rs.Records(s);
        foreach (var r in records.Where(r => r.Derived))
        {
            yield return
            [
                .. AdamIdentifiers.Cells(s),
                r.TestCode, Rs.TestName(r.TestCode), Rs.CriteriaSetOf(r.TestCode, s.Study),
                r.Result, Rank(r),
                r.PhPositivePercent,
                r.TestCode == Rs.Cytogenetic ? YesNo(r.Method == "FISH") : null,
                r.BcrAbl1PercentIs,
                Iso(r.On), s.StudyDay(r.On), null, null,
                Iso(s.Assessment.StandardDoseStartedOn), Iso(s.Assessment.EscalatedOn),
                "RS", "RSSTRESC", r.Sequence,
            ];
        }
        if (s.Molecular is not { } molecular) yield break;
        foreach (var milestone in molecular.Milestones)
        {
            var result = milestone.ResultOn is { } on
                ? molecular.Results.First(m => m.CollectedOn == on && m.BcrAbl1PercentIs == milestone.PercentIs && m.Level.IsEvaluable())
                : null;
            yield return Molecular(s, records, MilestoneCode(milestone.Month), $"Molecular Response Milestone at {milestone.Month} Months",
                milestone.Assessment, result, milestone.DueOn, milestone.ConfirmedOn);
        }
        if (molecular.CurrentStatus is { } status)
        {
            yield return Molecular(s, records, CurrentStatus, "Molecular Response Status after 12 Months (Latest Result)",
                status, molecular.LastEvaluable, null, null);
        }
    }

    private static object?[] Molecular(CdiscSubject s, IReadOnlyList<ResponseRecord> records, string code, string name,
        MilestoneAssessment assessment, MolecularResult? result, DateOnly? dueOn, DateOnly? confirmedOn)
    {
        var source = result is null ? null : Rs.Of(records, result);
        return
        [
            .. AdamIdentifiers.Cells(s),
            code, name, MolecularTerms.CriteriaSet,
            MolecularTerms.Code(assessment), MolecularTerms.Rank(assessment),
            null, null,
            result?.BcrAbl1PercentIs,
            Iso(result?.CollectedOn), s.StudyDay(result?.CollectedOn), Iso(dueOn), Iso(confirmedOn),
            Iso(s.Assessment.StandardDoseStartedOn), Iso(s.Assessment.EscalatedOn),
            source is null ? null : "RS", source is null ? null : "RSDTC", source?.Sequence,
        ];
    }

    private static int? Rank(ResponseRecord r) => r.TestCode switch
    {
        Rs.Cytogenetic => 1 + (int)Enum.Parse<CytogeneticCategory>(r.Result, ignoreCase: true),
        Rs.Hematologic => 1 + (int)Enum.Parse<HematologicCategory>(r.Result, ignoreCase: true),
        _ => MolecularTerms.LevelRank(r.Result),
    };
}
