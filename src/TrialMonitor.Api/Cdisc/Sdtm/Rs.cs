using TrialMonitor.Api.Cdisc.DatasetJson;
using TrialMonitor.Clinical.Course;
using TrialMonitor.Clinical.Molecular;
using static TrialMonitor.Api.Cdisc.CdiscSubject;

namespace TrialMonitor.Api.Cdisc.Sdtm;

/// <summary>
/// SDTM RS: the cytogenetic and hematologic responses the system derived from each evaluable result
/// under the trial's criteria set (RSCAT; RSEVAL SPONSOR, RSDRVFL Y; RSLNKID names the LB result),
/// and those the investigator reported (RSEVAL INVESTIGATOR). Both are kept, told apart, so a
/// discrepancy reads as two rows. FISH-based cytogenetic responses have RSMETHOD FISH (the paper's "*").
/// Beside them, the molecular level of each BCR-ABL1 result (MOLRESP, RSCAT ELN-2020 whatever the
/// trial's set, <see cref="MolecularTerms"/>), NE where the result lacks the copies to show its depth.
/// </summary>
public static class Rs
{
    public const string Cytogenetic = "CGRESP";
    public const string Hematologic = "HEMRESP";
    public const string Molecular = "MOLRESP";
    public const string Investigator = "INVESTIGATOR";
    public const string Sponsor = "SPONSOR";

    public static CdiscDataset Dataset { get; } = new(CdiscModel.Sdtm, "RS", "Disease Response",
    [
        .. SdtmIdentifiers.For("RS"),
        DatasetColumn.Text("RSLNKID", "Link ID", 40),
        DatasetColumn.Text("RSTESTCD", "Assessment Short Name", 8, key: 3),
        DatasetColumn.Text("RSTEST", "Assessment Name", 40),
        DatasetColumn.Text("RSCAT", "Category for Assessment", 20),
        DatasetColumn.Text("RSORRES", "Result or Finding in Original Units", 20),
        DatasetColumn.Text("RSSTRESC", "Character Result/Finding in Std Format", 20),
        DatasetColumn.Text("RSMETHOD", "Method of Test or Examination", 20),
        DatasetColumn.Text("RSEVAL", "Evaluator", 20, key: 5),
        DatasetColumn.Text("RSDRVFL", "Derived Flag", 1),
        DatasetColumn.IsoDate("RSDTC", "Date/Time of Assessment", key: 4),
        DatasetColumn.WholeNumber("RSDY", "Study Day of Assessment"),
    ], Rows);

    public static string TestName(string testCode) => testCode switch
    {
        Cytogenetic => "Cytogenetic Response",
        Hematologic => "Hematologic Response",
        _ => "Molecular Response",
    };

    /// <summary>RSCAT of a test: the trial's criteria set, ELN-2020 for the molecular response.</summary>
    public static string CriteriaSetOf(string testCode, CdiscStudy study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return testCode == Molecular ? MolecularTerms.CriteriaSet : study.CriteriaSet;
    }

    /// <summary>The RS record of a molecular result (the first of a day's alike), or null.</summary>
    public static ResponseRecord? Of(IReadOnlyList<ResponseRecord> records, MolecularResult result)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(result);
        var level = MolecularTerms.Code(result.Level);
        return records.FirstOrDefault(r => r.TestCode == Molecular && r.On == result.CollectedOn && r.Result == level
            && r.BcrAbl1PercentIs == result.BcrAbl1PercentIs);
    }

    /// <summary>A response category as RS writes it: COMPLETE, PARTIAL, MINOR, MINIMAL, NONE.</summary>
    public static string Category<T>(T category) where T : struct, Enum => category.ToString().ToUpperInvariant();

    /// <summary>The patient's RS records: by date, cytogenetic, hematologic, then molecular, derived before reported; numbered.</summary>
    public static IReadOnlyList<ResponseRecord> Records(CdiscSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var course = subject.Course;
        var settings = subject.Study.Settings;
        var unnumbered = new List<ResponseRecord>();
        unnumbered.AddRange(PatientEvaluation.CytogeneticResponses(course, settings).Select(c =>
            new ResponseRecord(0, Cytogenetic, c.AssessedOn, Category(c.Category), true, c.ByFish ? "FISH" : "KARYOTYPING",
                Lb.CytogeneticsLink(c.AssessedOn), c.PhPositivePercent)));
        unnumbered.AddRange(PatientEvaluation.HematologicResponses(course, settings).Select(h =>
            new ResponseRecord(0, Hematologic, h.AssessedOn, Category(h.Category), true, null, Lb.BloodCountLink(h.AssessedOn), null)));
        foreach (var reported in course.ReportedResponses)
        {
            if (reported.Cytogenetic is { } cg)
                unnumbered.Add(new ResponseRecord(0, Cytogenetic, reported.AssessedOn, Category(cg), false, null, null, null));
            if (reported.Hematologic is { } hem)
                unnumbered.Add(new ResponseRecord(0, Hematologic, reported.AssessedOn, Category(hem), false, null, null, null));
        }
        unnumbered.AddRange((subject.Molecular?.Results ?? []).Select(m =>
            new ResponseRecord(0, Molecular, m.CollectedOn, MolecularTerms.Code(m.Level), true, MolecularTerms.Method,
                Lb.MolecularLink(m.CollectedOn), null, m.BcrAbl1PercentIs)));
        return
        [
            .. unnumbered
                .OrderBy(r => r.On)
                .ThenBy(r => r.TestCode switch { Cytogenetic => 0, Hematologic => 1, _ => 2 })
                .ThenBy(r => r.Derived ? 0 : 1)
                .Select((r, index) => r with { Sequence = index + 1 }),
        ];
    }

    private static IEnumerable<object?[]> Rows(CdiscSubject s) =>
        Records(s).Select(r => (object?[])
        [
            .. SdtmIdentifiers.Cells(s, "RS", r.Sequence),
            r.Link, r.TestCode, TestName(r.TestCode), CriteriaSetOf(r.TestCode, s.Study), r.Result, r.Result, r.Method,
            r.Derived ? Sponsor : Investigator,
            YesOrNull(r.Derived),
            Iso(r.On), s.StudyDay(r.On),
        ]);
}
