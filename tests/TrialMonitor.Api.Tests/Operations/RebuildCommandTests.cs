using Marten;
using Marten.Events;
using Npgsql;
using TrialMonitor.Api.Infrastructure;
using TrialMonitor.Api.Odm.Importing;
using TrialMonitor.Api.Tests.Alerts;
using TrialMonitor.Api.Tests.Odm;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Operations;

/// <summary>rebuild as ./ops/rebuild runs it: the projections' documents come back the same from the events.</summary>
public sealed class RebuildCommandTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Rebuilding_every_projection_gives_back_the_documents_it_had()
    {
        var trial = await Bus.TrialWithSites("MDACC");
        Assert.Equal(0, await ImportOdmCommand.RunAsync(App.Host.Services,
            [OdmTestData.File(OdmTestData.Redcap), "--trial", trial.ToString(), "--mapping", OdmTestData.Mapping("redcap-longitudinal.json")],
            new StringWriter(), new StringWriter()));
        await App.Store.WaitForNonStaleProjectionDataAsync(AlertScenario.DaemonTimeout);
        // The rebuild runs as its own process would, with the API's daemon stopped.
        await App.Host.PauseAllDaemonsAsync();
        try
        {
            var before = await Documents();
            // The REDCap file's three records: three patients, three charts.
            Assert.Equal(3, before.Count(d => d.Key.StartsWith("mt_doc_patientchart/", StringComparison.Ordinal)));
            // Lost charts come back from the events.
            await Sql("delete from trialmonitor.mt_doc_patientchart");
            var (output, error) = (new StringWriter(), new StringWriter());

            var exit = await RebuildCommand.RunAsync(App.Host.Services, [], output, error);

            Assert.Equal(0, exit);
            var after = await Documents();
            // The stamp cached cohort reports are checked against moves, as it should after a change of the rules.
            var stamp = $"mt_doc_cohortchange/{trial}";
            Assert.NotEqual(before[stamp], after[stamp]);
            Assert.True(before.Remove(stamp) && after.Remove(stamp));
            Assert.Equal(before, after);
            Assert.Contains("PatientChart: rebuilt from ", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("Alerts: rebuilt from ", output.ToString(), StringComparison.Ordinal);
            Assert.Contains(" events/s)", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            await App.Host.ResumeAllDaemonsAsync();
        }
    }

    [Fact]
    public async Task An_unknown_projection_is_refused_with_the_names_of_the_known_ones()
    {
        var error = new StringWriter();

        var exit = await RebuildCommand.RunAsync(App.Host.Services, ["PatientChart", "PatientCharts"], new StringWriter(), error);

        Assert.Equal(2, exit);
        Assert.Contains("no projection 'PatientCharts'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Alerts, AuditChain, PatientChart, PatientWriteModel", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Every stored document as "table/id" to its JSON.</summary>
    private static async Task<Dictionary<string, string>> Documents()
    {
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("TRIALMONITOR_DB"));
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "select table_name from information_schema.tables where table_schema = 'trialmonitor' and table_name like 'mt_doc_%'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        var documents = new Dictionary<string, string>();
        foreach (var table in tables)
        {
            await using var select = new NpgsqlCommand($"select id::text, data::text from trialmonitor.{table}", connection);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync()) documents[$"{table}/{reader.GetString(0)}"] = reader.GetString(1);
        }
        return documents;
    }

    private static async Task Sql(string sql)
    {
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("TRIALMONITOR_DB"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
