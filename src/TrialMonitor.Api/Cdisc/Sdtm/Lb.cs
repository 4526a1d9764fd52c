using System.Globalization;
using TrialMonitor.Api.Cdisc.DatasetJson;
using TrialMonitor.Api.Patients.Entries;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Clinical.Course;
using TrialMonitor.Clinical.Toxicity;
using static TrialMonitor.Api.Cdisc.CdiscSubject;

namespace TrialMonitor.Api.Cdisc.Sdtm;

/// <summary>
/// SDTM LB: blood counts (hematology), marrow, cytogenetics (Ph+ %, method KARYOTYPING or FISH) and
/// molecular results, one row per test. LBTOXGR is the CTCAE v5 grade the system derives from the
/// count (<see cref="CtcaeV5Grading"/>), grade 0 included, on the four graded tests. LBLNKID links a
/// blood count, cytogenetic or molecular result to the responses derived from it in RS (RSLNKID).
/// </summary>
public static class Lb
{
    public const string Hematology = "HEMATOLOGY";
    public const string BoneMarrow = "BONE MARROW";
    public const string Cytogenetics = "CYTOGENETICS";
    public const string Molecular = "MOLECULAR";

    public const string PhPositiveTestCode = "PHPOS";

    public static CdiscDataset Dataset { get; } = new(CdiscModel.Sdtm, "LB", "Laboratory Test Results",
    [
        .. SdtmIdentifiers.For("LB"),
        DatasetColumn.Text("LBLNKID", "Link ID", 40),
        DatasetColumn.Text("LBTESTCD", "Lab Test or Examination Short Name", 8, key: 4),
        DatasetColumn.Text("LBTEST", "Lab Test or Examination Name", 40),
        DatasetColumn.Text("LBCAT", "Category for Lab Test", 20, key: 3),
        DatasetColumn.Text("LBSPEC", "Specimen Type", 20),
        DatasetColumn.Text("LBMETHOD", "Method of Test or Examination", 40),
        DatasetColumn.Text("LBORRES", "Result or Finding in Original Units", 40),
        DatasetColumn.Text("LBORRESU", "Original Units", 20),
        DatasetColumn.Text("LBORNRLO", "Reference Range Lower Limit in Orig Unit", 40),
        DatasetColumn.Text("LBSTRESC", "Character Result/Finding in Std Format", 40),
        DatasetColumn.DecimalNumber("LBSTRESN", "Numeric Result/Finding in Standard Units"),
        DatasetColumn.Text("LBSTRESU", "Standard Units", 20),
        DatasetColumn.DecimalNumber("LBSTNRLO", "Reference Range Lower Limit-Std Units"),
        DatasetColumn.Text("LBTOX", "Toxicity", 40),
        DatasetColumn.Text("LBTOXGR", "Standard Toxicity Grade", 1),
        DatasetColumn.IsoDate("LBDTC", "Date/Time of Specimen Collection", key: 5),
        DatasetColumn.WholeNumber("LBDY", "Study Day of Specimen Collection"),
    ], Rows);

    /// <summary>LBLNKID of a blood count, as RSLNKID of the hematologic response read from it.</summary>
    public static string BloodCountLink(DateOnly collectedOn) => $"CBC {Iso(collectedOn)}";

    /// <summary>LBLNKID of a cytogenetic result, as RSLNKID of the cytogenetic response read from it.</summary>
    public static string CytogeneticsLink(DateOnly collectedOn) => $"CG {Iso(collectedOn)}";

    /// <summary>LBLNKID of a BCR-ABL1 result (both its rows), as RSLNKID of the molecular level read from it.</summary>
    public static string MolecularLink(DateOnly collectedOn) => $"PCR {Iso(collectedOn)}";

    private sealed record Result(
        DateOnly On, int Source, string? Link, string TestCode, string Test, string Category, string? Specimen, string? Method,
        decimal Value, string Unit, decimal? LowerLimit, string? Toxicity, int? Grade);

    private static IEnumerable<object?[]> Rows(CdiscSubject s) =>
        Results(s.Course)
            .OrderBy(r => r.On)
            .ThenBy(r => r.Source)
            .Select((r, index) => (object?[])
            [
                .. SdtmIdentifiers.Cells(s, "LB", index + 1),
                r.Link, r.TestCode, r.Test, r.Category, r.Specimen, r.Method,
                Text(r.Value), r.Unit, r.LowerLimit is { } lln ? Text(lln) : null,
                Text(r.Value), r.Value, r.Unit, r.LowerLimit,
                r.Grade is null ? null : r.Toxicity,
                r.Grade?.ToString(CultureInfo.InvariantCulture),
                Iso(r.On), s.StudyDay(r.On),
            ]);

    private static IEnumerable<Result> Results(PatientCourse course)
    {
        // Each result in the unit its entry kind declares.
        var (counts, marrows, cytogenetics, molecularKind) =
            (EntryKinds.Get<BloodCounts>(), EntryKinds.Get<Marrow>(), EntryKinds.Get<Patients.Entries.Kinds.Cytogenetics>(), EntryKinds.Get<Patients.Entries.Kinds.Molecular>());
        // Stable sort: within a day, blood counts (0), marrow (1), cytogenetics (2), molecular (3), each in the order below.
        foreach (var count in course.BloodCounts)
        {
            var grades = CtcaeV5Grading.Grade(count).ToDictionary(g => g.Term, g => g.Grade);
            var link = BloodCountLink(count.CollectedOn);
            var lln = count.LowerLimits;
            (string Code, string Test, decimal? Value, string Unit, decimal? Lln, string? Term)[] tests =
            [
                ("WBC", "Leukocytes", count.Wbc, counts.Units["wbc"], lln?.Wbc, CtcaeTerms.WhiteBloodCellDecreased),
                ("NEUT", "Neutrophils", count.Neutrophils, counts.Units["neutrophils"], lln?.Neutrophils, CtcaeTerms.NeutrophilCountDecreased),
                ("PLAT", "Platelets", count.Platelets, counts.Units["platelets"], lln?.Platelets, CtcaeTerms.PlateletCountDecreased),
                ("HGB", "Hemoglobin", count.Hemoglobin, counts.Units["hemoglobin"], lln?.Hemoglobin, CtcaeTerms.Anemia),
                ("BLASTLE", "Blasts/Leukocytes", count.BlastsPercent, counts.Units["blastsPercent"], null, null),
                ("BASOLE", "Basophils/Leukocytes", count.BasophilsPercent, counts.Units["basophilsPercent"], null, null),
                ("PMYELOLE", "Promyelocytes and Myelocytes/Leukocytes", count.PromyelocytesMyelocytesPercent, counts.Units["promyelocytesMyelocytesPercent"], null, null),
            ];
            foreach (var t in tests.Where(t => t.Value is not null))
            {
                int? grade = t.Term is { } term && grades.TryGetValue(term, out var g) ? g : null;
                yield return new Result(count.CollectedOn, 0, link, t.Code, t.Test, Hematology, "BLOOD", null, t.Value!.Value, t.Unit, t.Lln,
                    t.Term, grade);
            }
        }
        foreach (var marrow in course.Marrow)
        {
            yield return new Result(marrow.CollectedOn, 1, null, "BLASTS", "Blasts", BoneMarrow, "BONE MARROW", null, marrow.BlastsPercent,
                marrows.Units["blastsPercent"], null, null, null);
            yield return new Result(marrow.CollectedOn, 1, null, "BASO", "Basophils", BoneMarrow, "BONE MARROW", null, marrow.BasophilsPercent,
                marrows.Units["basophilsPercent"], null, null, null);
        }
        foreach (var cg in course.Cytogenetics)
        {
            var byFish = cg.Method == CytogeneticMethod.Fish;
            yield return new Result(cg.CollectedOn, 2, CytogeneticsLink(cg.CollectedOn), PhPositiveTestCode,
                "Philadelphia Chromosome Positive Cells", Cytogenetics, byFish ? null : BoneMarrow, byFish ? "FISH" : "KARYOTYPING",
                cg.PhPositivePercent, cytogenetics.Units["phPositivePercent"], null, null, null);
        }
        foreach (var molecular in course.Molecular)
        {
            var link = MolecularLink(molecular.CollectedOn);
            yield return new Result(molecular.CollectedOn, 3, link, "BCRABLIS", "BCR-ABL1/ABL1 International Scale", Molecular, null,
                MolecularTerms.Method, molecular.BcrAbl1PercentIs, molecularKind.Units["bcrAbl1PercentIs"], null, null, null);
            yield return new Result(molecular.CollectedOn, 3, link, "ABL1CN", "ABL1 Control Gene Copies", Molecular, null,
                MolecularTerms.Method, molecular.Abl1ControlCopies, molecularKind.Units["abl1ControlCopies"], null, null, null);
        }
    }

    private static string Text(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);
}
