using System.IO.Pipelines;
using System.Net;
using System.Text;
using System.Text.Json;
using TrialMonitor.Api.Audit.Export;
using TrialMonitor.Api.Audit.Replay;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Audit;

public sealed class AuditExportTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task A_patient_trail_as_csv_has_a_row_per_event_with_who_why_and_the_derived_values_before_and_after()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await Bus.RecordCourseWithCorrection(patient);

        var (status, contentType, body) = await Get($"/audit/patients/{patient}.csv", Roles.Auditor);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("text/csv", contentType, StringComparison.Ordinal);
        var lines = body.TrimEnd('\r', '\n').Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(string.Join(',', AuditTrailFormats.CsvColumns), lines[0]);
        var rows = lines.Skip(1).Select(ParseCsvLine).ToList();
        Assert.Equal(await EventCount(patient), rows.Count);
        var column = AuditTrailFormats.CsvColumns.Select((name, index) => (name, index)).ToDictionary(c => c.name, c => c.index);

        var voided = rows.Single(r => r[column["event_type"]] == "EntryVoided");
        Assert.Equal(AuditScenario.CorrectionReason, voided[column["reason"]]);
        Assert.Equal(AuditScenario.Coordinator, voided[column["user"]]);
        Assert.Equal("CG2", voided[column["entry_key"]]);
        // The voiding names what the whole correction changed (up to its replacement, appended with it): the partial
        // response became a complete one; the replacement on its own documents a complete one where there was none.
        Assert.Contains("improvement: PR/0+", voided[column["derived_before"]], StringComparison.Ordinal);
        Assert.Contains("improvement: CR/0+", voided[column["derived_after"]], StringComparison.Ordinal);

        var replacement = rows[^1];
        Assert.Equal("CG2b", replacement[column["entry_key"]]);
        Assert.Equal(AuditScenario.CorrectionReason, replacement[column["reason"]]);
        Assert.Contains("improvement: -", replacement[column["derived_before"]], StringComparison.Ordinal);
        Assert.Contains("improvement: CR/0+", replacement[column["derived_after"]], StringComparison.Ordinal);
        Assert.Contains("improvement", replacement[column["changed"]], StringComparison.Ordinal);
        Assert.Equal(0m, JsonDocument.Parse(replacement[column["data"]]).RootElement.GetProperty("Cytogenetics").GetProperty("PhPositivePercent").GetDecimal());
        Assert.All(rows, r => Assert.Equal(patient.ToString(), r[column["patient_id"]]));
    }

    [Fact]
    public async Task A_patient_trail_as_json_parses_with_the_changes_of_each_event()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await Bus.RecordCourseWithCorrection(patient);

        var (status, contentType, body) = await Get($"/audit/patients/{patient}.json", Roles.Auditor);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("application/json", contentType, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(body);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(await EventCount(patient), rows.Count);
        Assert.Equal(Enumerable.Range(1, rows.Count), rows.Select(r => r.GetProperty("version").GetInt32()));
        var replacement = rows[^1];
        Assert.Equal(AuditScenario.CorrectionReason, replacement.GetProperty("reason").GetString());
        var improvement = replacement.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "improvement");
        Assert.Equal(JsonValueKind.Null, improvement.GetProperty("before").ValueKind);
        Assert.Equal("CR/0+", improvement.GetProperty("after").GetString());
        var voided = rows[^2];
        Assert.Equal("EntryVoided", voided.GetProperty("eventType").GetString());
        Assert.Equal("PR/0+", voided.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "improvement")
            .GetProperty("before").GetString());
        Assert.Equal("CG2b", replacement.GetProperty("data").GetProperty("EntryKey").GetString());
    }

    [Fact]
    public async Task A_trial_trail_contains_every_event_of_every_patient()
    {
        var trial = await Bus.Trial();
        var patients = new List<Guid>();
        for (var i = 1; i <= 12; i++)
        {
            var patient = await Bus.EnrolledPatient(trial, $"{i:000}");
            await Bus.RecordCourseWithCorrection(patient);
            patients.Add(patient);
        }

        var (_, _, csv) = await Get($"/audit/trials/{trial}.csv", Roles.Auditor);
        var (_, _, json) = await Get($"/audit/trials/{trial}.json", Roles.Auditor);

        var expected = 1 + patients.Count * 7;
        Assert.Equal(expected + 1, csv.TrimEnd('\r', '\n').Split('\n').Length);
        using var document = JsonDocument.Parse(json);
        var rows = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(expected, rows.Count);
        Assert.Equal("TrialRegistered", rows[0].GetProperty("eventType").GetString());
        foreach (var patient in patients)
        {
            var own = rows.Where(r => r.GetProperty("patientId").GetString() == patient.ToString()).ToList();
            Assert.Equal(await EventCount(patient), own.Count);
            Assert.Equal(Enumerable.Range(1, own.Count), own.Select(r => r.GetProperty("version").GetInt32()));
        }
        Assert.Equal(rows.Select(r => r.GetProperty("eventId").GetString()).Distinct().Count(), rows.Count);
    }

    [Fact]
    public async Task An_admin_sees_who_recorded_what_and_when_but_no_clinical_values()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await Bus.RecordCourseWithCorrection(patient);

        var (status, _, body) = await Get($"/audit/patients/{patient}.json", Roles.Admin);

        Assert.Equal(HttpStatusCode.OK, status);
        using var json = JsonDocument.Parse(body);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(await EventCount(patient), rows.Count);
        Assert.All(rows, row =>
        {
            Assert.Equal(JsonValueKind.Null, row.GetProperty("data").ValueKind);
            Assert.False(string.IsNullOrEmpty(row.GetProperty("eventType").GetString()));
            Assert.All(row.GetProperty("changes").EnumerateArray(), change =>
            {
                Assert.Equal(JsonValueKind.Null, change.GetProperty("before").ValueKind);
                Assert.Equal(JsonValueKind.Null, change.GetProperty("after").ValueKind);
            });
        });
        Assert.Equal(AuditScenario.CorrectionReason, rows[^1].GetProperty("reason").GetString());
        Assert.Contains(rows[^1].GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == "improvement");
        Assert.DoesNotContain("CR/0+", body, StringComparison.Ordinal);
        Assert.DoesNotContain("PhPositivePercent", body, StringComparison.Ordinal);

        var (_, _, csv) = await Get($"/audit/patients/{patient}.csv", Roles.Admin);
        Assert.DoesNotContain("PhPositivePercent", csv, StringComparison.Ordinal);
        Assert.Contains(AuditScenario.CorrectionReason, csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_reads_a_patients_history_of_who_recorded_what_but_is_refused_its_clinical_fields()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());

        var who = await App.GraphQL("query($p: ID!) { patientHistory(patientId: $p) { events { type user role recordedAt } } }", new { p = patient }, Roles.Admin);
        Assert.Null(who["errors"]);
        Assert.Equal("PatientEnrolled", (string?)who["data"]!["patientHistory"]!["events"]![0]!["type"]);

        foreach (var clinical in new[] { "data", "changes { field }", "derived { __typename }", "state { id }" })
        {
            var refused = await App.GraphQL($"query($p: ID!) {{ patientHistory(patientId: $p) {{ events {{ {clinical} }} }} }}", new { p = patient }, Roles.Admin);
            Assert.Equal("FORBIDDEN", (string?)refused["errors"]![0]!["extensions"]!["code"]);
            Assert.Null(refused["data"]);
        }
        var asOf = await App.GraphQL("query($p: ID!) { patientAsOf(patientId: $p, version: 1) { id } }", new { p = patient }, Roles.Admin);
        Assert.Equal("FORBIDDEN", (string?)asOf["errors"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task Only_auditors_and_admins_may_export_and_an_unknown_patient_is_not_found()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());

        Assert.Equal(HttpStatusCode.Unauthorized, (await Get($"/audit/patients/{patient}.csv", role: null)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Get($"/audit/patients/{patient}.csv", Roles.Coordinator)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Get($"/audit/trials/{Guid.NewGuid()}.json", Roles.SafetyMonitor)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Get($"/audit/patients/{Guid.NewGuid()}.json", Roles.Auditor)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Get($"/audit/trials/{Guid.NewGuid()}.csv", Roles.Auditor)).Status);
    }

    [Fact]
    public async Task Rows_reach_the_client_while_later_rows_are_still_being_read()
    {
        // The source hands over two rows, then waits (as for the next patient's stream) until the
        // reader has seen them: a writer that buffered the trail would never let it.
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pipe = new Pipe();

        foreach (var write in new Func<IAsyncEnumerable<AuditTrailRow>, Stream, CancellationToken, Task>[]
                 { AuditTrailFormats.WriteCsvAsync, AuditTrailFormats.WriteJsonAsync })
        {
            seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            pipe = new Pipe();
            var writing = Task.Run(async () =>
            {
                await write(Rows(seen.Task), pipe.Writer.AsStream(), CancellationToken.None);
                await pipe.Writer.CompleteAsync();
            });

            var firstTwo = await ReadUntil(pipe.Reader, "row-2").WaitAsync(TimeSpan.FromSeconds(10));
            Assert.DoesNotContain("row-3", firstTwo, StringComparison.Ordinal);
            Assert.False(writing.IsCompleted);
            seen.SetResult();
            await writing.WaitAsync(TimeSpan.FromSeconds(10));
            var rest = await ReadUntil(pipe.Reader, null);
            Assert.Contains("row-3", firstTwo + rest, StringComparison.Ordinal);
        }
    }

    private static async IAsyncEnumerable<AuditTrailRow> Rows(Task gate)
    {
        for (var i = 1; i <= 3; i++)
        {
            if (i == 3) await gate;
            var e = new RecordedEvent(Guid.NewGuid(), Guid.NewGuid(), i, i, "CytogeneticsRecorded", DateTimeOffset.UnixEpoch, "u", "coordinator",
                "api", null, null, new object(), $$"""{"EntryKey":"row-{{i}}"}""");
            yield return new AuditTrailRow(Guid.NewGuid(), e.StreamId, "001", "MDACC", e, $"row-{i}", []);
        }
    }

    private static async Task<string> ReadUntil(PipeReader reader, string? marker)
    {
        var text = new StringBuilder();
        while (true)
        {
            var result = await reader.ReadAsync();
            foreach (var segment in result.Buffer) text.Append(Encoding.UTF8.GetString(segment.Span));
            reader.AdvanceTo(result.Buffer.End);
            if ((marker is not null && text.ToString().Contains(marker, StringComparison.Ordinal)) || result.IsCompleted) return text.ToString();
        }
    }

    private async Task<(HttpStatusCode Status, string ContentType, string Body)> Get(string url, string? role)
    {
        var result = await App.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithRequestHeader("Authorization", role is null ? "Anonymous" : "Bearer " + App.Token($"{role}-1", [role]));
            s.IgnoreStatusCode();
        });
        return ((HttpStatusCode)result.Context.Response.StatusCode, result.Context.Response.ContentType ?? "", await result.ReadAsTextAsync());
    }

    /// <summary>RFC 4180 fields of one line (the export puts no line breaks inside fields: JSON is compact).</summary>
    private static List<string> ParseCsvLine(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }
}
