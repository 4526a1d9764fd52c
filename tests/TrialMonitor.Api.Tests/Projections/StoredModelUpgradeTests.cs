using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Infrastructure;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Api.Patients.Recording;
using TrialMonitor.Api.Tests.Support;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Tests.Projections;

public sealed class StoredModelUpgradeTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task A_database_recorded_before_the_stored_write_model_gets_it_from_the_events_at_start_up()
    {
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new DoseChanged(patient, "D1", new DoseChange(Given.EnrolledOn, DoseAction.Started, 400, "daily", null))), TestWriter.AllSites);
        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new PatientDied(patient, "DEATH", new Death(new DateOnly(2001, 5, 1), CauseOfDeath.BlasticPhase))), TestWriter.AllSites);
        // As a database written by the release before: events, but neither the write model nor the entries by key.
        await using (var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("TRIALMONITOR_DB")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("delete from trialmonitor.mt_doc_patient; delete from trialmonitor.mt_doc_recordedentry", connection);
            await command.ExecuteNonQueryAsync();
        }
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => Bus.InvokeAsync<EntryResult>(
            new RecordEntry(new DoseChanged(patient, "D2", new DoseChange(new DateOnly(2000, 9, 1), DoseAction.Escalated, 600, "daily", null))), TestWriter.AllSites));
        Assert.Contains(refused.Errors, e => e.Field == "patientId");

        await new StoredModelUpgrade(App.Store, App.Host.Services.GetRequiredService<IConfiguration>(), NullLogger<StoredModelUpgrade>.Instance)
            .StartAsync(CancellationToken.None);

        // The patient is found again, with what the history says: the death still bounds the dates, the earlier key is a repeat.
        var late = await Assert.ThrowsAsync<InvalidInputException>(() => Bus.InvokeAsync<EntryResult>(
            new RecordEntry(new DoseChanged(patient, "D3", new DoseChange(new DateOnly(2001, 9, 1), DoseAction.Escalated, 600, "daily", null))), TestWriter.AllSites));
        Assert.Contains(late.Errors, e => e.Field.EndsWith("effectiveOn", StringComparison.Ordinal) && e.Reason.Contains("death", StringComparison.Ordinal));
        var repeat = await Bus.InvokeAsync<EntryResult>(new RecordEntry(new DoseChanged(patient, "D1", new DoseChange(Given.EnrolledOn, DoseAction.Started, 400, "daily", null))), TestWriter.AllSites);
        Assert.True(repeat.AlreadyRecorded);
        var escalated = await Bus.InvokeAsync<EntryResult>(
            new RecordEntry(new DoseChanged(patient, "D2", new DoseChange(new DateOnly(2000, 9, 1), DoseAction.Escalated, 600, "daily", null))), TestWriter.AllSites);
        Assert.Equal(4, escalated.Version);
    }
}
