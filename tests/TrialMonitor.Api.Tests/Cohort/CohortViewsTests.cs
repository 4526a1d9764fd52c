using Microsoft.Extensions.DependencyInjection;
using TrialMonitor.Api.Cohort;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Patients.Correcting;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Api.Patients.Recording;
using TrialMonitor.Api.Tests.Support;
using TrialMonitor.Api.Trials;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Tests.Cohort;

/// <summary>
/// The cohort report is cached per trial, and every committed change is visible to the next read:
/// the coordinator who just recorded a result, a write through another instance (straight into the
/// store here), a correction and a change to the trial itself.
/// </summary>
public sealed class CohortViewsTests(AppFixture app) : IntegrationTest(app)
{
    private CohortViews Views => App.Host.Services.GetRequiredService<CohortViews>();

    [Fact]
    public async Task An_unchanged_trial_is_served_from_one_computed_report()
    {
        var trial = await Bus.Trial();
        await Bus.EscalatedWithImprovement(trial, "001", 0m);

        var first = await Views.ForTrialAsync(trial, sites: null);
        var second = await Views.ForTrialAsync(trial, sites: null);

        Assert.Same(first, second);
        Assert.Equal("CR/5+", Assert.Single(first!.Table3).ResponseDisplay);
    }

    [Fact]
    public async Task The_next_read_after_a_recorded_result_includes_it()
    {
        var trial = await Bus.Trial();
        var patient = await Bus.EscalatedWithImprovement(trial, "001", 0m);
        var before = await Views.ForTrialAsync(trial, sites: null);

        // Still Ph-negative three months later: the ongoing response is longer.
        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new CytogeneticsRecorded(patient, "CG-4", Karyotype(new(2002, 6, 15), 0m))), TestWriter.AllSites);
        var after = await Views.ForTrialAsync(trial, sites: null);

        Assert.Equal("CR/5+", Assert.Single(before!.Table3).ResponseDisplay);
        Assert.Equal("CR/8+", Assert.Single(after!.Table3).ResponseDisplay);
        Assert.Equal(await FromTheCharts(trial), Json(after));
    }

    [Fact]
    public async Task A_correction_is_seen_by_the_next_read()
    {
        var trial = await Bus.Trial();
        var patient = await Bus.EscalatedWithImprovement(trial, "001", 0m);
        Assert.Single((await Views.ForTrialAsync(trial, sites: null))!.Table3);

        await Bus.InvokeAsync<EntryResult>(new VoidEntry(patient, "CG-2", "wrong patient's karyotype"), TestWriter.AllSites);
        await Bus.InvokeAsync<EntryResult>(new VoidEntry(patient, "CG-3", "wrong patient's karyotype"), TestWriter.AllSites);

        Assert.Empty((await Views.ForTrialAsync(trial, sites: null))!.Table3);
    }

    [Fact]
    public async Task Events_appended_without_this_instance_are_seen_by_its_next_read()
    {
        var trial = await Bus.Trial();
        await Bus.EscalatedWithImprovement(trial, "001", 0m);
        Assert.Equal(1, (await Views.ForTrialAsync(trial, sites: null))!.Table1.Patients);

        // Another API process (or an import) writes through its own session: the stamp moves in the
        // database, in the same transaction as the chart, not in this instance's memory.
        var other = Guid.NewGuid();
        await using (var session = App.Store.LightweightSession())
        {
            session.Events.StartStream(other, new PatientEnrolled(other, trial, Given.EnrolledOn,
                new Baseline("002", "MDACC", 61, Sex.Male, new DateOnly(1998, 1, 1), 1, 0m, false, false, DiseaseGroup.CytogeneticResistance)));
            await session.SaveChangesAsync();
        }

        Assert.Equal(2, (await Views.ForTrialAsync(trial, sites: null))!.Table1.Patients);
    }

    [Fact]
    public async Task A_new_data_cutoff_of_the_trial_is_seen_by_the_next_read()
    {
        var trial = await Bus.Trial();
        await Bus.EscalatedWithImprovement(trial, "001", 0m);
        Assert.Null((await Views.ForTrialAsync(trial, sites: null))!.AsOf);

        await using (var session = App.Store.LightweightSession())
        {
            (await session.Events.FetchForWriting<Trial>(trial)).AppendOne(new DataCutoffSet(trial, new DateOnly(2001, 6, 30)));
            await session.SaveChangesAsync();
        }
        var cut = await Views.ForTrialAsync(trial, sites: null);

        Assert.Equal(new DateOnly(2001, 6, 30), cut!.AsOf);
    }

    [Fact]
    public async Task Each_site_selection_has_its_own_report()
    {
        var trial = await Bus.Trial();
        await Bus.EscalatedWithImprovement(trial, "001", 0m);
        await Bus.EnrolledPatient(trial, "002", site: "SITE-2");

        var all = await Views.ForTrialAsync(trial, sites: null);
        var mdacc = await Views.ForTrialAsync(trial, ["MDACC"]);
        var site2 = await Views.ForTrialAsync(trial, ["SITE-2"]);
        var both = await Views.ForTrialAsync(trial, ["SITE-2", "MDACC"]);

        Assert.Equal(2, all!.Table1.Patients);
        Assert.Equal(1, mdacc!.Table1.Patients);
        Assert.Single(mdacc.Table3);
        Assert.Equal(1, site2!.Table1.Patients);
        Assert.Empty(site2.Table3);
        Assert.Equal(Json(all), Json(both));
    }

    [Fact]
    public async Task Concurrent_readers_after_a_change_share_one_computation()
    {
        var trial = await Bus.Trial();
        var patient = await Bus.EscalatedWithImprovement(trial, "001", 0m);
        var before = await Views.ForTrialAsync(trial, sites: null);
        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new CytogeneticsRecorded(patient, "CG-4", Karyotype(new(2002, 6, 1), 0m))), TestWriter.AllSites);

        var reports = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => Views.ForTrialAsync(trial, sites: null))));

        Assert.All(reports, r => Assert.Same(reports[0], r));
        Assert.NotSame(before, reports[0]);
        Assert.Equal(await FromTheCharts(trial), Json(reports[0]));
    }

    [Fact]
    public async Task After_a_change_only_the_changed_patients_charts_are_read_again()
    {
        var trial = await Bus.Trial();
        var changed = await Bus.EscalatedWithImprovement(trial, "001", 0m);
        await Bus.EscalatedWithImprovement(trial, "002", 10m);
        var kept = App.Host.Services.GetRequiredService<KeptPatients>();
        IReadOnlyList<KeptPatient> before, after;
        await using (var session = App.Store.QuerySession()) before = await kept.CurrentAsync(session, trial, CancellationToken.None);

        await Bus.InvokeAsync<EntryResult>(new RecordEntry(new CytogeneticsRecorded(changed, "CG-4", Karyotype(new(2002, 6, 15), 0m))), TestWriter.AllSites);
        await using (var session = App.Store.QuerySession()) after = await kept.CurrentAsync(session, trial, CancellationToken.None);

        Assert.Equal(["001", "002"], after.Select(p => p.Patient.SubjectId));
        Assert.NotSame(before[0], after[0]);
        Assert.Equal(before[0].Version + 1, after[0].Version);
        Assert.Same(before[1], after[1]);
    }

    [Fact]
    public async Task An_unknown_trial_has_no_report()
    {
        Assert.Null(await Views.ForTrialAsync(Guid.NewGuid(), sites: null));
    }

    private async Task<string> FromTheCharts(Guid trial)
    {
        await using var session = App.Store.QuerySession();
        return Json(await CohortViews.ComputeAsync(session, trial, sites: null, ClinicalDates.Today(App.Host.Services.GetRequiredService<TimeProvider>())));
    }

    private static string Json(object? value) => System.Text.Json.JsonSerializer.Serialize(value);

    private static CytogeneticAssessment Karyotype(DateOnly on, decimal ph) => new(on, ph, CytogeneticMethod.Karyotype, 20, false);
}
