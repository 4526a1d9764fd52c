using System.Text.Json;
using Marten;
using Marten.Events;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using TrialMonitor.Api.Alerts;
using TrialMonitor.Api.Alerts.Acknowledging;
using TrialMonitor.Api.Alerts.Listening;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Correcting;
using TrialMonitor.Api.Tests.Support;
using TrialMonitor.Clinical.Alerts;
using TrialMonitor.Clinical.Course;
using static TrialMonitor.Api.Tests.Alerts.AlertScenario;

namespace TrialMonitor.Api.Tests.Alerts;

public sealed class AlertDurabilityTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Rebuilding_the_alert_projection_gives_the_same_alerts_with_the_same_ids_positions_and_states()
    {
        var trial = await Bus.Trial();
        var first = await Bus.EnrolledPatient(trial, "001");
        var second = await Bus.EnrolledPatient(trial, "002", "SITE-2");
        await Bus.Dose(first, "D1", Given.EnrolledOn, DoseAction.Started, 400);
        await Bus.Karyotype(first, "CG-1", Day(2000, 6), 100m);
        await Bus.Dose(first, "D2", Day(2000, 7), DoseAction.Escalated, 800);
        await Bus.Karyotype(first, "CG-2", Day(2000, 10), 20m);
        await Bus.Counts(second, "CBC-1", neutrophils: 0.4m, platelets: 30m);
        await Bus.Toxicity(second, "TOX-1", 3);
        await Bus.Karyotype(first, "CG-3", Day(2001, 1), 60m);
        await Bus.Dose(first, "D3", Day(2001, 2), DoseAction.Reduced, 600, "Nausea");
        await Bus.InvokeAsync<EntryResult>(new VoidEntry(second, "TOX-1", "duplicate report"), TestWriter.AllSites);
        var toAcknowledge = (await App.Alerts()).First(a => a.Kind == AlertKind.DoseReduced);
        await Bus.InvokeAsync<AlertAcknowledgementResult>(new AcknowledgeAlert(toAcknowledge.Id, "monitor.a", "dose plan reviewed"));
        var live = await AlertsJson();

        // Rebuilt as an operator does: the running daemon paused (rebuilding through it left its shard stopped for
        // the tests after), a daemon of its own rebuilds.
        var coordinator = App.Host.Services.GetRequiredService<IProjectionCoordinator>();
        await coordinator.PauseAsync();
        try
        {
            using var daemon = await App.Store.BuildProjectionDaemonAsync();
            await daemon.RebuildProjectionAsync(AlertProjection.Name, AlertScenario.DaemonTimeout, CancellationToken.None);
        }
        finally
        {
            await coordinator.ResumeAsync();
        }

        var rebuilt = await AlertsJson();
        Assert.Equal(live, rebuilt);
        // Loss of improvement, dose reduction, neutropenia 4, thrombocytopenia 3, the withdrawn toxicity.
        Assert.Equal(5, JsonDocument.Parse(rebuilt).RootElement.GetArrayLength());
        Assert.Contains("\"Status\":\"Withdrawn\"", rebuilt, StringComparison.Ordinal);
        Assert.Contains("\"By\":\"monitor.a\"", rebuilt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_concurrent_writers_get_exactly_one_alert_per_qualifying_event()
    {
        const int writers = 8;
        const int eventsPerWriter = 20;
        var trial = await Bus.Trial();
        var patients = new List<Guid>();
        for (var i = 0; i < writers; i++) patients.Add(await Bus.EnrolledPatient(trial, $"W{i:00}"));

        await Task.WhenAll(patients.Select(patient => Task.Run(async () =>
        {
            for (var n = 0; n < eventsPerWriter; n++)
            {
                if (n % 2 == 0) await App.Bus.Toxicity(patient, $"TOX-{n}", 3 + (n % 4 == 0 ? 1 : 0));
                else await App.Bus.Counts(patient, $"CBC-{n}", neutrophils: 0.7m);
            }
        })));

        var alerts = await App.Alerts();
        Assert.Equal(writers * eventsPerWriter, alerts.Count);
        Assert.Equal(alerts.Count, alerts.Select(a => a.Cause.EventId).Distinct().Count());
        Assert.Equal(alerts.Count, alerts.Select(a => a.Position).Distinct().Count());
        Assert.All(patients, p => Assert.Equal(eventsPerWriter, alerts.Count(a => a.PatientId == p)));

        await using var session = App.Store.QuerySession();
        var qualifying = await session.Events.QueryAllRawEvents()
            .Where(e => e.EventTypeName == "toxicity_reported" || e.EventTypeName == "blood_count_recorded")
            .Select(e => e.Id).ToListAsync();
        Assert.Equal(qualifying.Order(), alerts.Select(a => a.Cause.EventId).Order());
    }

    [Fact]
    public async Task The_listener_delivers_a_newly_raised_alert_to_a_hub_subscriber()
    {
        var hub = App.Host.Services.GetRequiredService<AlertHub>();
        var patient = await Bus.EnrolledPatient(await Bus.Trial());
        using var subscription = hub.Open();

        await Bus.Toxicity(patient, "TOX-1", 4, "Febrile neutropenia");

        using var timeout = new CancellationTokenSource(DaemonTimeout);
        Alert delivered;
        do delivered = await subscription.Alerts.ReadAsync(timeout.Token);
        while (delivered.PatientId != patient);
        Assert.Equal(("Febrile neutropenia", 4, AlertStatus.Open), (delivered.Term, delivered.Grade, delivered.Status));
        Assert.Equal((await App.AlertsOf(patient))[0].Position, delivered.Position);
    }

    [Fact]
    public async Task The_feed_after_a_cursor_returns_later_changes_in_order_filtered_by_trial_site_kind_and_grade()
    {
        var trial = await Bus.Trial();
        var other = await Bus.Trial();
        var main = await Bus.EnrolledPatient(trial, "001", "MDACC");
        var away = await Bus.EnrolledPatient(trial, "002", "SITE-2");
        var elsewhere = await Bus.EnrolledPatient(other, "001", "MDACC");
        await Bus.Toxicity(main, "TOX-1", 3);
        var cursor = (await App.Alerts()).Single().Position;
        await Bus.Toxicity(main, "TOX-2", 4);
        await Bus.Dose(main, "D1", Day(2000, 6), DoseAction.Interrupted, 0, "Nausea");
        await Bus.Toxicity(away, "TOX-1", 4);
        await Bus.Toxicity(elsewhere, "TOX-1", 4);
        await Bus.Toxicity(main, "TOX-3", 3);
        await App.Alerts();

        await using var session = App.Store.QuerySession();
        var after = await AlertFeed.AfterAsync(session, cursor);
        Assert.Equal(5, after.Count);
        Assert.Equal(after.OrderBy(a => a.Position).Select(a => a.Id), after.Select(a => a.Id));

        var filtered = await AlertFeed.AfterAsync(session, cursor, new AlertFilter(trial, "MDACC", MinimumGrade: 4));
        Assert.Equal([(AlertKind.ReportedToxicity, (int?)4), (AlertKind.DoseInterrupted, null)], filtered.Select(a => (a.Kind, a.Grade)));
        Assert.All(filtered, a => Assert.True(new AlertFilter(trial, "MDACC", MinimumGrade: 4).Matches(a)));

        var byKind = await AlertFeed.AfterAsync(session, 0, new AlertFilter(Kinds: [AlertKind.DoseInterrupted]));
        Assert.Equal(main, Assert.Single(byKind).PatientId);
        Assert.Empty(await AlertFeed.AfterAsync(session, after[^1].Position));
    }

    private async Task<string> AlertsJson()
    {
        await App.Store.WaitForNonStaleProjectionDataAsync(DaemonTimeout);
        await using var session = App.Store.QuerySession();
        var ids = (await AlertFeed.AfterAsync(session, 0, limit: 10_000)).Select(a => a.Id).ToList();
        var documents = new List<JsonElement>();
        foreach (var id in ids)
        {
            // Compare the alert content, not Marten's storage metadata.
            using var json = JsonDocument.Parse((await session.Json.FindByIdAsync<Alert>(id))!);
            documents.Add(json.RootElement.Clone());
        }
        return JsonSerializer.Serialize(documents);
    }
}
