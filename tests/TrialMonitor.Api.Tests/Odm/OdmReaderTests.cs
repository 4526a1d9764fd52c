using TrialMonitor.Api.Odm.Reading;

namespace TrialMonitor.Api.Tests.Odm;

/// <summary>The reader on the three real exports, against what their README says they hold.</summary>
public sealed class OdmReaderTests
{
    [Fact]
    public void Cdisc_example_has_twelve_subjects_326_inserts_and_one_update_of_a_height_with_its_reason()
    {
        var groups = OdmReader.Read(OdmTestData.File(OdmTestData.CdiscExample)).ToList();

        // The README's 328 inserts count the 2 item groups of ReferenceData, which is no subject's clinical data.
        Assert.Equal(327, groups.Count);
        Assert.Equal(326, groups.Count(g => g.TransactionType == "Insert"));
        Assert.Equal(Enumerable.Range(1, 12).Select(i => i.ToString("000", System.Globalization.CultureInfo.InvariantCulture)),
            groups.Select(g => g.SubjectKey).Distinct().Order());
        var update = Assert.Single(groups, g => g.TransactionType == "Update");
        Assert.Equal(("001", "LOC.site002", "SE.VISIT0", "FORM.DEMOG", "IG.DEMOG", "1"),
            (update.SubjectKey, update.SiteOid, update.StudyEventOid, update.FormOid, update.ItemGroupOid, update.ItemGroupRepeatKey));
        var height = Assert.Single(update.Items);
        Assert.Equal(("IT.HT", "75"), (height.ItemOid, height.Value));
        Assert.Equal(new OdmAudit("USR.inv001", "2002-02-12T10:17:01-05:00", "Data correction based on patient chart"), update.Audit);
        var headache = Assert.Single(groups, g => g.ItemGroupOid == "IG.AE" && g.Items.Any(i => i.Value == "HEADACHE"));
        Assert.Equal("19990610", headache.Items.Single(i => i.ItemOid == "IT.AESTDT").Value);
        Assert.Equal("SubjectData[001]/StudyEventData[SE.VISIT1]/FormData[FORM.AE]/ItemGroupData[IG.AE@1]", headache.Path);
    }

    [Fact]
    public void Redcap_snapshot_has_three_records_without_transactions_and_keeps_values_as_written()
    {
        var groups = OdmReader.Read(OdmTestData.File(OdmTestData.Redcap)).ToList();

        Assert.Equal(["100", "220", "304"], groups.Select(g => g.SubjectKey).Distinct().Order());
        Assert.All(groups, g => Assert.Null(g.TransactionType));
        Assert.All(groups, g => Assert.Equal(("1", "1", "1"), (g.StudyEventRepeatKey, g.FormRepeatKey, g.ItemGroupRepeatKey)));
        Assert.Contains(groups.SelectMany(g => g.Items), i => i.Value is { } v && v.StartsWith('.'));
        var withdrawal = groups.Where(g => g.ItemGroupOid == "completion_data.study_comments").SelectMany(g => g.Items)
            .Where(i => i.ItemOid == "withdraw_date").Select(i => i.Value);
        Assert.Equal(["2015-04-02", "2015-04-02"], withdrawal);
        Assert.Contains(groups, g => g.StudyEventOid == "Event.visit_1_arm_1" && g.FormOid == "Form.visit_lab_data");
    }

    [Fact]
    public void Rave_stream_reads_every_audited_item_with_its_transaction_and_reason()
    {
        var groups = OdmReader.Read(OdmTestData.File(OdmTestData.RaveStream)).ToList();
        var items = groups.SelectMany(g => g.Items).ToList();

        Assert.Equal(685, items.Count(i => i.TransactionType == "Upsert"));
        Assert.Equal(55, items.Count(i => i.TransactionType == "Remove"));
        // ItemGroupData Remove 4 (the one FormData Remove holds no item group).
        Assert.Equal(4, groups.Count(g => g.TransactionType == "Remove"));
        Assert.Equal(28, items.Count(i => i.Audit?.ReasonForChange == "Data Entry Error"));
        Assert.All(items, i => Assert.NotNull(i.Audit?.User));
        Assert.Equal(["MDSOL", "UBC"], groups.Select(g => g.SiteOid).Distinct().Order());
        Assert.Contains(groups, g => g.StudyEventRepeatKey == "YEAR1[1]/CYCLE1[1]");
        Assert.Contains(items, i => i.Value == "01 NNN 2008");
    }

    [Fact]
    public void Vendor_elements_are_skipped_and_typed_items_read()
    {
        const string odm = """
            <ODM xmlns="http://www.cdisc.org/ns/odm/v1.3" xmlns:v="urn:vendor" ODMVersion="1.3.2">
              <ClinicalData StudyOID="S" MetaDataVersionOID="1" v:note="x">
                <SubjectData SubjectKey="7" TransactionType="Insert">
                  <v:Extra><ItemGroupData ItemGroupOID="HIDDEN"/></v:Extra>
                  <StudyEventData StudyEventOID="E"><FormData FormOID="F"><ItemGroupData ItemGroupOID="G" ItemGroupRepeatKey="2">
                    <ItemDataString ItemOID="I1">.4334</ItemDataString>
                    <ItemData ItemOID="I2" Value="x" v:flag="1"><v:Query/></ItemData>
                  </ItemGroupData></FormData></StudyEventData>
                </SubjectData>
              </ClinicalData>
            </ODM>
            """;
        var group = Assert.Single(OdmReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(odm))));

        Assert.Equal(("7", "G", "2", "Insert"), (group.SubjectKey, group.ItemGroupOid, group.ItemGroupRepeatKey, group.TransactionType));
        Assert.Equal([("I1", ".4334", 6), ("I2", "x", 7)], group.Items.Select(i => (i.ItemOid, i.Value!, i.Line)));
    }
}
