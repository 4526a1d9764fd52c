using System.Net;
using System.Xml.Linq;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Odm.Importing;
using TrialMonitor.Api.Odm.Layout;
using TrialMonitor.Api.Patients.Correcting;
using TrialMonitor.Api.Patients.Entries;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Api.Patients.Recording;
using TrialMonitor.Api.Tests.Support;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Tests.Odm;

/// <summary>GET /odm/trials/{id}.xml: ODM 1.3.2 with the metadata of every entry kind, each patient's entries in force, for the roles that read clinical data.</summary>
public sealed class OdmExportTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly XNamespace Odm = "http://www.cdisc.org/ns/odm/v1.3";

    private async Task<(Guid Trial, Guid Patient)> PatientWithCorrectionAndVoid()
    {
        var trial = await Bus.Trial();
        var patient = await Bus.EnrolledPatient(trial, "001", "MDACC");
        await Bus.EnrolledPatient(trial, "002", "SITE-2");
        await Record(new BloodCountRecorded(patient, "CBC-1", new BloodCount(new(2000, 3, 2), 6.1m, 4m, 250m, 13.5m, 0m, 1m, null,
            new LowerLimitsOfNormal(4m, 1.8m, 140m, 12m))));
        await Record(new MolecularRecorded(patient, "PCR-1", new MolecularAssessment(new(2000, 6, 1), .4334m, 52_000)));
        await Record(new DoseChanged(patient, "DOSE-1", new DoseChange(new(2000, 3, 1), DoseAction.Started, 400, "daily", null)));
        await Record(new ToxicityReported(patient, "AE-1", new ReportedToxicity(new(2000, 4, 1), "Nausea", 1)));
        await Record(new ToxicityReported(patient, "AE-1b", new ReportedToxicity(new(2000, 4, 1), "Nausea", 3)), new Correction("AE-1", "grade misread"));
        await Record(new ToxicityReported(patient, "AE-2", new ReportedToxicity(new(2000, 4, 2), "Rash", 2)));
        await Bus.InvokeAsync<EntryResult>(new VoidEntry(patient, "AE-2", "wrong patient"), TestWriter.AllSites);
        await Record(new FollowUpContactRecorded(patient, "FU-1", new(2000, 9, 1)));
        return (trial, patient);
    }

    private Task<EntryResult> Record(IPatientEntry entry, Correction? correction = null) => Bus.InvokeAsync<EntryResult>(new RecordEntry(entry, correction), TestWriter.AllSites);

    [Fact]
    public async Task The_export_describes_every_entry_kind_and_holds_each_patients_entries_in_force_under_their_keys()
    {
        var (trial, _) = await PatientWithCorrectionAndVoid();

        var (status, body) = await Export(trial, Roles.Auditor);

        Assert.Equal(HttpStatusCode.OK, status);
        var odm = XDocument.Parse(body).Root!;
        Assert.Equal(("1.3.2", "Snapshot", OdmLayout.SourceSystem), ((string?)odm.Attribute("ODMVersion"), (string?)odm.Attribute("FileType"), (string?)odm.Attribute("SourceSystem")));
        var metadata = odm.Element(Odm + "Study")!.Element(Odm + "MetaDataVersion")!;
        Assert.Equal(["Enrolment", .. EntryKinds.All.Select(k => k.Name)], metadata.Elements(Odm + "FormDef").Select(f => (string)f.Attribute("Name")!));
        var items = metadata.Elements(Odm + "ItemDef").ToDictionary(i => (string)i.Attribute("OID")!);
        Assert.Equal("MU.109_L", (string?)items["BloodCount.lowerLimits.platelets"].Element(Odm + "MeasurementUnitRef")?.Attribute("MeasurementUnitOID"));
        Assert.Equal(("float", "MU.PCT"), ((string)items["Molecular.bcrAbl1PercentIs"].Attribute("DataType")!,
            (string?)items["Molecular.bcrAbl1PercentIs"].Element(Odm + "MeasurementUnitRef")?.Attribute("MeasurementUnitOID")));
        Assert.Equal("CL.DoseAction", (string?)items["Dose.action"].Element(Odm + "CodeListRef")?.Attribute("CodeListOID"));
        Assert.Equal(Enum.GetNames<DoseAction>(), metadata.Elements(Odm + "CodeList").Single(c => (string)c.Attribute("OID")! == "CL.DoseAction")
            .Elements(Odm + "CodeListItem").Select(c => (string)c.Attribute("CodedValue")!));

        var subjects = odm.Element(Odm + "ClinicalData")!.Elements(Odm + "SubjectData").ToList();
        Assert.Equal(["001", "002"], subjects.Select(s => (string)s.Attribute("SubjectKey")!));
        Assert.Equal(["MDACC", "SITE-2"], subjects.Select(s => (string)s.Element(Odm + "SiteRef")!.Attribute("LocationOID")!));
        var forms = subjects[0].Descendants(Odm + "FormData").Where(f => f.Attribute("FormRepeatKey") is not null)
            .Select(f => ((string)f.Attribute("FormOID")!, (string)f.Attribute("FormRepeatKey")!)).ToList();
        // The corrected AE-1 and the voided AE-2 are not in force: the export holds AE-1b only.
        Assert.Equal([("F.BloodCount", "CBC-1"), ("F.Molecular", "PCR-1"), ("F.Dose", "DOSE-1"), ("F.Toxicity", "AE-1b"), ("F.FollowUpContact", "FU-1")], forms);
        Assert.Equal(".4334", subjects[0].Descendants(Odm + "ItemData").Single(i => (string)i.Attribute("ItemOID")! == "Molecular.bcrAbl1PercentIs")
            .Attribute("Value")!.Value.TrimStart('0'));
    }

    [Fact]
    public async Task Imported_without_a_mapping_into_an_empty_trial_it_recreates_the_patients_with_the_same_entries_and_keys()
    {
        var (trial, _) = await PatientWithCorrectionAndVoid();
        var (_, body) = await Export(trial, Roles.Auditor);
        var copy = await Bus.Trial();
        var file = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid()}.odm.xml");
        await File.WriteAllTextAsync(file, body);
        var (output, error) = (new StringWriter(), new StringWriter());

        var exit = await ImportOdmCommand.RunAsync(App.Host.Services, [file, "--trial", copy.ToString()], output, error);

        Assert.True(exit == 0, output + "\n" + error);
        var (original, imported) = (await App.Charts(trial), await App.Charts(copy));
        Assert.Equal(original.Select(c => (c.SubjectId, c.Site, c.EnrolledOn, c.Baseline)), imported.Select(c => (c.SubjectId, c.Site, c.EnrolledOn, c.Baseline)));
        Assert.Equal(original.Select(c => c.Entries.Select(e => (e.EntryKey, EntryKinds.Of(e).ValueOf(e)))).SelectMany(e => e),
            imported.Select(c => c.Entries.Select(e => (e.EntryKey, EntryKinds.Of(e).ValueOf(e)))).SelectMany(e => e));
        Assert.Equal(0, await ImportOdmCommand.RunAsync(App.Host.Services, [file, "--trial", copy.ToString()], output, error));
        Assert.Contains("0 subjects enrolled, 0 entries appended", output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1], StringComparison.Ordinal);
        File.Delete(file);
    }

    [Fact]
    public async Task Without_a_mapping_a_file_another_system_wrote_is_refused_naming_its_source()
    {
        var trial = await Bus.Trial();
        var error = new StringWriter();

        var exit = await ImportOdmCommand.RunAsync(App.Host.Services, [OdmTestData.File(OdmTestData.Redcap), "--trial", trial.ToString()], new StringWriter(), error);

        Assert.Equal(2, exit);
        Assert.Contains("ODM/@SourceSystem is 'REDCap'", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(await App.Charts(trial));
    }

    [Theory]
    [InlineData(Roles.Admin, HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    public async Task Roles_that_do_not_read_clinical_data_are_refused(string? role, HttpStatusCode expected)
    {
        var trial = await Bus.Trial();

        var (status, _) = await Export(trial, role);

        Assert.Equal(expected, status);
    }

    [Fact]
    public async Task A_coordinators_export_holds_their_sites_patients_and_an_unknown_trial_is_not_found()
    {
        var (trial, _) = await PatientWithCorrectionAndVoid();

        var (status, body) = await Export(trial, Roles.Coordinator, "SITE-2");
        var (unknown, _) = await Export(Guid.NewGuid(), Roles.Auditor);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["002"], XDocument.Parse(body).Descendants(Odm + "SubjectData").Select(s => (string)s.Attribute("SubjectKey")!));
        Assert.Equal(HttpStatusCode.NotFound, unknown);
    }

    private async Task<(HttpStatusCode Status, string Body)> Export(Guid trial, string? role, string? site = null)
    {
        var result = await App.Host.Scenario(s =>
        {
            s.Get.Url($"/odm/trials/{trial}.xml");
            s.WithRequestHeader("Authorization", role is null ? "Anonymous" : "Bearer " + App.Token($"{role}-1", [role], site is null ? null : [site]));
            s.IgnoreStatusCode();
        });
        return ((HttpStatusCode)result.Context.Response.StatusCode, await result.ReadAsTextAsync());
    }
}
