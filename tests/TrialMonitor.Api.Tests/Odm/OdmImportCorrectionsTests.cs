using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Api.Tests.Support;
using TrialMonitor.Clinical.Course;
using static TrialMonitor.Api.Tests.Odm.OdmTestMapping;

namespace TrialMonitor.Api.Tests.Odm;

/// <summary>A later export with changed values: Update with an AuditRecord corrects, Remove voids, each with the EDC's reason.</summary>
public sealed class OdmImportCorrectionsTests(AppFixture app) : IntegrationTest(app)
{
    private const string Inserted = """
            <StudyEventData StudyEventOID="SE.V1"><FormData FormOID="F.AE">
              <ItemGroupData ItemGroupOID="IG.AE" ItemGroupRepeatKey="1" TransactionType="Insert">
                <ItemData ItemOID="IT.AETERM" Value="Nausea"/><ItemData ItemOID="IT.AESTDT" Value="20000310"/><ItemData ItemOID="IT.AEGRADE" Value="1"/>
              </ItemGroupData>
              <ItemGroupData ItemGroupOID="IG.AE" ItemGroupRepeatKey="2" TransactionType="Insert">
                <ItemData ItemOID="IT.AETERM" Value="Rash"/><ItemData ItemOID="IT.AESTDT" Value="20000312"/><ItemData ItemOID="IT.AEGRADE" Value="2"/>
              </ItemGroupData>
            </FormData></StudyEventData>
        """;

    private const string Changed = """
          <ClinicalData StudyOID="S" MetaDataVersionOID="1">
            <SubjectData SubjectKey="101"><SiteRef LocationOID="LOC.site002"/>
              <StudyEventData StudyEventOID="SE.V1"><FormData FormOID="F.AE">
                <ItemGroupData ItemGroupOID="IG.AE" ItemGroupRepeatKey="1" TransactionType="Update">
                  <AuditRecord><UserRef UserOID="dr.kim"/><LocationRef LocationOID="LOC.site002"/><DateTimeStamp>2000-04-01T09:00:00</DateTimeStamp>
                    <ReasonForChange>Grade misread from the source note</ReasonForChange></AuditRecord>
                  <ItemData ItemOID="IT.AEGRADE" Value="3"/>
                </ItemGroupData>
                <ItemGroupData ItemGroupOID="IG.AE" ItemGroupRepeatKey="2" TransactionType="Remove">
                  <AuditRecord><UserRef UserOID="dr.kim"/><DateTimeStamp>2000-04-01T09:05:00</DateTimeStamp>
                    <ReasonForChange>Entered for the wrong patient</ReasonForChange></AuditRecord>
                </ItemGroupData>
              </FormData></StudyEventData>
            </SubjectData>
          </ClinicalData>
        """;

    [Fact]
    public async Task An_update_with_its_reason_corrects_the_entry_a_remove_voids_it_and_the_same_file_again_appends_nothing()
    {
        var trial = await Bus.TrialWithSites("SITE-1", "SITE-2");
        var first = OdmFile(Subject("101", "LOC.site002", "19600101", "F", Inserted));
        var later = OdmFile(Subject("101", "LOC.site002", "19600101", "F", Inserted) + Changed);
        await App.Import(trial, OdmImporting.Text(first), "edc-2000-03.xml", Mapping);

        var outcome = await App.Import(trial, OdmImporting.Text(later), "edc-2000-04.xml", Mapping);

        Assert.True(outcome.Rows.Count == 0, outcome.ToString());
        Assert.Equal((1, 1, 1), (outcome.Summary.Appended, outcome.Summary.Corrected, outcome.Summary.Voided));
        var chart = Assert.Single(await App.Charts(trial));
        Assert.Equal([new ReportedToxicity(new(2000, 3, 10), "Nausea", 3)], chart.Toxicities());
        Assert.Equal([("ODM:SE.V1[]/F.AE[]/IG.AE[1]", "Grade misread from the source note", true), ("ODM:SE.V1[]/F.AE[]/IG.AE[2]", "Entered for the wrong patient", false)],
            chart.Corrections.Select(c => (c.VoidedEntryKey, c.Reason, c.ReplacementEntryKey is not null)));
        await using (var session = App.Store.QuerySession())
        {
            var correction = (await session.Events.FetchStreamAsync(chart.Id)).Single(e => e.Data is ToxicityReported { Toxicity.Grade: 3 });
            Assert.Equal("Grade misread from the source note", correction.GetHeader(EventMetadata.Reason)?.ToString());
            Assert.Equal("edc-2000-04.xml", correction.GetHeader(EventMetadata.ImportFile)?.ToString());
        }

        var events = await App.EventsOfTrialPatients(trial);
        var again = await App.Import(trial, OdmImporting.Text(later), "edc-2000-04.xml", Mapping);
        Assert.Equal((0, 0, 0), (again.Summary.Appended, again.Summary.Voided, again.Summary.RefusedRows));
        Assert.Equal(events, await App.EventsOfTrialPatients(trial));
    }

    [Fact]
    public async Task A_later_snapshot_setting_a_value_back_to_its_first_corrects_the_entry_back()
    {
        var trial = await Bus.TrialWithSites("SITE-1", "SITE-2");
        static string Export(int grade) => OdmFile(Subject("101", "LOC.site002", "19600101", "F", $"""
                <StudyEventData StudyEventOID="SE.V1"><FormData FormOID="F.AE">
                  <ItemGroupData ItemGroupOID="IG.AE" ItemGroupRepeatKey="1">
                    <ItemData ItemOID="IT.AETERM" Value="Nausea"/><ItemData ItemOID="IT.AESTDT" Value="20000310"/><ItemData ItemOID="IT.AEGRADE" Value="{grade}"/>
                  </ItemGroupData>
                </FormData></StudyEventData>
            """)).Replace("FileType=\"Transactional\"", "FileType=\"Snapshot\"", StringComparison.Ordinal);

        foreach (var (grade, file) in new[] { (1, "edc-2000-03.xml"), (3, "edc-2000-04.xml"), (1, "edc-2000-05.xml") })
        {
            var outcome = await App.Import(trial, OdmImporting.Text(Export(grade)), file, Mapping);
            Assert.True(outcome.Rows.Count == 0, outcome.ToString());
        }

        var chart = Assert.Single(await App.Charts(trial));
        Assert.Equal([new ReportedToxicity(new(2000, 3, 10), "Nausea", 1)], chart.Toxicities());
        Assert.Equal(2, chart.Corrections.Count);
    }
}
