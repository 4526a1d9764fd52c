using System.Globalization;
using System.Net;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Cdisc;
using TrialMonitor.Api.Cdisc.Sdtm;
using TrialMonitor.Api.Cohort;
using TrialMonitor.Api.DemoCohort;
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Api.Tests.Support;
using TrialMonitor.Clinical.Cohort;
using TrialMonitor.Clinical.Course;
using TrialMonitor.DemoCohort;
using static TrialMonitor.Api.Tests.Cdisc.ExportedDataset;

namespace TrialMonitor.Api.Tests.Cdisc;

/// <summary>
/// The demo trial (the paper's 54 patients, entered through the write path) exported over HTTP,
/// checked against CDISC's Dataset-JSON v1.1 schema and examples, and against what the system shows.
/// </summary>
[Collection(DemoHost.Name)]
[Trait(Speed.Trait, Speed.Slow)]
public sealed class CdiscDemoTrialExportTests(DemoAppFixture app)
{
    private static readonly Guid Trial = DemoCohortSeeding.TrialId;

    public static TheoryData<string> Datasets => [.. CdiscDatasets.All.Select(d => $"{d.Model.ToString().ToLowerInvariant()}/{d.Name.ToLowerInvariant()}")];

    [Theory]
    [MemberData(nameof(Datasets))]
    public async Task Every_dataset_of_the_demo_trial_is_valid_Dataset_JSON_1_1_by_the_official_schema(string dataset)
    {
        var (status, contentType, body) = await Get($"/cdisc/trials/{Trial}/{dataset}.json", Roles.Auditor);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("application/json", contentType, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(body);
        var (valid, errors) = DatasetJsonReference.Validate(json.RootElement);
        Assert.True(valid, errors);
        var root = json.RootElement;
        var rows = root.GetProperty("rows");
        Assert.Equal(root.GetProperty("records").GetInt32(), rows.GetArrayLength());
        Assert.True(rows.GetArrayLength() > 0, $"{dataset} has no rows");
        var columns = root.GetProperty("columns").GetArrayLength();
        Assert.All(rows.EnumerateArray(), row => Assert.Equal(columns, row.GetArrayLength()));
        Assert.Equal(DemoCohortSeeding.PaperTrial.Code, root.GetProperty("studyOID").GetString());
    }

    [Fact]
    public void The_schema_accepts_CDISCs_examples_and_names_what_is_wrong_in_a_broken_file()
    {
        foreach (var example in new[] { "dm.json", "ae.json", "lb.json", "ex.json", "adtte.json" })
        {
            using var json = DatasetJsonReference.Example(example);
            var (valid, errors) = DatasetJsonReference.Validate(json.RootElement);
            Assert.True(valid, $"{example}: {errors}");
        }
        using var broken = JsonDocument.Parse("""{"name":"DM","label":"Demographics","columns":[{"name":"AGE","dataType":"number"}],"extra":1}""");
        var (brokenValid, brokenErrors) = DatasetJsonReference.Validate(broken.RootElement);
        Assert.False(brokenValid);
        Assert.Contains("records", brokenErrors, StringComparison.Ordinal);
        Assert.Contains("/columns/0/dataType", brokenErrors, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public async Task The_NDJSON_form_has_the_same_metadata_and_rows_and_CSV_the_same_rows(string dataset)
    {
        var (_, _, json) = await Get($"/cdisc/trials/{Trial}/{dataset}.json", Roles.Auditor);
        var (status, contentType, ndjson) = await Get($"/cdisc/trials/{Trial}/{dataset}.ndjson", Roles.Auditor);
        var (_, csvType, csv) = await Get($"/cdisc/trials/{Trial}/{dataset}.csv", Roles.Auditor);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("application/x-ndjson", contentType, StringComparison.Ordinal);
        Assert.StartsWith("text/csv", csvType, StringComparison.Ordinal);
        using var whole = JsonDocument.Parse(json);
        var lines = ndjson.TrimEnd('\n').Split('\n');
        using var metadata = JsonDocument.Parse(lines[0]);
        var (valid, errors) = DatasetJsonReference.Validate(metadata.RootElement);
        Assert.True(valid, errors);
        Assert.False(metadata.RootElement.TryGetProperty("rows", out _));
        Assert.Equal(whole.RootElement.GetProperty("records").GetInt32(), lines.Length - 1);
        Assert.Equal(whole.RootElement.GetProperty("columns").GetRawText(), metadata.RootElement.GetProperty("columns").GetRawText());
        Assert.Equal([.. whole.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetRawText())], lines.Skip(1));
        var csvLines = csv.TrimEnd('\n').Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(string.Join(',', new ExportedDataset(whole.RootElement).Columns), csvLines[0]);
        Assert.Equal(lines.Length - 1, csvLines.Count - 1);
    }

    [Theory]
    [InlineData("sdtm/dm", "dm.json")]
    [InlineData("sdtm/ae", "ae.json")]
    [InlineData("sdtm/lb", "lb.json")]
    [InlineData("sdtm/ex", "ex.json")]
    [InlineData("adam/adtte", "adtte.json")]
    public async Task Column_conventions_are_those_of_CDISCs_examples(string dataset, string example)
    {
        var (_, _, body) = await Get($"/cdisc/trials/{Trial}/{dataset}.json", Roles.Auditor);
        using var ours = JsonDocument.Parse(body);
        using var theirs = DatasetJsonReference.Example(example);
        var name = ours.RootElement.GetProperty("name").GetString()!;
        Assert.Equal(theirs.RootElement.GetProperty("name").GetString(), name);
        Assert.Equal($"IG.{name}", ours.RootElement.GetProperty("itemGroupOID").GetString());
        Assert.Equal(theirs.RootElement.GetProperty("datasetJSONVersion").GetString(), ours.RootElement.GetProperty("datasetJSONVersion").GetString());
        var reference = theirs.RootElement.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        var columns = ours.RootElement.GetProperty("columns").EnumerateArray().ToList();

        // Identifiers first, in the examples' order; the study and the subject are keys.
        var identifiers = theirs.RootElement.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString())
            .Where(n => n is "STUDYID" or "DOMAIN" or "USUBJID").ToList();
        Assert.Equal(identifiers, columns.Select(c => c.GetProperty("name").GetString()).Where(n => n is "STUDYID" or "DOMAIN" or "USUBJID"));
        var shared = columns.Where(c => reference.ContainsKey(c.GetProperty("name").GetString()!)).ToList();
        Assert.True(shared.Count >= 8, $"{name} shares only {shared.Count} variables with CDISC's example");
        foreach (var column in shared)
        {
            var variable = column.GetProperty("name").GetString()!;
            var official = reference[variable];
            Assert.Equal($"IT.{name}.{variable}", column.GetProperty("itemOID").GetString());
            Assert.Equal(official.GetProperty("label").GetString(), column.GetProperty("label").GetString());
            Assert.Equal(Kind(official), Kind(column));
            Assert.Equal(official.TryGetProperty("targetDataType", out var target) ? target.GetString() : null,
                column.TryGetProperty("targetDataType", out var ourTarget) ? ourTarget.GetString() : null);
            Assert.Equal(official.TryGetProperty("displayFormat", out var format) ? format.GetString() : null,
                column.TryGetProperty("displayFormat", out var ourFormat) ? ourFormat.GetString() : null);
        }
    }

    [Fact]
    public async Task ADTTE_has_one_row_per_Table_3_line_with_its_duration_and_CNSR_1_exactly_where_Table_3_prints_plus()
    {
        var table3 = (await Live()).Table3;
        var adtte = await Dataset("adam/adtte");

        Assert.Equal(19, table3.Count);
        Assert.Equal(table3.Count, adtte.Rows.Count);
        var bySubject = adtte.Rows.ToDictionary(r => Text(r["SUBJID"])!);
        foreach (var line in table3)
        {
            var row = bySubject[line.SubjectId];
            Assert.Equal(line.Episode.DurationDays, Number(row["AVAL"]));
            Assert.Equal(line.ResponseDisplay.EndsWith('+') ? 1 : 0, Number(row["CNSR"]));
            Assert.Equal(line.ResponseDisplay, Text(row["AVALCAT1"]));
            Assert.Equal("DURIMPR", Text(row["PARAMCD"]));
            Assert.Equal(Iso(line.Episode.StartOn), Text(row["STARTDT"]));
            Assert.Equal(Iso(line.Episode.EndOn), Text(row["ADT"]));
            Assert.Equal(DateOnly.Parse(Text(row["ADT"])!, CultureInfo.InvariantCulture).DayNumber
                - DateOnly.Parse(Text(row["STARTDT"])!, CultureInfo.InvariantCulture).DayNumber, Number(row["AVAL"]));
        }
        Assert.Contains(adtte.Rows, r => Number(r["CNSR"]) == 1);
        Assert.Contains(adtte.Rows, r => Number(r["CNSR"]) == 0);
    }

    [Fact]
    public async Task ADTTE_rows_trace_to_the_SDTM_row_that_ended_or_censored_the_improvement()
    {
        var adtte = await Dataset("adam/adtte");
        var rs = await Dataset("sdtm/rs");
        var ds = await Dataset("sdtm/ds");

        foreach (var row in adtte.Rows)
        {
            var source = (Text(row["SRCDOM"]) == "RS" ? rs : ds).Rows.Single(r =>
                Text(r["USUBJID"]) == Text(row["USUBJID"]) && Number(r[Text(row["SRCDOM"]) + "SEQ"]) == Number(row["SRCSEQ"]));
            Assert.Equal(Text(row["ADT"]), Text(source[Text(row["SRCVAR"])!]));
            if (Text(row["SRCDOM"]) == "RS") Assert.Equal("Y", Text(source["RSDRVFL"]));
        }
    }

    [Fact]
    public async Task RS_holds_the_derived_and_the_reported_response_of_patients_11_13_18_and_20_as_the_discrepancies_say()
    {
        var discrepancies = (await Live()).Discrepancies;
        var rs = await Dataset("sdtm/rs");

        int[] contradicted = [11, 13, 18, 20];
        Assert.Equal([.. contradicted.Select(Kantarjian2003.SubjectId)],
            discrepancies.Select(d => d.SubjectId).Distinct().Order(StringComparer.Ordinal));
        foreach (var (subjectId, discrepancy) in discrepancies)
        {
            var test = discrepancy.Kind == DiscrepancyKind.CytogeneticResponse ? "CGRESP" : "HEMRESP";
            var patientRows = rs.Rows.Where(r => Text(r["USUBJID"]) == $"KANTARJIAN-2003-{subjectId}" && Text(r["RSTESTCD"]) == test).ToList();
            var reported = patientRows.Single(r => Text(r["RSEVAL"]) == "INVESTIGATOR" && Text(r["RSDTC"]) == Iso(discrepancy.AssessedOn));
            Assert.Equal(discrepancy.Reported.ToUpperInvariant(), Text(reported["RSORRES"]));
            Assert.Null(Text(reported["RSDRVFL"]));
            var derived = patientRows
                .Where(r => Text(r["RSDRVFL"]) == "Y" && string.CompareOrdinal(Text(r["RSDTC"]), Iso(discrepancy.AssessedOn)) <= 0)
                .MaxBy(r => Text(r["RSDTC"]))!;
            Assert.Equal(discrepancy.Derived.ToUpperInvariant(), Text(derived["RSORRES"]));
            Assert.Equal("SPONSOR", Text(derived["RSEVAL"]));
            Assert.Equal(Kantarjian2003.Settings.CriteriaSet, Text(derived["RSCAT"]));
            Assert.Equal(Kantarjian2003.Settings.CriteriaSet, Text(reported["RSCAT"]));
        }
        // Patient 18's 3 % and patient 20's 34 % are FISH results: marked as such.
        Assert.Contains(rs.Rows, r => Text(r["USUBJID"]) == $"KANTARJIAN-2003-{Kantarjian2003.SubjectId(18)}" && Text(r["RSMETHOD"]) == "FISH");
    }

    [Fact]
    public async Task LB_toxicity_grades_are_the_CTCAE_grades_the_system_shows_for_each_patients_latest_counts()
    {
        var lb = await Dataset("sdtm/lb");
        var charts = await Charts();

        var graded = 0;
        foreach (var chart in charts)
        {
            var latest = chart.Assessment.LatestCounts!;
            var shown = chart.Assessment.LabToxicityGrades.Select(g => $"{g.Term}: {g.Grade}").Order(StringComparer.Ordinal);
            var exported = lb.Rows
                .Where(r => Text(r["USUBJID"]) == $"KANTARJIAN-2003-{chart.SubjectId}" && Text(r["LBDTC"]) == Iso(latest.CollectedOn)
                    && Text(r["LBTOXGR"]) is not null)
                .Select(r => $"{Text(r["LBTOX"])}: {Text(r["LBTOXGR"])}")
                .Order(StringComparer.Ordinal);
            Assert.Equal(shown, exported);
            graded += chart.Assessment.LabToxicityGrades.Count;
        }
        Assert.True(graded > 0);
        Assert.Contains(lb.Rows, r => Text(r["LBTOXGR"]) is "3" or "4");
    }

    [Fact]
    public async Task DS_counts_are_the_disposition_views()
    {
        var disposition = (await Live()).Disposition;
        var ds = await Dataset("sdtm/ds");

        var ended = ds.Rows.Where(r => Text(r["DSSCAT"]) == Ds.StudyTreatment).ToList();
        // The paper's 54 patients: 16 discontinued imatinib, 11 died (counted in docs/alerts.md's cohort alerts).
        Assert.Equal(16, ended.Count);
        Assert.Equal(disposition.Discontinued, ended.Count);
        foreach (var (reason, count) in disposition.DiscontinuedBy)
            Assert.Equal(count, ended.Count(r => Text(r["DSTERM"]) == Ds.Words(reason.ToString())));
        var deaths = ds.Rows.Where(r => Text(r["DSSCAT"]) == Ds.StudyParticipation).ToList();
        Assert.Equal(11, deaths.Count);
        Assert.Equal(disposition.Died, deaths.Count);
        Assert.All(deaths, r => Assert.Equal("DEATH", Text(r["DSDECOD"])));
        foreach (var (cause, count) in disposition.DiedOf)
            Assert.Equal(count, deaths.Count(r => Text(r["DSTERM"]) == $"DEATH: {Ds.Words(cause.ToString())}"));
        var dm = await Dataset("sdtm/dm");
        Assert.Equal(54, dm.Rows.Count);
        Assert.Equal(disposition.Patients, dm.Rows.Count);
        Assert.Equal(disposition.Died, dm.Rows.Count(r => Text(r["DTHFL"]) == "Y"));
        var adsl = await Dataset("adam/adsl");
        Assert.Equal(disposition.OnTherapyInChronicPhase + disposition.OnTherapyAfterTransformation,
            adsl.Rows.Count(r => Text(r["EOTSTT"]) == "ONGOING"));
    }

    [Fact]
    public async Task Study_days_count_from_the_start_of_400_mg_without_a_day_0()
    {
        var dm = (await Dataset("sdtm/dm")).Rows.ToDictionary(r => Text(r["USUBJID"])!, r => DateOnly.Parse(Text(r["RFSTDTC"])!, CultureInfo.InvariantCulture));
        var lb = await Dataset("sdtm/lb");

        Assert.All(lb.Rows, r =>
        {
            var days = DateOnly.Parse(Text(r["LBDTC"])!, CultureInfo.InvariantCulture).DayNumber - dm[Text(r["USUBJID"])!].DayNumber;
            Assert.Equal(days >= 0 ? days + 1 : days, Number(r["LBDY"]));
        });
        Assert.DoesNotContain(lb.Rows, r => Number(r["LBDY"]) == 0);
        // --SEQ numbers each patient's rows from 1.
        Assert.All(lb.Rows.GroupBy(r => Text(r["USUBJID"])), g => Assert.Equal(Enumerable.Range(1, g.Count()), g.Select(r => Number(r["LBSEQ"])!.Value)));
    }

    [Fact]
    public async Task EX_has_the_dose_periods_with_EXADJ_for_each_reduction()
    {
        var ex = await Dataset("sdtm/ex");
        var reductions = (await Live()).DoseReductions;

        var reduced = ex.Rows.Where(r => Text(r["EXADJ"]) is { } reason && reason != "DOSE ESCALATION PER PROTOCOL"
            && !reason.StartsWith("RESUMED", StringComparison.Ordinal)).Select(r => Text(r["USUBJID"])).Distinct().Count();
        // 22 patients reduced after escalation, 7 more from 400 to 300 mg before it (docs/alerts.md); the view
        // counts the paper's 22, reduced after escalation.
        Assert.Equal(29, reduced);
        Assert.Equal(22, reductions.Patients);
        Assert.Contains(ex.Rows, r => Text(r["EXADJ"]) == DoseReductionReasons.Pancytopenia);
        Assert.All(ex.Rows, r => Assert.True(Text(r["EXENDTC"]) is null || string.CompareOrdinal(Text(r["EXSTDTC"]), Text(r["EXENDTC"])) <= 0));
    }

    [Fact]
    public async Task A_coordinators_export_holds_their_sites_patients_and_other_roles_are_refused_as_for_the_cohort_views()
    {
        var (elsewhere, _, body) = await Get($"/cdisc/trials/{Trial}/sdtm/dm.json", Roles.Coordinator, site: "SITE-2");
        var (mine, _, mineBody) = await Get($"/cdisc/trials/{Trial}/sdtm/dm.json", Roles.Coordinator, site: "MDACC");
        var (admin, _, refusal) = await Get($"/cdisc/trials/{Trial}/sdtm/dm.json", Roles.Admin);
        var (anonymous, _, _) = await Get($"/cdisc/trials/{Trial}/sdtm/dm.json", role: null);
        var (unknown, _, _) = await Get($"/cdisc/trials/{Guid.NewGuid()}/sdtm/dm.json", Roles.Auditor);
        var (badName, _, badNameMessage) = await Get($"/cdisc/trials/{Trial}/sdtm/xx.json", Roles.Auditor);
        var (badTime, _, badTimeMessage) = await Get($"/cdisc/trials/{Trial}/sdtm/dm.json?asOf=yesterday", Roles.Auditor);

        Assert.Equal(HttpStatusCode.OK, elsewhere);
        Assert.Equal(0, JsonDocument.Parse(body).RootElement.GetProperty("records").GetInt32());
        Assert.Equal(HttpStatusCode.OK, mine);
        Assert.Equal(54, JsonDocument.Parse(mineBody).RootElement.GetProperty("records").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, admin);
        Assert.Contains(Roles.Coordinator, refusal, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal(HttpStatusCode.NotFound, badName);
        Assert.Contains("dm, lb, ex, ae, ds, rs", badNameMessage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badTime);
        Assert.Contains("asOf 'yesterday'", badTimeMessage, StringComparison.Ordinal);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Kind(JsonElement column) => column.GetProperty("dataType").GetString() switch
    {
        "string" or "date" or "datetime" => "text",
        _ => "number",
    };

    private async Task<CohortReport> Live() =>
        (await app.Host.Services.GetRequiredService<CohortViews>().ForTrialAsync(Trial, sites: null))!;

    private async Task<List<PatientChart>> Charts()
    {
        await using var session = app.Store.QuerySession();
        return [.. await session.Query<PatientChart>().Where(c => c.TrialId == Trial).ToListAsync()];
    }

    private async Task<ExportedDataset> Dataset(string dataset)
    {
        var (status, _, body) = await Get($"/cdisc/trials/{Trial}/{dataset}.json", Roles.Auditor);
        Assert.Equal(HttpStatusCode.OK, status);
        return new ExportedDataset(JsonDocument.Parse(body).RootElement.Clone());
    }

    private async Task<(HttpStatusCode Status, string ContentType, string Body)> Get(string url, string? role, string? site = null)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithRequestHeader("Authorization", role is null ? "Anonymous"
                : "Bearer " + app.Token($"{role}-1", [role], site is null ? null : [site]));
            s.IgnoreStatusCode();
        });
        return ((HttpStatusCode)result.Context.Response.StatusCode, result.Context.Response.ContentType ?? "", await result.ReadAsTextAsync());
    }
}
