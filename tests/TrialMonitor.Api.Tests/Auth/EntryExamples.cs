namespace TrialMonitor.Api.Tests.Auth;

/// <summary>
/// A valid entry of every entry kind, as the arguments of its mutation after <c>patientId</c> and <c>entryKey</c>, by
/// mutation name: the access tests send each kind's write (a new kind without an example fails their case generation).
/// </summary>
internal static class EntryExamples
{
    public static readonly IReadOnlyDictionary<string, string> ByMutation = new Dictionary<string, string>
    {
        ["recordBloodCount"] = "count: { collectedOn: \"2000-06-01\", wbc: 5.2, neutrophils: 3.1, platelets: 210, hemoglobin: 12.5 }",
        ["recordMarrow"] = "marrow: { collectedOn: \"2000-06-01\", blastsPercent: 2, basophilsPercent: 1 }",
        ["recordCytogenetics"] = "cytogenetics: { collectedOn: \"2000-06-01\", phPositivePercent: 40, method: KARYOTYPE, cellsAnalysed: 20, clonalEvolution: false }",
        ["recordMolecular"] = "molecular: { collectedOn: \"2000-06-01\", bcrAbl1PercentIs: 0.8, abl1ControlCopies: 32000 }",
        ["recordPhysicalExam"] = "exam: { examinedOn: \"2000-06-01\", spleenCmBelowCostalMargin: 0, diseaseSignsOrSymptoms: false }",
        ["changeDose"] = "dose: { effectiveOn: \"2000-06-01\", action: REDUCED, dailyDoseMg: 300, schedule: \"daily\", reason: \"PANCYTOPENIA\" }",
        ["reportToxicity"] = "toxicity: { onsetOn: \"2000-06-01\", term: \"Neutrophil count decreased\", grade: 2 }",
        ["reportResponse"] = "response: { assessedOn: \"2000-06-01\", cytogenetic: PARTIAL }",
        ["diagnoseTransformation"] = "transformation: { diagnosedOn: \"2000-06-01\", phase: BLASTIC }",
        ["discontinueTherapy"] = "discontinuation: { effectiveOn: \"2000-06-01\", reason: TOXICITY }",
        ["recordDeath"] = "death: { diedOn: \"2000-06-01\", cause: INFECTION }",
        ["recordFollowUpContact"] = "contactOn: \"2000-06-01\"",
    };
}
