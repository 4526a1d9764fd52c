using Marten.Events;
using Npgsql;
using TrialMonitor.Api.DemoCohort;
using TrialMonitor.Api.Tests.Alerts;
using TrialMonitor.DemoCohort;
using Wolverine;

namespace TrialMonitor.Api.Tests.Support;

/// <summary>
/// The paper's demo trial, loaded once per test run through the write path of an in-process host (its alerts raised by
/// the async daemon) into a template database; the demo host and the API processes that read the trial get copies of it
/// (CREATE DATABASE … TEMPLATE, a file copy on the server). Each load is minutes of CPU on 2 busy cores, and the tests
/// that read the trial check the load's result, not its speed.
/// </summary>
public static class DemoDatabase
{
    private const string TemplateSuffix = "demo_template";

    private static readonly Lazy<Task<string>> Template = new(LoadTemplateAsync);

    // PostgreSQL refuses a copy while another session is connected to the template, and a copy is such a session.
    private static readonly SemaphoreSlim OneCopyAtATime = new(1, 1);

    /// <summary>A fresh database named after the test database and <paramref name="suffix"/>, holding the loaded demo trial.</summary>
    public static async Task<string> CopyAsync(string suffix)
    {
        var template = await Template.Value;
        await OneCopyAtATime.WaitAsync();
        try
        {
            return await ApiInstance.FreshDatabaseAsync(suffix, template);
        }
        finally
        {
            OneCopyAtATime.Release();
        }
    }

    private static async Task<string> LoadTemplateAsync()
    {
        var connectionString = await ApiInstance.FreshDatabaseAsync(TemplateSuffix);
        var host = new TemplateHost(connectionString);
        await host.InitializeAsync();
        try
        {
            await DemoCohortLoader.LoadAsync(host.Host.MessageBus, host.Store, DemoCohortSeeding.PaperTrial, Kantarjian2003.Courses);
            await host.Store.WaitForNonStaleProjectionDataAsync(AlertScenario.DaemonTimeout);
        }
        finally
        {
            await host.DisposeAsync();
        }
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await DisconnectEveryoneAsync(connectionString, database);
        return database;
    }

    /// <summary>Closes the sessions the stopped host's pools may still hold open on the template.</summary>
    private static async Task DisconnectEveryoneAsync(string connectionString, string database)
    {
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var terminate = new NpgsqlCommand(
            "select pg_terminate_backend(pid) from pg_stat_activity where datname = @database and pid <> pg_backend_pid()", connection);
        terminate.Parameters.AddWithValue("database", database);
        await terminate.ExecuteNonQueryAsync();
    }

    private sealed class TemplateHost(string connectionString) : AppFixture
    {
        protected override Task<string> ConnectionStringAsync() => Task.FromResult(connectionString);

        protected override bool CapturesTelemetry => false;
    }
}
