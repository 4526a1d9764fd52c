using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Api.Tests.Support;
using TrialMonitor.Clinical.Course;
using static TrialMonitor.Api.Tests.Odm.OdmTestMapping;

namespace TrialMonitor.Api.Tests.Odm;

/// <summary>
/// A file with every kind of bad value: each is reported row by row (line, ODM path, field, value, reason) and nothing of
/// those rows is appended; the rest is. A dry run reports the same and appends nothing; a coordinator imports their sites only.
/// </summary>
public sealed class OdmImportRefusalsTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly string BadFile = OdmFile(
        Subject("201", "LOC.site002", "19600101", "M", """
                  <StudyEventData StudyEventOID="SE.V1"><FormData FormOID="F.AE">
                    <ItemGroupData ItemGroupOID="IG.AE" ItemGroupRepeatKey="1"><ItemData ItemOID="IT.AETERM" Value="Fatigue"/><ItemData ItemOID="IT.AESTDT" Value="20000305"/><ItemData ItemOID="IT.AEGRADE" Value="2"/></ItemGroupData>
                    <ItemGroupData ItemGroupOID="IG.AE" ItemGroupRepeatKey="2"><ItemData ItemOID="IT.AETERM" Value="Edema"/><ItemData ItemOID="IT.AESTDT" Value="20000306"/><ItemData ItemOID="IT.AEGRADE" Value="9"/></ItemGroupData>
                    <ItemGroupData ItemGroupOID="IG.AE" ItemGroupRepeatKey="3"><ItemData ItemOID="IT.AETERM" Value="Cramps"/><ItemData ItemOID="IT.AESTDT" Value="20001345"/><ItemData ItemOID="IT.AEGRADE" Value="1"/></ItemGroupData>
                    <ItemGroupData ItemGroupOID="IG.AE" ItemGroupRepeatKey="4"><ItemData ItemOID="IT.AETERM" Value="Diarrhea"/><ItemData ItemOID="IT.AESTDT" Value="20000307"/><ItemData ItemOID="IT.AEGRADE" Value="1"/><ItemData ItemOID="IT.AEXTRA" Value="?"/></ItemGroupData>
                  </FormData><FormData FormOID="F.LAB">
                    <ItemGroupData ItemGroupOID="IG.CBC" ItemGroupRepeatKey="1"><ItemData ItemOID="IT.LBDT" Value="20000308"/><ItemData ItemOID="IT.WBC" Value="12.5"/><ItemData ItemOID="IT.PLAT" Value="300"/><ItemData ItemOID="IT.HGB" Value="135"/></ItemGroupData>
                    <ItemGroupData ItemGroupOID="IG.CBC" ItemGroupRepeatKey="2"><ItemData ItemOID="IT.LBDT" Value="20000309"/><ItemData ItemOID="IT.WBC" Value="5000"/></ItemGroupData>
                    <ItemGroupData ItemGroupOID="IG.VS" ItemGroupRepeatKey="1"><ItemData ItemOID="IT.SYSBP" Value="120"/></ItemGroupData>
                  </FormData></StudyEventData>
            """)
        + Subject("202", "LOC.site009", "19700101", "F", """
                  <StudyEventData StudyEventOID="SE.V1"><FormData FormOID="F.AE">
                    <ItemGroupData ItemGroupOID="IG.AE" ItemGroupRepeatKey="1"><ItemData ItemOID="IT.AETERM" Value="Headache"/><ItemData ItemOID="IT.AESTDT" Value="20000305"/><ItemData ItemOID="IT.AEGRADE" Value="1"/></ItemGroupData>
                  </FormData></StudyEventData>
            """)
        + """
              <ClinicalData StudyOID="S" MetaDataVersionOID="1">
                <SubjectData SubjectKey="203"><SiteRef LocationOID="LOC.site001"/>
                  <StudyEventData StudyEventOID="SE.V1"><FormData FormOID="F.AE">
                    <ItemGroupData ItemGroupOID="IG.AE" ItemGroupRepeatKey="1"><ItemData ItemOID="IT.AETERM" Value="Vomiting"/><ItemData ItemOID="IT.AESTDT" Value="20000305"/><ItemData ItemOID="IT.AEGRADE" Value="1"/></ItemGroupData>
                  </FormData></StudyEventData>
                </SubjectData>
              </ClinicalData>
            """);

    [Fact]
    public async Task Every_bad_value_is_reported_row_by_row_and_only_the_good_rows_are_appended()
    {
        var trial = await Bus.TrialWithSites("SITE-1", "SITE-2");

        var outcome = await App.Import(trial, OdmImporting.Text(BadFile), "bad.xml", Mapping);

        const string v1 = "SubjectData[201]/StudyEventData[SE.V1]";
        Assert.Equal(
        [
            // out of limits (the door's own refusal, naming the field and the limit)
            (Line("Value=\"9\""), $"{v1}/FormData[F.AE]/ItemGroupData[IG.AE@2]/ItemData[IT.AEGRADE]", "toxicity.grade", "9", "must be between 1 and 5 (got 9)"),
            // malformed date
            (Line("20001345"), $"{v1}/FormData[F.AE]/ItemGroupData[IG.AE@3]/ItemData[IT.AESTDT]", "onsetOn", "20001345", "not a date (yyyyMMdd)"),
            // unmapped item (its group goes in without it)
            (Line("IT.AEXTRA"), $"{v1}/FormData[F.AE]/ItemGroupData[IG.AE@4]/ItemData[IT.AEXTRA]", "IT.AEXTRA", "?", "unmapped: no field of the Toxicity mapping reads it"),
            (Line("Value=\"5000\""), $"{v1}/FormData[F.LAB]/ItemGroupData[IG.CBC@2]/ItemData[IT.WBC]", "count.wbc", "5000", "must be between 0 and 1000 ×10⁹/L (got 5000 ×10⁹/L)"),
            // unmapped item group
            (Line("IT.SYSBP"), $"{v1}/FormData[F.LAB]/ItemGroupData[IG.VS@1]/ItemData[IT.SYSBP]", "IT.SYSBP", "120", "unmapped: item group IG.VS of form F.LAB is not in the mapping"),
            // wrong site: each mapped item of the subject
            .. AeItems.Select(item => (Line("Value=\"Headache\""),
                $"SubjectData[202]/StudyEventData[SE.V1]/FormData[F.AE]/ItemGroupData[IG.AE@1]/ItemData[{item}]", item,
                item switch { "IT.AETERM" => "Headache", "IT.AESTDT" => "20000305", _ => "1" },
                "the subject's site 'LOC.site009' is not one the mapping names (subjects.sites)")),
            // unknown subject: not in the trial, and the file does not say enough to enrol it
            .. AeItems.Select(item => (Line("Value=\"Vomiting\""),
                $"SubjectData[203]/StudyEventData[SE.V1]/FormData[F.AE]/ItemGroupData[IG.AE@1]/ItemData[{item}]", item,
                item switch { "IT.AETERM" => "Vomiting", "IT.AESTDT" => "20000305", _ => "1" },
                "subject '203' could not be enrolled: ageAtEnrolment missing: the file has no value for it and the mapping states none; " +
                "sex missing: the file has no value for it and the mapping states none")),
        ], outcome.Rows.Select(r => (r.Line, r.Path, r.Field, r.Value, r.Reason)));

        var chart = Assert.Single(await App.Charts(trial));
        Assert.Equal("201", chart.SubjectId);
        Assert.Equal([new ReportedToxicity(new(2000, 3, 5), "Fatigue", 2), new ReportedToxicity(new(2000, 3, 7), "Diarrhea", 1)], chart.Toxicities());
        Assert.Equal([new BloodCount(new(2000, 3, 8), 12.5m, null, 300m, 13.5m, null, null, null, null)],
            chart.Entries.OfType<BloodCountRecorded>().Select(b => b.Count));
        Assert.Equal((1, 3, 11), (outcome.Summary.Enrolled, outcome.Summary.Appended, outcome.Summary.RefusedRows));
    }

    [Fact]
    public async Task A_dry_run_reports_what_the_import_would_refuse_and_appends_nothing()
    {
        var trial = await Bus.TrialWithSites("SITE-1", "SITE-2");

        var dryRun = await App.Import(trial, OdmImporting.Text(BadFile), "bad.xml", Mapping, dryRun: true);

        Assert.Empty(await App.Charts(trial));
        var real = await App.Import(trial, OdmImporting.Text(BadFile), "bad.xml", Mapping);
        Assert.Equal(real.Rows, dryRun.Rows);
        Assert.Equal((real.Summary.Enrolled, real.Summary.Appended), (dryRun.Summary.Enrolled, dryRun.Summary.Appended));
    }

    [Fact]
    public async Task A_coordinator_imports_the_subjects_of_their_sites_only()
    {
        var trial = await Bus.TrialWithSites("SITE-1", "SITE-2");
        var file = OdmFile(
            Subject("301", "LOC.site001", "19600101", "M", """
                      <StudyEventData StudyEventOID="SE.V1"><FormData FormOID="F.AE"><ItemGroupData ItemGroupOID="IG.AE" ItemGroupRepeatKey="1">
                        <ItemData ItemOID="IT.AETERM" Value="Fatigue"/><ItemData ItemOID="IT.AESTDT" Value="20000305"/><ItemData ItemOID="IT.AEGRADE" Value="2"/>
                      </ItemGroupData></FormData></StudyEventData>
                """)
            + Subject("302", "LOC.site002", "19600101", "F", ""));

        var outcome = await App.Import(trial, OdmImporting.Text(file), "mixed.xml", Mapping, role: "coordinator", sites: ["SITE-1"]);

        Assert.Equal(["301"], (await App.Charts(trial)).Select(c => c.SubjectId));
        var refused = Assert.Single(outcome.Rows);
        Assert.Equal(("SubjectData[302]/StudyEventData[SE.BASE]/FormData[F.DEMOG]/ItemGroupData[IG.DEMOG@1]", "enrolment"), (refused.Path, refused.Field));
        Assert.Contains("is at site SITE-2; your token's sites are SITE-1", refused.Reason, StringComparison.Ordinal);
    }

    private static readonly string[] AeItems = ["IT.AETERM", "IT.AESTDT", "IT.AEGRADE"];

    private static int Line(string text) => LineOf(BadFile, text);
}
