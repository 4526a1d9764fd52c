using System.Globalization;
using System.Net;
using System.Text.Json;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Tests.GraphQL.SchemaTests;
using TrialMonitor.Api.Tests.Support;
using static TrialMonitor.Api.Tests.Cdisc.ExportedDataset;

namespace TrialMonitor.Api.Tests.Cdisc;

/// <summary>
/// The molecular response out in CDISC: a trial registered under ELN-2020 with a data cut-off, its
/// patients' doses and BCR-ABL1 results recorded through GraphQL, exported over HTTP. Every expected
/// row is worked by hand from DOMAIN.md "Molecular response and milestones (ELN-2020)" (the days
/// counted in the comments), not computed by the code under test.
/// </summary>
public sealed class CdiscMolecularExportTests(AppFixture app) : IntegrationTest(app)
{
    private const string Cutoff = "2024-06-30";

    private GraphQLOperations Graph { get; } = new(app);

    [Fact]
    public async Task An_ELN_2020_trial_exports_each_results_level_the_milestones_and_the_time_to_MMR_as_worked_by_hand()
    {
        var trial = await RegisterTrial("ELN-2020", Cutoff);
        // 001, day 0 2023-01-02: milestones due day 91 2023-04-03, day 182 2023-07-03, day 365 2024-01-02.
        var responder = await Enrol(trial, "001", "2023-01-02");
        await StartTherapy(responder, "2023-01-02");
        await Pcr(responder, "PCR-1", "2023-04-10", 10m, 50_000);     // day 98, 10 % exactly: > 1-10 %
        await Pcr(responder, "PCR-2", "2023-07-03", 1m, 50_000);      // day 182, 1 % exactly: > 0.1-1 %
        await Pcr(responder, "PCR-3", "2023-12-20", 0.1m, 3_000);     // day 352, 0.1 % exactly: MMR (needs no copies)
        await Pcr(responder, "PCR-4", "2024-01-20", 0.01m, 10_000);   // day 383, 0.01 % with 10,000 copies: MR4
        await Pcr(responder, "PCR-5", "2024-03-15", 0.0032m, 32_000); // day 438: MR4.5
        await Pcr(responder, "PCR-6", "2024-04-15", 0.0032m, 31_999); // day 469, one copy short of MR4.5: MR4
        await Pcr(responder, "PCR-7", "2024-05-15", 0.001m, 100_000); // day 499: MR5
        await Pcr(responder, "PCR-8", "2024-06-14", 0m, 9_999);       // day 529, undetectable with too few copies: NE
        await Pcr(responder, "PCR-9", "2024-07-15", 0.5m, 50_000);    // after the data cut-off: not exported
        // 002, day 0 2023-02-01: due 2023-05-03 (day 91), 2023-08-02 (day 182), 2024-02-01 (day 365, window closed 2024-03-02).
        var failing = await Enrol(trial, "002", "2023-02-01");
        await StartTherapy(failing, "2023-02-01");
        await Pcr(failing, "PCR-1", "2023-05-03", 25m, 40_000);  // day 91: > 10 %
        await Pcr(failing, "PCR-2", "2023-06-12", 30m, 40_000);  // day 131, 40 days later: > 10 % again, confirms the 3-month failure
        await Pcr(failing, "PCR-3", "2023-08-02", 5m, 40_000);   // day 182: warning at 6 months
        await Pcr(failing, "PCR-4", "2023-11-01", 2m, 40_000);   // day 273: the last evaluable result
        await Pcr(failing, "PCR-5", "2024-04-01", 0m, 5_000);    // day 425: NE, counts for nothing
        // 003, day 0 2024-03-01, no result: the 3-month window (due 2024-05-31) closes on the cut-off itself, so still pending.
        var waiting = await Enrol(trial, "003", "2024-03-01");
        await StartTherapy(waiting, "2024-03-01");
        // 004 never started therapy.
        await Enrol(trial, "004", "2024-03-01");

        var rs = await Export(trial, "sdtm/rs");
        var adrs = await Export(trial, "adam/adrs");
        var adtte = await Export(trial, "adam/adtte");

        string[] rsColumns = ["RSSEQ", "RSTESTCD", "RSTEST", "RSCAT", "RSORRES", "RSSTRESC", "RSMETHOD", "RSEVAL", "RSDRVFL", "RSLNKID", "RSDTC", "RSDY"];
        Assert.Equal(
        [
            "1|MOLRESP|Molecular Response|ELN-2020|>1-10%|>1-10%|RT-QPCR|SPONSOR|Y|PCR 2023-04-10|2023-04-10|99",
            "2|MOLRESP|Molecular Response|ELN-2020|>0.1-1%|>0.1-1%|RT-QPCR|SPONSOR|Y|PCR 2023-07-03|2023-07-03|183",
            "3|MOLRESP|Molecular Response|ELN-2020|MMR|MMR|RT-QPCR|SPONSOR|Y|PCR 2023-12-20|2023-12-20|353",
            "4|MOLRESP|Molecular Response|ELN-2020|MR4|MR4|RT-QPCR|SPONSOR|Y|PCR 2024-01-20|2024-01-20|384",
            "5|MOLRESP|Molecular Response|ELN-2020|MR4.5|MR4.5|RT-QPCR|SPONSOR|Y|PCR 2024-03-15|2024-03-15|439",
            "6|MOLRESP|Molecular Response|ELN-2020|MR4|MR4|RT-QPCR|SPONSOR|Y|PCR 2024-04-15|2024-04-15|470",
            "7|MOLRESP|Molecular Response|ELN-2020|MR5|MR5|RT-QPCR|SPONSOR|Y|PCR 2024-05-15|2024-05-15|500",
            "8|MOLRESP|Molecular Response|ELN-2020|NE|NE|RT-QPCR|SPONSOR|Y|PCR 2024-06-14|2024-06-14|530",
        ], Lines(rs, "001", rsColumns));
        Assert.Equal(
        [
            "1|MOLRESP|Molecular Response|ELN-2020|>10%|>10%|RT-QPCR|SPONSOR|Y|PCR 2023-05-03|2023-05-03|92",
            "2|MOLRESP|Molecular Response|ELN-2020|>10%|>10%|RT-QPCR|SPONSOR|Y|PCR 2023-06-12|2023-06-12|132",
            "3|MOLRESP|Molecular Response|ELN-2020|>1-10%|>1-10%|RT-QPCR|SPONSOR|Y|PCR 2023-08-02|2023-08-02|183",
            "4|MOLRESP|Molecular Response|ELN-2020|>1-10%|>1-10%|RT-QPCR|SPONSOR|Y|PCR 2023-11-01|2023-11-01|274",
            "5|MOLRESP|Molecular Response|ELN-2020|NE|NE|RT-QPCR|SPONSOR|Y|PCR 2024-04-01|2024-04-01|426",
        ], Lines(rs, "002", rsColumns));
        Assert.Empty(Lines(rs, "003", rsColumns));
        Assert.Empty(Lines(rs, "004", rsColumns));

        string[] adrsColumns = ["PARAMCD", "PARCAT1", "AVALC", "AVAL", "BCRABLIS", "ADT", "ADY", "DUEDT", "CONFDT", "SRCDOM", "SRCVAR", "SRCSEQ"];
        Assert.Equal(
        [
            // Each level ranked from MR5 (1) to > 10 % (7); NE has none.
            "MOLRESP|ELN-2020|>1-10%|6|10|2023-04-10|99|||RS|RSSTRESC|1",
            "MOLRESP|ELN-2020|>0.1-1%|5|1|2023-07-03|183|||RS|RSSTRESC|2",
            "MOLRESP|ELN-2020|MMR|4|0.1|2023-12-20|353|||RS|RSSTRESC|3",
            "MOLRESP|ELN-2020|MR4|3|0.01|2024-01-20|384|||RS|RSSTRESC|4",
            "MOLRESP|ELN-2020|MR4.5|2|0.0032|2024-03-15|439|||RS|RSSTRESC|5",
            "MOLRESP|ELN-2020|MR4|3|0.0032|2024-04-15|470|||RS|RSSTRESC|6",
            "MOLRESP|ELN-2020|MR5|1|0.001|2024-05-15|500|||RS|RSSTRESC|7",
            "MOLRESP|ELN-2020|NE||0|2024-06-14|530|||RS|RSSTRESC|8",
            // 3 months: 10 % (day 98, 7 days from day 91) is optimal, ≤ 10 %; 6 months: 1 % optimal, ≤ 1 %;
            // 12 months: 0.1 % on day 352 (13 days before day 365; MR4 on day 383 is 18 days after) optimal, ≤ 0.1 %.
            "MR3M|ELN-2020|OPTIMAL|1|10|2023-04-10|99|2023-04-03||RS|RSDTC|1",
            "MR6M|ELN-2020|OPTIMAL|1|1|2023-07-03|183|2023-07-03||RS|RSDTC|2",
            "MR12M|ELN-2020|OPTIMAL|1|0.1|2023-12-20|353|2024-01-02||RS|RSDTC|3",
            // After day 395 (2024-02-01) the latest evaluable result, MR5 (the NE after it counts for nothing).
            "MRCURR|ELN-2020|OPTIMAL|1|0.001|2024-05-15|500|||RS|RSDTC|7",
        ], Lines(adrs, "001", adrsColumns));
        Assert.Equal(
        [
            "MOLRESP|ELN-2020|>10%|7|25|2023-05-03|92|||RS|RSSTRESC|1",
            "MOLRESP|ELN-2020|>10%|7|30|2023-06-12|132|||RS|RSSTRESC|2",
            "MOLRESP|ELN-2020|>1-10%|6|5|2023-08-02|183|||RS|RSSTRESC|3",
            "MOLRESP|ELN-2020|>1-10%|6|2|2023-11-01|274|||RS|RSSTRESC|4",
            "MOLRESP|ELN-2020|NE||0|2024-04-01|426|||RS|RSSTRESC|5",
            // 25 % on day 91, confirmed by 30 % 40 days later (within 30-91): failure.
            "MR3M|ELN-2020|FAILURE|3|25|2023-05-03|92|2023-05-03|2023-06-12|RS|RSDTC|1",
            "MR6M|ELN-2020|WARNING|2|5|2023-08-02|183|2023-08-02||RS|RSDTC|3",
            // No result between 2024-01-02 and 2024-03-02, a window closed by the cut-off.
            "MR12M|ELN-2020|NOT ASSESSED|||||2024-02-01||||",
            // The latest evaluable result, 2 %, is above 1 %.
            "MRCURR|ELN-2020|FAILURE|3|2|2023-11-01|274|||RS|RSDTC|4",
        ], Lines(adrs, "002", adrsColumns));
        Assert.Equal(
        [
            // Due day 91 2024-05-31 (window open to 2024-06-30, the cut-off), day 182 2024-08-30, day 365 2025-03-01.
            "MR3M|ELN-2020|PENDING|||||2024-05-31||||",
            "MR6M|ELN-2020|PENDING|||||2024-08-30||||",
            "MR12M|ELN-2020|PENDING|||||2025-03-01||||",
        ], Lines(adrs, "003", adrsColumns));
        Assert.Equal(
        [
            "MR3M|ELN-2020|PENDING|||||||||",
            "MR6M|ELN-2020|PENDING|||||||||",
            "MR12M|ELN-2020|PENDING|||||||||",
        ], Lines(adrs, "004", adrsColumns));

        string[] adtteColumns = ["PARAMCD", "PARAM", "PARCAT1", "AVAL", "AVALU", "STARTDT", "ADT", "CNSR", "EVNTDESC", "CNSDTDSC", "SRCDOM", "SRCVAR", "SRCSEQ"];
        // 001: first MMR on day 352. 002: never MMR, censored at its last evaluable result on day 273. 003: no result, censored at day 0.
        Assert.Equal(["TTMMR|Time to Major Molecular Response (days)|ELN-2020|352|DAYS|2023-01-02|2023-12-20|0|MAJOR MOLECULAR RESPONSE||RS|RSDTC|3"],
            Lines(adtte, "001", adtteColumns));
        Assert.Equal(["TTMMR|Time to Major Molecular Response (days)|ELN-2020|273|DAYS|2023-02-01|2023-11-01|1|LAST EVALUABLE MOLECULAR ASSESSMENT|LAST EVALUABLE MOLECULAR ASSESSMENT|RS|RSDTC|4"],
            Lines(adtte, "002", adtteColumns));
        Assert.Equal(["TTMMR|Time to Major Molecular Response (days)|ELN-2020|0|DAYS|2024-03-01|2024-03-01|1|START OF THERAPY, NO EVALUABLE MOLECULAR ASSESSMENT|START OF THERAPY, NO EVALUABLE MOLECULAR ASSESSMENT|DM|RFXSTDTC|"],
            Lines(adtte, "003", adtteColumns));
        Assert.Empty(Lines(adtte, "004", adtteColumns));

        // The BCR-ABL1 rows of LB carry the link RS names.
        var lb = await Export(trial, "sdtm/lb");
        Assert.Equal(["BCRABLIS|0.1|PCR 2023-12-20", "ABL1CN|3000|PCR 2023-12-20"],
            Lines(lb, "001", ["LBTESTCD", "LBSTRESC", "LBLNKID"]).Where(l => l.EndsWith("2023-12-20", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Under_another_criteria_set_the_molecular_rows_still_follow_ELN_2020_and_patients_without_results_have_none()
    {
        var trial = await RegisterTrial("MDACC-2003", Cutoff);
        var tested = await Enrol(trial, "001", "2023-01-02");
        await StartTherapy(tested, "2023-01-02");
        await Graph.ExecuteAsync("""
            mutation($p: ID!) { recordCytogenetics(patientId: $p, entryKey: "CG-1",
              cytogenetics: { collectedOn: "2023-04-10", phPositivePercent: 30, method: KARYOTYPE, cellsAnalysed: 20, clonalEvolution: false }) { version } }
            """, new { p = tested });
        await Pcr(tested, "PCR-1", "2023-04-10", 0.05m, 20_000); // day 98: MMR
        var untested = await Enrol(trial, "002", "2023-01-02");
        await StartTherapy(untested, "2023-01-02");

        var rs = await Export(trial, "sdtm/rs");
        var adrs = await Export(trial, "adam/adrs");
        var adtte = await Export(trial, "adam/adtte");

        // Cytogenetic first on a day: Ph+ 30 % is a partial response (MDACC: 1-34 %).
        Assert.Equal(["1|CGRESP|MDACC-2003|PARTIAL", "2|MOLRESP|ELN-2020|MMR"], Lines(rs, "001", ["RSSEQ", "RSTESTCD", "RSCAT", "RSORRES"]));
        // 0.05 % on day 98 is optimal at 3 months; no result near day 182 or 365; after day 395 the status is that 0.05 %.
        Assert.Equal(
        [
            "CGRESP|MDACC-2003|PARTIAL", "MOLRESP|ELN-2020|MMR",
            "MR3M|ELN-2020|OPTIMAL", "MR6M|ELN-2020|NOT ASSESSED", "MR12M|ELN-2020|NOT ASSESSED", "MRCURR|ELN-2020|OPTIMAL",
        ], Lines(adrs, "001", ["PARAMCD", "PARCAT1", "AVALC"]));
        Assert.Equal(["TTMMR|98|0"], Lines(adtte, "001", ["PARAMCD", "AVAL", "CNSR"]));
        Assert.Empty(Lines(adrs, "002", ["PARAMCD"]));
        Assert.Empty(Lines(adtte, "002", ["PARAMCD"]));
    }

    /// <summary>The patient's rows, each as its cells of these columns joined by "|" (null as empty, numbers without trailing zeros).</summary>
    private static List<string> Lines(ExportedDataset dataset, string subjectId, string[] columns) =>
        [.. dataset.Rows.Where(r => Text(r["USUBJID"]) == $"CML-MOL-{subjectId}").Select(r => string.Join('|', columns.Select(c => Cell(r[c]))))];

    private static string Cell(JsonElement cell) => cell.ValueKind switch
    {
        JsonValueKind.Null => "",
        JsonValueKind.Number => cell.GetDecimal().ToString("0.############", CultureInfo.InvariantCulture),
        _ => cell.GetString()!,
    };

    private async Task<ExportedDataset> Export(Guid trial, string dataset)
    {
        var result = await App.Host.Scenario(s =>
        {
            s.Get.Url($"/cdisc/trials/{trial}/{dataset}.json");
            s.WithRequestHeader("Authorization", "Bearer " + App.Token("auditor-1", [Roles.Auditor]));
            s.IgnoreStatusCode();
        });
        Assert.Equal(HttpStatusCode.OK, (HttpStatusCode)result.Context.Response.StatusCode);
        var json = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.Clone();
        var (valid, errors) = DatasetJsonReference.Validate(json);
        Assert.True(valid, errors);
        return new ExportedDataset(json);
    }

    private async Task<Guid> RegisterTrial(string criteriaSet, string cutoff)
    {
        var trial = Guid.NewGuid();
        await Mutate("""
            mutation($t: ID!, $c: String!, $d: Date!) { registerTrial(trialId: $t, code: "CML-MOL", title: "Molecular monitoring",
              sites: ["MDACC"], settings: { criteriaSet: $c, dataCutoffOn: $d }) { id } }
            """, new { t = trial, c = criteriaSet, d = cutoff });
        return trial;
    }

    private async Task<Guid> Enrol(Guid trial, string subjectId, string enrolledOn)
    {
        var patient = Guid.NewGuid();
        await Mutate("""
            mutation($p: ID!, $t: ID!, $on: Date!, $s: String!) { enrolPatient(patientId: $p, trialId: $t, enrolledOn: $on,
              baseline: { subjectId: $s, site: "MDACC", ageAtEnrolment: 52, sex: MALE, diagnosedOn: "2022-11-15", ecog: 0,
                          spleenCmBelowCostalMargin: 0, hepatomegaly: false, clonalEvolution: false, diseaseGroupAtStandardDose: CYTOGENETIC_RESISTANCE })
              { version } }
            """, new { p = patient, t = trial, on = enrolledOn, s = subjectId });
        return patient;
    }

    private Task StartTherapy(Guid patient, string on) => Mutate("""
        mutation($p: ID!, $on: Date!) { changeDose(patientId: $p, entryKey: "DOSE-START",
          dose: { effectiveOn: $on, action: STARTED, dailyDoseMg: 400, schedule: "once daily" }) { version } }
        """, new { p = patient, on });

    private Task Pcr(Guid patient, string key, string on, decimal percentIs, int copies) => Mutate("""
        mutation($p: ID!, $k: String!, $on: Date!, $pct: Decimal!, $copies: Int!) { recordMolecular(patientId: $p, entryKey: $k,
          molecular: { collectedOn: $on, bcrAbl1PercentIs: $pct, abl1ControlCopies: $copies }) { version } }
        """, new { p = patient, k = key, on, pct = percentIs, copies });

    private async Task Mutate(string mutation, object variables)
    {
        var response = await Graph.ExecuteAsync(mutation, variables);
        Assert.True(response["errors"] is null, response.ToJsonString());
    }
}
