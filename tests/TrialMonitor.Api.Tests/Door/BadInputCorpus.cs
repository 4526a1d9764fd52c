using System.Text.Json.Nodes;

namespace TrialMonitor.Api.Tests.Door;

/// <summary>
/// The corpus of bad inputs: for every mutation that writes, each limit of DOMAIN.md "At the door"
/// that applies to it, plus what every entry shares (entry key, clinical date, ids, corrections, NUL).
/// Templates are valid mutations (a test proves each is accepted); each case spoils one thing.
/// </summary>
public static class BadInputCorpus
{
    public const string Nul = "\u0000";

    /// <summary>The document and valid variables of each mutation; $p is the target patient, $t the trial.</summary>
    public static readonly IReadOnlyDictionary<string, (string Document, Func<JsonObject> Variables)> Templates =
        new Dictionary<string, (string, Func<JsonObject>)>
        {
            ["recordBloodCount"] = Entry("recordBloodCount", "count", "BloodCountInput",
                () => new JsonObject { ["collectedOn"] = "2000-06-01", ["wbc"] = 5.2, ["neutrophils"] = 3.1, ["platelets"] = 210, ["hemoglobin"] = 12.5, ["lowerLimits"] = new JsonObject { ["neutrophils"] = 1.8 } }),
            ["recordMarrow"] = Entry("recordMarrow", "marrow", "MarrowAssessmentInput",
                () => new JsonObject { ["collectedOn"] = "2000-06-01", ["blastsPercent"] = 2, ["basophilsPercent"] = 1 }),
            ["recordCytogenetics"] = Entry("recordCytogenetics", "cytogenetics", "CytogeneticAssessmentInput",
                () => new JsonObject { ["collectedOn"] = "2000-06-01", ["phPositivePercent"] = 40, ["method"] = "KARYOTYPE", ["cellsAnalysed"] = 20, ["clonalEvolution"] = false }),
            ["recordMolecular"] = Entry("recordMolecular", "molecular", "MolecularAssessmentInput",
                () => new JsonObject { ["collectedOn"] = "2000-06-01", ["bcrAbl1PercentIs"] = 0.8, ["abl1ControlCopies"] = 32000 }),
            ["recordPhysicalExam"] = Entry("recordPhysicalExam", "exam", "PhysicalExamInput",
                () => new JsonObject { ["examinedOn"] = "2000-06-01", ["spleenCmBelowCostalMargin"] = 0, ["diseaseSignsOrSymptoms"] = false }),
            ["changeDose"] = Entry("changeDose", "dose", "DoseChangeInput",
                () => new JsonObject { ["effectiveOn"] = "2000-06-01", ["action"] = "REDUCED", ["dailyDoseMg"] = 300, ["schedule"] = "daily", ["reason"] = "PANCYTOPENIA" }),
            ["reportToxicity"] = Entry("reportToxicity", "toxicity", "ReportedToxicityInput",
                () => new JsonObject { ["onsetOn"] = "2000-06-01", ["term"] = "Neutrophil count decreased", ["grade"] = 3 }),
            ["reportResponse"] = Entry("reportResponse", "response", "ReportedResponseInput",
                () => new JsonObject { ["assessedOn"] = "2000-06-01", ["cytogenetic"] = "PARTIAL" }),
            ["diagnoseTransformation"] = Entry("diagnoseTransformation", "transformation", "TransformationInput",
                () => new JsonObject { ["diagnosedOn"] = "2000-06-01", ["phase"] = "BLASTIC" }),
            ["discontinueTherapy"] = Entry("discontinueTherapy", "discontinuation", "DiscontinuationInput",
                () => new JsonObject { ["effectiveOn"] = "2000-06-01", ["reason"] = "TOXICITY" }),
            ["recordDeath"] = Entry("recordDeath", "death", "DeathInput",
                () => new JsonObject { ["diedOn"] = "2000-06-01", ["cause"] = "INFECTION" }),
            ["recordFollowUpContact"] = ("""
                mutation($p: ID!, $k: String!, $v: Date!, $c: CorrectionInput) {
                  recordFollowUpContact(patientId: $p, entryKey: $k, contactOn: $v, correction: $c) { version } }
                """, () => new JsonObject { ["k"] = "NEW-1", ["v"] = "2000-06-01" }),
            ["enrolPatient"] = ("""
                mutation($p: ID!, $t: ID!, $on: Date!, $v: BaselineInput!) {
                  enrolPatient(patientId: $p, trialId: $t, enrolledOn: $on, baseline: $v) { version } }
                """, () => new JsonObject
                {
                    ["p"] = Guid.NewGuid().ToString(), ["on"] = "2001-02-01",
                    ["v"] = new JsonObject
                    {
                        ["subjectId"] = "NEW-SUBJECT", ["site"] = "MDACC", ["ageAtEnrolment"] = 55, ["sex"] = "MALE", ["diagnosedOn"] = "1999-01-15",
                        ["ecog"] = 1, ["spleenCmBelowCostalMargin"] = 4, ["hepatomegaly"] = false, ["clonalEvolution"] = false,
                        ["diseaseGroupAtStandardDose"] = "CYTOGENETIC_RESISTANCE",
                    },
                }),
            ["voidEntry"] = ("""
                mutation($p: ID!, $k: String!, $reason: String!) { voidEntry(patientId: $p, entryKey: $k, reason: $reason) { version } }
                """, () => new JsonObject { ["k"] = "EXISTING", ["reason"] = "entered on the wrong patient" }),
            ["registerTrial"] = ("""
                mutation($t: ID!, $code: String!, $title: String!, $sites: [String!]!) {
                  registerTrial(trialId: $t, code: $code, title: $title, sites: $sites, settings: { criteriaSet: "MDACC-2003" }) { id } }
                """, () => new JsonObject { ["t"] = Guid.NewGuid().ToString(), ["code"] = "CML-NEW", ["title"] = "A new trial", ["sites"] = new JsonArray("MDACC") }),
            ["addTrialSite"] = ("""
                mutation($t: ID!, $site: String!) { addTrialSite(trialId: $t, site: $site) { id } }
                """, () => new JsonObject { ["site"] = "SITE-3" }),
        };

    private static (string, Func<JsonObject>) Entry(string mutation, string argument, string inputType, Func<JsonObject> value) => ($$"""
        mutation($p: ID!, $k: String!, $v: {{inputType}}!, $c: CorrectionInput) {
          {{mutation}}(patientId: $p, entryKey: $k, {{argument}}: $v, correction: $c) { version } }
        """, () => new JsonObject { ["k"] = "NEW-1", ["v"] = value() });

    /// <summary>Each entry mutation with the field of its clinical date.</summary>
    private static readonly (string Mutation, string DateField)[] EntryMutations =
    [
        ("recordBloodCount", "count.collectedOn"), ("recordMarrow", "marrow.collectedOn"), ("recordCytogenetics", "cytogenetics.collectedOn"),
        ("recordMolecular", "molecular.collectedOn"), ("recordPhysicalExam", "exam.examinedOn"), ("changeDose", "dose.effectiveOn"),
        ("reportToxicity", "toxicity.onsetOn"), ("reportResponse", "response.assessedOn"), ("diagnoseTransformation", "transformation.diagnosedOn"),
        ("discontinueTherapy", "discontinuation.effectiveOn"), ("recordDeath", "death.diedOn"), ("recordFollowUpContact", "contactOn"),
    ];

    public static IEnumerable<BadInput> All() => Shared().Concat(Limits()).Concat(Enrolment()).Concat(VoidsAndTrials());

    /// <summary>What every clinical entry shares: the key, the clinical date, the patient id, the correction, NUL.</summary>
    private static IEnumerable<BadInput> Shared()
    {
        foreach (var (m, date) in EntryMutations)
        {
            yield return new($"{m}: empty entry key", m, "entryKey", v => v["k"] = "");
            yield return new($"{m}: blank entry key", m, "entryKey", v => v["k"] = "   ");
            yield return new($"{m}: entry key of 129 characters", m, "entryKey", v => v["k"] = new string('K', 129), Shown: "128");
            yield return new($"{m}: entry key of 100 000 characters", m, "entryKey", v => v["k"] = new string('K', 100_000), Shown: "100000");
            yield return new($"{m}: entry key with a control character", m, "entryKey", v => v["k"] = "CBC\u0007-1", Shown: "U+0007");
            yield return new($"{m}: entry key with NUL", m, "entryKey", v => v["k"] = "CBC" + Nul);
            yield return new($"{m}: dated 2099-01-01", m, date, v => SetDate(v, "2099-01-01"), Shown: "2099-01-01");
            yield return new($"{m}: dated the day after tomorrow", m, date, v => SetDate(v, DayAfterTomorrow), Shown: DayAfterTomorrow);
            yield return new($"{m}: dated before the diagnosis", m, date, v => SetDate(v, "1990-01-01"), Shown: "1997-06-01");
            yield return new($"{m}: dated after the death", m, date, v => SetDate(v, "2001-06-01"), Target.DeadPatient, Shown: "2001-01-01");
            yield return new($"{m}: malformed patient id", m, "patientId", v => v["p"] = "not-a-uuid", Shown: "not-a-uuid");
            yield return new($"{m}: unknown patient", m, "patientId", v => v["p"] = Guid.NewGuid().ToString());
            yield return new($"{m}: correction without a reason", m, "correction.reason",
                v => v["c"] = new JsonObject { ["supersedesEntryKey"] = "EXISTING", ["reason"] = "  " });
            yield return new($"{m}: correction of an unknown entry", m, "correction.supersedesEntryKey",
                v => v["c"] = new JsonObject { ["supersedesEntryKey"] = "NO-SUCH-ENTRY", ["reason"] = "typo" }, Shown: "NO-SUCH-ENTRY");
            yield return new($"{m}: correction reason with NUL", m, "correction.reason",
                v => v["c"] = new JsonObject { ["supersedesEntryKey"] = "EXISTING", ["reason"] = "typo" + Nul });
        }
    }

    private static IEnumerable<BadInput> Limits()
    {
        const string cbc = "recordBloodCount";
        foreach (var (field, value, limit) in new (string, double, string)[]
                 {
                     ("wbc", -0.1, "0"), ("wbc", 1000.5, "1000"), ("wbc", 1e9, "1000"), ("neutrophils", -1, "0"), ("neutrophils", 1001, "1000"),
                     ("platelets", -1, "0"), ("platelets", 5000.5, "5000"), ("platelets", 1_000_000_000, "5000"), ("hemoglobin", -1, "0"),
                     ("hemoglobin", 25.1, "25"), ("hemoglobin", 250, "25"), ("blastsPercent", -1, "0"), ("blastsPercent", 101, "100"),
                     ("basophilsPercent", 100.5, "100"), ("promyelocytesMyelocytesPercent", 101, "100"),
                 })
            yield return new($"{cbc}: {field} {value}", cbc, "count." + field, v => v["v"]![field] = value, Shown: limit);
        yield return new($"{cbc}: neutrophils above the WBC", cbc, "count.neutrophils", v => { v["v"]!["wbc"] = 2.0; v["v"]!["neutrophils"] = 3.5; }, Shown: "3.5");
        yield return new($"{cbc}: differential above 100 % together", cbc, "count.promyelocytesMyelocytesPercent",
            v => { v["v"]!["blastsPercent"] = 40; v["v"]!["basophilsPercent"] = 30; v["v"]!["promyelocytesMyelocytesPercent"] = 35; }, Shown: "105");
        yield return new($"{cbc}: no value at all", cbc, "count", v => v["v"] = new JsonObject { ["collectedOn"] = "2000-06-01" });
        yield return new($"{cbc}: only lower limits", cbc, "count", v => v["v"] = new JsonObject { ["collectedOn"] = "2000-06-01", ["lowerLimits"] = new JsonObject { ["wbc"] = 4 } });
        yield return new($"{cbc}: lower limit of WBC negative", cbc, "count.lowerLimits.wbc", v => v["v"]!["lowerLimits"] = new JsonObject { ["wbc"] = -4 });
        yield return new($"{cbc}: lower limit of platelets 6000", cbc, "count.lowerLimits.platelets", v => v["v"]!["lowerLimits"] = new JsonObject { ["platelets"] = 6000 }, Shown: "5000");
        yield return new($"{cbc}: lower limit of hemoglobin 120 (g/L sent as g/dL)", cbc, "count.lowerLimits.hemoglobin", v => v["v"]!["lowerLimits"] = new JsonObject { ["hemoglobin"] = 120 }, Shown: "g/dL");

        yield return new("recordMarrow: blasts 101 %", "recordMarrow", "marrow.blastsPercent", v => v["v"]!["blastsPercent"] = 101, Shown: "100");
        yield return new("recordMarrow: blasts -1 %", "recordMarrow", "marrow.blastsPercent", v => v["v"]!["blastsPercent"] = -1, Shown: "0");
        yield return new("recordMarrow: basophils 150 %", "recordMarrow", "marrow.basophilsPercent", v => v["v"]!["basophilsPercent"] = 150, Shown: "150");

        yield return new("recordCytogenetics: Ph+ 101 %", "recordCytogenetics", "cytogenetics.phPositivePercent", v => v["v"]!["phPositivePercent"] = 101, Shown: "100");
        yield return new("recordCytogenetics: Ph+ -5 %", "recordCytogenetics", "cytogenetics.phPositivePercent", v => v["v"]!["phPositivePercent"] = -5, Shown: "-5");
        yield return new("recordCytogenetics: no metaphase", "recordCytogenetics", "cytogenetics.cellsAnalysed", v => v["v"]!["cellsAnalysed"] = 0, Shown: "1");
        yield return new("recordCytogenetics: no FISH nucleus", "recordCytogenetics", "cytogenetics.cellsAnalysed",
            v => { v["v"]!["method"] = "FISH"; v["v"]!["cellsAnalysed"] = -200; }, Shown: "-200");

        yield return new("recordMolecular: negative BCR-ABL1", "recordMolecular", "molecular.bcrAbl1PercentIs", v => v["v"]!["bcrAbl1PercentIs"] = -0.01, Shown: "-0.01");
        yield return new("recordMolecular: ABL1 control copies 0", "recordMolecular", "molecular.abl1ControlCopies", v => v["v"]!["abl1ControlCopies"] = 0, Shown: "1");
        yield return new("recordMolecular: ABL1 control copies negative", "recordMolecular", "molecular.abl1ControlCopies", v => v["v"]!["abl1ControlCopies"] = -3, Shown: "-3");

        yield return new("recordPhysicalExam: spleen 500 cm", "recordPhysicalExam", "exam.spleenCmBelowCostalMargin", v => v["v"]!["spleenCmBelowCostalMargin"] = 500, Shown: "40");
        yield return new("recordPhysicalExam: spleen 41 cm", "recordPhysicalExam", "exam.spleenCmBelowCostalMargin", v => v["v"]!["spleenCmBelowCostalMargin"] = 41, Shown: "cm");
        yield return new("recordPhysicalExam: spleen -1 cm", "recordPhysicalExam", "exam.spleenCmBelowCostalMargin", v => v["v"]!["spleenCmBelowCostalMargin"] = -1, Shown: "-1");

        const string dose = "changeDose";
        yield return new($"{dose}: 1601 mg", dose, "dose.dailyDoseMg", v => v["v"]!["dailyDoseMg"] = 1601, Shown: "1600");
        yield return new($"{dose}: 40 000 mg", dose, "dose.dailyDoseMg", v => v["v"]!["dailyDoseMg"] = 40000, Shown: "40000");
        yield return new($"{dose}: -100 mg", dose, "dose.dailyDoseMg", v => v["v"]!["dailyDoseMg"] = -100, Shown: "-100");
        yield return new($"{dose}: started at 0 mg", dose, "dose.dailyDoseMg", v => { v["v"]!["action"] = "STARTED"; v["v"]!["dailyDoseMg"] = 0; });
        yield return new($"{dose}: interrupted at 400 mg", dose, "dose.dailyDoseMg", v => { v["v"]!["action"] = "INTERRUPTED"; v["v"]!["dailyDoseMg"] = 400; }, Shown: "400");
        yield return new($"{dose}: blank schedule", dose, "dose.schedule", v => v["v"]!["schedule"] = "  ");
        yield return new($"{dose}: empty schedule", dose, "dose.schedule", v => v["v"]!["schedule"] = "");
        yield return new($"{dose}: schedule with NUL", dose, "dose.schedule", v => v["v"]!["schedule"] = "twice" + Nul + "daily");
        yield return new($"{dose}: reduction without a reason", dose, "dose.reason", v => v["v"]!["reason"] = null);
        yield return new($"{dose}: interruption with a blank reason", dose, "dose.reason",
            v => { v["v"]!["action"] = "INTERRUPTED"; v["v"]!["dailyDoseMg"] = 0; v["v"]!["reason"] = " "; });
        yield return new($"{dose}: reason with NUL", dose, "dose.reason", v => v["v"]!["reason"] = "PANCYTOPENIA" + Nul);

        const string tox = "reportToxicity";
        yield return new($"{tox}: grade 0", tox, "toxicity.grade", v => v["v"]!["grade"] = 0, Shown: "1");
        yield return new($"{tox}: grade 6", tox, "toxicity.grade", v => v["v"]!["grade"] = 6, Shown: "5");
        yield return new($"{tox}: blank term", tox, "toxicity.term", v => v["v"]!["term"] = " ");
        yield return new($"{tox}: term with NUL", tox, "toxicity.term", v => v["v"]!["term"] = "Anemia" + Nul);
        yield return new($"{tox}: onset years before the diagnosis", tox, "toxicity.onsetOn", v => v["v"]!["onsetOn"] = "1985-03-01", Shown: "1997-06-01");

        yield return new("reportResponse: neither response", "reportResponse", "response", v => v["v"] = new JsonObject { ["assessedOn"] = "2000-06-01" });
        yield return new("recordDeath: a second death after the first", "recordDeath", "death.diedOn", v => v["v"]!["diedOn"] = "2001-03-01", Target.DeadPatient);
    }

    private static IEnumerable<BadInput> Enrolment()
    {
        const string e = "enrolPatient";
        yield return new($"{e}: enrolled on 2099-01-01", e, "enrolledOn", v => v["on"] = "2099-01-01", Shown: "2099-01-01");
        yield return new($"{e}: diagnosed after enrolment", e, "baseline.diagnosedOn", v => v["v"]!["diagnosedOn"] = "2001-03-01", Shown: "2001-03-01");
        yield return new($"{e}: diagnosed in 2099", e, "baseline.diagnosedOn", v => v["v"]!["diagnosedOn"] = "2099-01-01");
        yield return new($"{e}: age 121", e, "baseline.ageAtEnrolment", v => v["v"]!["ageAtEnrolment"] = 121, Shown: "120");
        yield return new($"{e}: age -1", e, "baseline.ageAtEnrolment", v => v["v"]!["ageAtEnrolment"] = -1, Shown: "-1");
        yield return new($"{e}: ECOG 6", e, "baseline.ecog", v => v["v"]!["ecog"] = 6, Shown: "5");
        yield return new($"{e}: ECOG -1", e, "baseline.ecog", v => v["v"]!["ecog"] = -1, Shown: "-1");
        yield return new($"{e}: spleen 45 cm", e, "baseline.spleenCmBelowCostalMargin", v => v["v"]!["spleenCmBelowCostalMargin"] = 45, Shown: "40");
        yield return new($"{e}: spleen -2 cm", e, "baseline.spleenCmBelowCostalMargin", v => v["v"]!["spleenCmBelowCostalMargin"] = -2, Shown: "-2");
        yield return new($"{e}: blank subject id", e, "baseline.subjectId", v => v["v"]!["subjectId"] = " ");
        yield return new($"{e}: subject id with NUL", e, "baseline.subjectId", v => v["v"]!["subjectId"] = "S" + Nul + "1");
        yield return new($"{e}: subject id with a line feed", e, "baseline.subjectId", v => v["v"]!["subjectId"] = "S\n1", Shown: "U+000A");
        yield return new($"{e}: subject id of 65 characters", e, "baseline.subjectId", v => v["v"]!["subjectId"] = new string('S', 65), Shown: "64");
        yield return new($"{e}: subject already enrolled", e, "baseline.subjectId", v => v["v"]!["subjectId"] = "001", Shown: "001");
        yield return new($"{e}: site outside the trial", e, "baseline.site", v => v["v"]!["site"] = "ELSEWHERE", Shown: "ELSEWHERE");
        yield return new($"{e}: site with NUL", e, "baseline.site", v => v["v"]!["site"] = "MDACC" + Nul);
        yield return new($"{e}: malformed patient id", e, "patientId", v => v["p"] = "patient-1", Shown: "patient-1");
        yield return new($"{e}: malformed trial id", e, "trialId", v => v["t"] = "12345", Shown: "12345");
        yield return new($"{e}: unknown trial", e, "trialId", v => v["t"] = Guid.NewGuid().ToString());
        yield return new($"{e}: empty patient id", e, "patientId", v => v["p"] = Guid.Empty.ToString());
    }

    private static IEnumerable<BadInput> VoidsAndTrials()
    {
        yield return new("voidEntry: blank reason", "voidEntry", "reason", v => v["reason"] = " ");
        yield return new("voidEntry: reason with NUL", "voidEntry", "reason", v => v["reason"] = "wrong patient" + Nul);
        yield return new("voidEntry: unknown entry", "voidEntry", "entryKey", v => v["k"] = "NO-SUCH-ENTRY", Shown: "NO-SUCH-ENTRY");
        yield return new("voidEntry: entry key of 129 characters", "voidEntry", "entryKey", v => v["k"] = new string('K', 129), Shown: "128");
        yield return new("voidEntry: malformed patient id", "voidEntry", "patientId", v => v["p"] = "'; drop table mt_events; --");
        yield return new("registerTrial: code with NUL", "registerTrial", "code", v => v["code"] = "CML" + Nul);
        yield return new("registerTrial: blank title", "registerTrial", "title", v => v["title"] = "");
        yield return new("registerTrial: blank site", "registerTrial", "sites", v => v["sites"] = new JsonArray("MDACC", " "));
        yield return new("registerTrial: site with NUL", "registerTrial", "sites[1]", v => v["sites"] = new JsonArray("MDACC", "SITE" + Nul));
        yield return new("registerTrial: malformed trial id", "registerTrial", "trialId", v => v["t"] = "trial-9", Shown: "trial-9");
        yield return new("addTrialSite: site with NUL", "addTrialSite", "site", v => v["site"] = "SITE" + Nul);
        yield return new("addTrialSite: blank site", "addTrialSite", "site", v => v["site"] = "  ");
        yield return new("addTrialSite: malformed trial id", "addTrialSite", "trialId", v => v["t"] = "x", Shown: "'x'");
    }

    private static string DayAfterTomorrow => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2).ToString("yyyy-MM-dd");

    private static void SetDate(JsonObject variables, string date)
    {
        if (variables["v"] is JsonObject value)
        {
            var dateField = value.Select(p => p.Key).First(k => k.EndsWith("On", StringComparison.Ordinal));
            value[dateField] = date;
        }
        else
        {
            variables["v"] = date;
        }
    }
}
