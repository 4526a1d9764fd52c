using System.Text.Json;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Api.Patients.Recording;
using TrialMonitor.Api.Tests.Support;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Tests.Projections;

public sealed class RebuildTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Rebuilding_the_patient_charts_from_the_events_gives_what_the_live_run_gave()
    {
        var trial = await Bus.Trial();
        var patient = await Bus.EnrolledPatient(trial);
        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new DoseChanged(patient, "D1", new DoseChange(Given.EnrolledOn, DoseAction.Started, 400, "daily", null))), TestWriter.AllSites);
        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new CytogeneticsRecorded(patient, "CG1",
            new CytogeneticAssessment(new(2000, 9, 1), 60m, CytogeneticMethod.Karyotype, 20, false))), TestWriter.AllSites);
        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new CytogeneticsRecorded(patient, "CG2",
            new CytogeneticAssessment(new(2001, 3, 1), 100m, CytogeneticMethod.Karyotype, 20, false))), TestWriter.AllSites);
        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new DoseChanged(patient, "D2", new DoseChange(new(2001, 3, 15), DoseAction.Escalated, 800, "400 mg twice daily", null))), TestWriter.AllSites);
        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new CytogeneticsRecorded(patient, "CG3",
            new CytogeneticAssessment(new(2001, 9, 1), 30m, CytogeneticMethod.Karyotype, 20, false))), TestWriter.AllSites);
        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new CytogeneticsRecorded(patient, "CG3b",
            new CytogeneticAssessment(new(2001, 9, 1), 20m, CytogeneticMethod.Karyotype, 20, false)), new Correction("CG3", "re-read")), TestWriter.AllSites);
        var live = await ChartJson(patient);

        using var daemon = await App.Store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync(PatientChartProjection.Name, CancellationToken.None);

        var rebuilt = await ChartJson(patient);
        Assert.Equal(live, rebuilt);
        Assert.Contains("\"ImprovedCategory\":\"Partial\"", rebuilt, StringComparison.Ordinal);
    }

    private async Task<string> ChartJson(Guid patient)
    {
        await using var session = App.Store.QuerySession();
        var json = await session.Json.FindByIdAsync<PatientChart>(patient);
        Assert.NotNull(json);
        // Compare the derived content, not Marten's storage metadata.
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement);
    }
}
