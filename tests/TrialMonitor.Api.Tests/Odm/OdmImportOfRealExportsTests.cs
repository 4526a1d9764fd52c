using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Api.Tests.Support;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Tests.Odm;

/// <summary>The three real EDC exports imported with their checked-in mappings (ops/odm-mappings), twice.</summary>
public sealed class OdmImportOfRealExportsTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Cdisc_example_enrols_its_twelve_subjects_and_reports_the_adverse_events_of_001_as_toxicities()
    {
        var trial = await Bus.TrialWithSites("SITE-1", "SITE-2");

        var first = await App.Import(trial, OdmTestData.File(OdmTestData.CdiscExample), OdmTestData.Mapping("cdisc-example-3.json"));

        Assert.True(first.Rows.Count == 0, first.ToString());
        var charts = await App.Charts(trial);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"{i:000}"), charts.Select(c => c.SubjectId));
        var s001 = charts[0];
        Assert.Equal(("SITE-2", Sex.Male, 38), (s001.Site, s001.Baseline.Sex, s001.Baseline.AgeAtEnrolment)); // born 1960-04-03, enrolled 1999-01-01
        Assert.Equal([new ReportedToxicity(new(1999, 6, 10), "HEADACHE", 1), new ReportedToxicity(new(1999, 6, 11), "CONGESTION", 1)], s001.Toxicities());
        Assert.All(charts.Skip(1), c => Assert.Empty(c.Entries));
        Assert.Equal((12, 2, 0), (first.Summary.Enrolled, first.Summary.Appended, first.Summary.RefusedRows));

        await using (var session = App.Store.QuerySession())
        {
            var headache = (await session.Events.FetchStreamAsync(s001.Id)).Single(e => e.Data is ToxicityReported { Toxicity.Term: "HEADACHE" });
            Assert.Equal(EventMetadata.Sources.Import, headache.GetHeader(EventMetadata.Source)?.ToString());
            Assert.Equal("importer", headache.GetHeader(EventMetadata.User)?.ToString());
            Assert.Equal(OdmTestData.CdiscExample, headache.GetHeader(EventMetadata.ImportFile)?.ToString());
            Assert.Equal("SubjectData[001]/StudyEventData[SE.VISIT1]/FormData[FORM.AE]/ItemGroupData[IG.AE@1]",
                headache.GetHeader(EventMetadata.ImportPath)?.ToString());
        }

        var events = await App.EventsOfTrialPatients(trial);
        var again = await App.Import(trial, OdmTestData.File(OdmTestData.CdiscExample), OdmTestData.Mapping("cdisc-example-3.json"));
        Assert.Equal((0, 0, 2), (again.Summary.Enrolled, again.Summary.Appended, again.Summary.AlreadyRecorded));
        Assert.Equal(events, await App.EventsOfTrialPatients(trial));
    }

    [Fact]
    public async Task Redcap_export_enrols_its_three_records_and_discontinues_the_two_who_withdrew()
    {
        var trial = await Bus.TrialWithSites("MDACC");

        var first = await App.Import(trial, OdmTestData.File(OdmTestData.Redcap), OdmTestData.Mapping("redcap-longitudinal.json"));

        Assert.True(first.Rows.Count == 0, first.ToString());
        var charts = await App.Charts(trial);
        Assert.Equal(["REDCAP-100", "REDCAP-220", "REDCAP-304"], charts.Select(c => c.SubjectId));
        Assert.Equal([(Sex.Male, 31), (Sex.Female, 4), (Sex.Female, 9)], charts.Select(c => (c.Baseline.Sex, c.Baseline.AgeAtEnrolment)));
        Assert.All(charts, c => Assert.Equal(new DateOnly(2015, 4, 2), c.EnrolledOn));
        var withdrawn = charts.Select(c => c.Entries.OfType<TherapyDiscontinued>().SingleOrDefault()?.Discontinuation).ToList();
        Assert.Equal(2, withdrawn.Count(d => d == new Discontinuation(new(2015, 4, 2), DiscontinuationReason.PatientDecision)));

        var events = await App.EventsOfTrialPatients(trial);
        var again = await App.Import(trial, OdmTestData.File(OdmTestData.Redcap), OdmTestData.Mapping("redcap-longitudinal.json"));
        Assert.Equal((0, 0), (again.Summary.Enrolled, again.Summary.Appended));
        Assert.Equal(events, await App.EventsOfTrialPatients(trial));
    }

    [Fact]
    public async Task Rave_stream_reports_adverse_events_and_pain_and_voids_the_pain_lines_it_removes()
    {
        var trial = await Bus.TrialWithSites("MDSOL", "UBC");

        var first = await App.Import(trial, OdmTestData.File(OdmTestData.RaveStream), OdmTestData.Mapping("rave-car-stream.json"));

        // What the stream cannot give: two subjects' adverse events come without any DM form (no sex, no birth date), and
        // two subjects' birth dates lie after the stated enrolment; each item of theirs is reported, nothing of theirs appended.
        Assert.Equal(6, first.Rows.Count(r => r.Reason.Contains("sex missing", StringComparison.Ordinal) && r.Field.StartsWith("AE.", StringComparison.Ordinal)));
        Assert.Single(first.Rows, r => r.Field == "enrolment" && r.Reason.EndsWith("ageAtEnrolment: must be between 0 and 120 years (got -27 years)", StringComparison.Ordinal));
        Assert.Single(first.Rows, r => r.Field == "enrolment" && r.Reason.EndsWith("ageAtEnrolment: must be between 0 and 120 years (got -3 years)", StringComparison.Ordinal));
        Assert.Equal(8, first.Rows.Count);
        var charts = await App.Charts(trial);
        var f5a4 = Assert.Single(charts, c => c.SubjectId.StartsWith("f5a469da", StringComparison.Ordinal));
        // VISIT01's first pain line (50 → grade 2) was removed in Rave; its second (90 → grade 3) and VISIT02's (75 → grade 3) stand.
        Assert.Equal([new ReportedToxicity(new(2008, 1, 1), "Headache", 1), new ReportedToxicity(new(2008, 1, 2), "Joint pain", 1),
            new ReportedToxicity(new(2008, 1, 2), "Pain", 3), new ReportedToxicity(new(2008, 2, 1), "Pain", 3)], f5a4.Toxicities());
        var voided = Assert.Single(f5a4.Corrections);
        Assert.Equal("ODM:VISIT01[VISIT01[1]]/FORM_PAIN_SI[1]/FORM_PAIN_SI_LOG_LINE[1]", voided.VoidedEntryKey);
        Assert.Null(voided.ReplacementEntryKey);
        Assert.StartsWith("removed in the EDC (by ", voided.Reason, StringComparison.Ordinal);
        Assert.Equal(3, first.Summary.Voided);

        var events = await App.EventsOfTrialPatients(trial);
        var again = await App.Import(trial, OdmTestData.File(OdmTestData.RaveStream), OdmTestData.Mapping("rave-car-stream.json"));
        Assert.Equal((0, 0, 0), (again.Summary.Enrolled, again.Summary.Appended, again.Summary.Voided));
        Assert.Equal(events, await App.EventsOfTrialPatients(trial));
    }
}
