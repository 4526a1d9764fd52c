using TrialMonitor.Api.Odm.Importing;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Odm;

/// <summary>import-odm as ./ops/import-odm runs it: exit code, CSV report, summary.</summary>
public sealed class ImportOdmCommandTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Exits_0_when_nothing_is_refused_and_1_with_a_csv_row_per_refused_item()
    {
        var clean = await Bus.TrialWithSites("MDACC");
        var noSites = await Bus.TrialWithSites("ELSEWHERE");
        var report = Path.GetTempFileName();
        var (output, error) = (new StringWriter(), new StringWriter());

        var ok = await ImportOdmCommand.RunAsync(App.Host.Services,
            [OdmTestData.File(OdmTestData.Redcap), "--trial", clean.ToString(), "--mapping", OdmTestData.Mapping("redcap-longitudinal.json")], output, error);
        var refused = await ImportOdmCommand.RunAsync(App.Host.Services,
            [OdmTestData.File(OdmTestData.Redcap), "--trial", noSites.ToString(), "--mapping", OdmTestData.Mapping("redcap-longitudinal.json"), "--report", report],
            output, error);

        Assert.Equal((0, 1), (ok, refused));
        var rows = await File.ReadAllLinesAsync(report);
        Assert.Equal(OdmImportRow.CsvHeader, rows[0]);
        // Each record's enrolment is refused (MDACC is not a site of that trial): at its demographics, and each item of the
        // two withdrawals (date, reason) that could not go in for it.
        Assert.Equal(3, rows.Count(r => r.Contains("ItemGroupData[demographics.last_name@1]\",\"enrolment\"", StringComparison.Ordinal)));
        Assert.Equal(4, rows.Count(r => r.Contains("ItemGroupData[completion_data.study_comments@1]/ItemData[withdraw_", StringComparison.Ordinal)));
        Assert.Equal(7, rows.Length - 1);
        Assert.All(rows.Skip(1), r => Assert.Contains("'MDACC' is not a site of this trial", r, StringComparison.Ordinal));
        Assert.Contains("3 subjects enrolled, 2 entries appended", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await ImportOdmCommand.RunAsync(App.Host.Services, ["--trial", "nope"], output, error));
        File.Delete(report);
    }
}
