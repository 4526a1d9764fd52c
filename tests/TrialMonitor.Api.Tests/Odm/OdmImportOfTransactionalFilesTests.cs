using System.Text.Json.Nodes;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Odm.Importing;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Api.Tests.Support;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Tests.Odm;

/// <summary>
/// A Transactional file (an audit stream: one item per message, subjects interleaved, later Upserts and Removes of earlier
/// items) imported holding one subject in memory, so every other is written to disk and read back each time the stream
/// returns to it, appends and reports exactly what the import holding every subject in memory does: the Rave stream, and a
/// stream that switches subject at every item.
/// </summary>
public sealed class OdmImportOfTransactionalFilesTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly string RaveStream = OdmTestData.File(OdmTestData.RaveStream);
    private static readonly string RaveMapping = OdmTestData.Mapping("rave-car-stream.json");

    [Fact]
    public async Task Rave_stream_imported_holding_one_subject_in_memory_appends_and_reports_what_holding_them_all_does()
    {
        var inMemory = await Bus.TrialWithSites("MDSOL", "UBC");
        var spilled = await Bus.TrialWithSites("MDSOL", "UBC");

        var all = await App.Import(inMemory, RaveStream, RaveMapping);
        var one = await App.Import(spilled, RaveStream, RaveMapping, subjectsHeld: 1);

        Assert.Equal(0, all.Summary.SubjectsSpilled);
        Assert.True(one.Summary.SubjectsSpilled >= 91, one.ToString()); // every subject but the last let go at least once
        Assert.Equal(Counts(all.Summary), Counts(one.Summary));
        Assert.True(all.Summary is { Enrolled: > 0, Appended: > 0, Voided: 3 } && all.Rows.Count == 8, all.ToString());
        Assert.Equal(all.Rows, one.Rows);
        var appended = await Appended(inMemory);
        Assert.Equal(appended, await Appended(spilled));
        Assert.Equal(3, appended.Count(e => e.Reason is not null && e.Type == "EntryVoided"));

        var events = await App.EventsOfTrialPatients(spilled);
        var again = await App.Import(spilled, RaveStream, RaveMapping, subjectsHeld: 1);
        Assert.Equal((0, 0, 0, 0), (again.Summary.Enrolled, again.Summary.Appended, again.Summary.Voided, again.Summary.Corrected));
        Assert.Equal(all.Rows, again.Rows);
        Assert.Equal(events, await App.EventsOfTrialPatients(spilled));
    }

    [Fact]
    public async Task A_dry_run_holding_one_subject_in_memory_spills_what_it_decided_and_predicts_the_import()
    {
        var trial = await Bus.TrialWithSites("MDSOL", "UBC");

        var dryAll = await App.Import(trial, RaveStream, RaveMapping, dryRun: true);
        var dryOne = await App.Import(trial, RaveStream, RaveMapping, dryRun: true, subjectsHeld: 1);

        Assert.True(dryOne.Summary.SubjectsSpilled >= 91, dryOne.ToString());
        Assert.Equal(Counts(dryAll.Summary), Counts(dryOne.Summary));
        Assert.Equal(dryAll.Rows, dryOne.Rows);
        Assert.Empty(await App.Charts(trial));
        var imported = await App.Import(trial, RaveStream, RaveMapping, subjectsHeld: 1);
        Assert.Equal(Counts(imported.Summary), Counts(dryOne.Summary));
        Assert.Equal(imported.Rows, dryOne.Rows);

        // A stream whose later items correct entries the dry run decided on while their subject was on disk.
        var xml = OdmTestMapping.OdmFile(InterleavedStream());
        var edc = await Bus.TrialWithSites("SITE-1", "SITE-2");
        var dryStream = await App.Import(edc, OdmImporting.Text(xml), "stream.xml", OdmTestMapping.Mapping, dryRun: true, subjectsHeld: 1);
        Assert.True(dryStream.Summary is { SubjectsSpilled: > 50, Corrected: 7, Voided: 1 }, dryStream.ToString());
        Assert.Empty(await App.Charts(edc));
        var importedStream = await App.Import(edc, OdmImporting.Text(xml), "stream.xml", OdmTestMapping.Mapping, subjectsHeld: 1);
        Assert.Equal(Counts(importedStream.Summary), Counts(dryStream.Summary));
        Assert.Equal(importedStream.Rows, dryStream.Rows);
    }

    [Fact]
    public async Task A_stream_switching_subject_at_every_item_merges_later_items_into_groups_read_back_from_disk()
    {
        var xml = OdmTestMapping.OdmFile(InterleavedStream());
        var inMemory = await Bus.TrialWithSites("SITE-1", "SITE-2");
        var spilled = await Bus.TrialWithSites("SITE-1", "SITE-2");

        var all = await App.Import(inMemory, OdmImporting.Text(xml), "stream.xml", OdmTestMapping.Mapping);
        var one = await App.Import(spilled, OdmImporting.Text(xml), "stream.xml", OdmTestMapping.Mapping, subjectsHeld: 1);

        Assert.True(one.Summary.SubjectsSpilled > 50, one.ToString());
        Assert.Equal(Counts(all.Summary), Counts(one.Summary));
        Assert.Equal(all.Rows, one.Rows);
        Assert.Equal(await Appended(inMemory), await Appended(spilled));

        // What the stream said, item by item: each subject's first adverse event regraded with its reason, subject 102's
        // second removed, the blood count of 103 (hemoglobin in g/L) complete from four messages and its WBC corrected.
        var charts = await App.Charts(spilled);
        Assert.Equal(["101", "102", "103", "104"], charts.Select(c => c.SubjectId));
        Assert.All(charts, c => Assert.Contains(new ReportedToxicity(new(2000, 3, 10), "Nausea", 3), c.Toxicities()));
        Assert.DoesNotContain(new ReportedToxicity(new(2000, 3, 12), "Rash", 2), charts[1].Toxicities());
        Assert.Contains(new ReportedToxicity(new(2000, 3, 12), "Rash", 2), charts[0].Toxicities());
        Assert.Equal([new BloodCount(new(2000, 3, 8), 11.0m, null, 300m, 13.5m, null, null, null, null)],
            charts[2].Entries.OfType<BloodCountRecorded>().Select(b => b.Count));
        Assert.All(charts, c => Assert.Contains(c.Corrections, x => x.Reason == "Grade misread from the source note"));
        Assert.Single(charts[1].Corrections, x => x is { Reason: "Entered for the wrong patient", ReplacementEntryKey: null });
        // Never complete: 101's third adverse event has no grade; 105 never says its sex, so it is not enrolled.
        Assert.Single(one.Rows, r => r.Path.EndsWith("ItemGroupData[IG.AE@3]", StringComparison.Ordinal) && r.Field == "grade");
        Assert.Single(one.Rows, r => r.Field == "enrolment" && r.Path.StartsWith("SubjectData[105]", StringComparison.Ordinal));
        Assert.True(one.Rows.Count == 2, one.ToString());

        var events = await App.EventsOfTrialPatients(spilled);
        var again = await App.Import(spilled, OdmImporting.Text(xml), "stream.xml", OdmTestMapping.Mapping, subjectsHeld: 1);
        Assert.Equal((0, 0, 0), (again.Summary.Enrolled, again.Summary.Appended, again.Summary.Voided));
        Assert.Equal(events, await App.EventsOfTrialPatients(spilled));
    }

    /// <summary>
    /// Subjects 101–104 (and 105, who never says its sex) item by item, round robin: birth date, sex, two adverse events
    /// and 103's blood count; then 101's third adverse event without a grade, each first adverse event regraded, 102's
    /// second removed and 103's WBC corrected.
    /// </summary>
    private static string InterleavedStream()
    {
        string[] subjects = ["101", "102", "103", "104", "105"];
        var messages = new List<string>();
        void RoundRobin(Func<string, string?> message) => messages.AddRange(subjects.Select(message).OfType<string>());
        RoundRobin(s => Message(s, "IG.DEMOG", "1", "IT.DOB", "19600101"));
        RoundRobin(s => s == "105" ? null : Message(s, "IG.DEMOG", "1", "IT.SEX", "F"));
        foreach (var (repeat, term, onset, grade) in new[] { ("1", "Nausea", "20000310", "1"), ("2", "Rash", "20000312", "2") })
        {
            RoundRobin(s => s == "105" ? null : Message(s, "IG.AE", repeat, "IT.AETERM", term));
            RoundRobin(s => s == "105" ? null : Message(s, "IG.AE", repeat, "IT.AESTDT", onset));
            RoundRobin(s => s == "105" ? null : Message(s, "IG.AE", repeat, "IT.AEGRADE", grade));
        }
        foreach (var (item, value) in new[] { ("IT.WBC", "12.5"), ("IT.LBDT", "20000308"), ("IT.PLAT", "300"), ("IT.HGB", "135") })
            RoundRobin(s => s == "103" ? Message(s, "IG.CBC", "1", item, value) : s == "105" ? null : Message(s, "IG.DEMOG", "1", "IT.DOB", "19600101"));
        messages.Add(Message("101", "IG.AE", "3", "IT.AETERM", "Fatigue"));
        messages.Add(Message("101", "IG.AE", "3", "IT.AESTDT", "20000315"));
        RoundRobin(s => s == "105" ? null : Message(s, "IG.AE", "1", "IT.AEGRADE", "3", "Grade misread from the source note"));
        messages.Add(Message("102", "IG.AE", "2", null, null, "Entered for the wrong patient"));
        messages.Add(Message("103", "IG.CBC", "1", "IT.WBC", "11.0", "Transcription error"));
        return string.Join("\n", messages);
    }

    private static string Message(string subject, string group, string repeat, string? item, string? value, string? reason = null)
    {
        var audit = reason is null ? "" : $"<AuditRecord><UserRef UserOID=\"dr.kim\"/><DateTimeStamp>2000-04-01T09:00:00</DateTimeStamp><ReasonForChange>{reason}</ReasonForChange></AuditRecord>";
        var content = item is null ? audit : $"<ItemData ItemOID=\"{item}\" Value=\"{value}\" TransactionType=\"Upsert\">{audit}</ItemData>";
        var form = group == "IG.DEMOG" ? "F.DEMOG" : group == "IG.AE" ? "F.AE" : "F.LAB";
        return $"""
              <ClinicalData StudyOID="S" MetaDataVersionOID="1"><SubjectData SubjectKey="{subject}"><SiteRef LocationOID="LOC.site001"/>
                <StudyEventData StudyEventOID="SE.V1"><FormData FormOID="{form}">
                  <ItemGroupData ItemGroupOID="{group}" ItemGroupRepeatKey="{repeat}"{(item is null ? " TransactionType=\"Remove\"" : "")}>{content}</ItemGroupData>
                </FormData></StudyEventData>
              </SubjectData></ClinicalData>
            """;
    }

    private static (int Enrolled, int Appended, int Corrected, int Voided, int AlreadyRecorded, int Ignored, int Refused, long Items) Counts(OdmImportSummary s) =>
        (s.Enrolled, s.Appended, s.Corrected, s.Voided, s.AlreadyRecorded, s.IgnoredGroups, s.RefusedRows, s.ItemsRead);

    /// <summary>Every event of the trial's patients, subject by subject, as a reader compares them across trials (the ids left out).</summary>
    private async Task<IReadOnlyList<(string SubjectId, string Type, string Data, string? Reason, string? Path)>> Appended(Guid trialId)
    {
        var serializer = App.Store.Options.Serializer();
        var appended = new List<(string, string, string, string?, string?)>();
        await using var session = App.Store.QuerySession();
        foreach (var chart in await App.Charts(trialId))
        {
            foreach (var e in await session.Events.FetchStreamAsync(chart.Id))
            {
                var data = JsonNode.Parse(serializer.ToJson(e.Data))!.AsObject();
                foreach (var id in data.Select(p => p.Key).Where(k => k.Equals("patientId", StringComparison.OrdinalIgnoreCase) || k.Equals("trialId", StringComparison.OrdinalIgnoreCase)).ToList())
                    data.Remove(id);
                appended.Add((chart.SubjectId, e.EventType.Name, data.ToJsonString(), e.GetHeader(EventMetadata.Reason)?.ToString(),
                    e.GetHeader(EventMetadata.ImportPath)?.ToString()));
            }
        }
        return appended;
    }
}
