using TrialMonitor.Api.Alerts;
using TrialMonitor.Api.Alerts.Acknowledging;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Alerts;

public sealed class AcknowledgingAlertsTests(AppFixture app) : IntegrationTest(app)
{
    private async Task<(Guid Trial, Alert Alert)> AnOpenAlert()
    {
        var trial = await Bus.Trial();
        var patient = await Bus.EnrolledPatient(trial);
        await Bus.Toxicity(patient, "TOX-1", 3);
        return (trial, Assert.Single(await App.AlertsOf(patient)));
    }

    [Fact]
    public async Task An_acknowledgement_records_who_when_and_why_and_moves_the_alert_from_open_to_acknowledged()
    {
        var (trial, alert) = await AnOpenAlert();
        await using (var session = App.Store.QuerySession())
        {
            Assert.Equal(alert.Id, Assert.Single(await AlertFeed.OpenAsync(session, trial)).Id);
        }

        var result = await Bus.InvokeAsync<AlertAcknowledgementResult>(new AcknowledgeAlert(alert.Id, " monitor.a ", "Investigator called; dose held"));

        Assert.Equal("monitor.a", result.AcknowledgedBy);
        var acknowledged = Assert.Single(await App.Alerts());
        Assert.Equal(AlertStatus.Acknowledged, acknowledged.Status);
        Assert.Equal(("monitor.a", "Investigator called; dose held"), (acknowledged.Acknowledgement!.By, acknowledged.Acknowledgement.Comment));
        Assert.NotEqual(default, acknowledged.Acknowledgement.At);
        Assert.True(acknowledged.Position > alert.Position);
        await using (var session = App.Store.QuerySession())
        {
            Assert.Empty(await AlertFeed.OpenAsync(session, trial));
            Assert.Equal(alert.Id, Assert.Single(await AlertFeed.AcknowledgedAsync(session, trial)).Id);
            var recorded = Assert.Single(await session.Events.FetchStreamAsync(alert.Id));
            Assert.Equal("monitor.a", Assert.IsType<AlertAcknowledged>(recorded.Data).AcknowledgedBy);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task An_acknowledgement_without_a_comment_is_refused_and_nothing_is_recorded(string comment)
    {
        var (_, alert) = await AnOpenAlert();

        var error = await Assert.ThrowsAsync<InvalidInputException>(() =>
            Bus.InvokeAsync<AlertAcknowledgementResult>(new AcknowledgeAlert(alert.Id, "monitor.a", comment)));

        Assert.Equal("comment", Assert.Single(error.Errors).Field);
        await using var session = App.Store.QuerySession();
        Assert.Null(await session.Events.FetchStreamStateAsync(alert.Id));
        Assert.Equal(AlertStatus.Open, Assert.Single(await App.Alerts()).Status);
    }

    [Fact]
    public async Task An_alert_is_acknowledged_once_and_an_unknown_alert_not_at_all()
    {
        var (_, alert) = await AnOpenAlert();
        await Bus.InvokeAsync<AlertAcknowledgementResult>(new AcknowledgeAlert(alert.Id, "monitor.a", "seen"));

        var again = await Assert.ThrowsAsync<InvalidInputException>(() =>
            Bus.InvokeAsync<AlertAcknowledgementResult>(new AcknowledgeAlert(alert.Id, "monitor.b", "seen too")));
        var unknown = await Assert.ThrowsAsync<InvalidInputException>(() =>
            Bus.InvokeAsync<AlertAcknowledgementResult>(new AcknowledgeAlert(Guid.NewGuid(), "monitor.b", "seen")));

        Assert.Equal("alertId", Assert.Single(again.Errors).Field);
        Assert.Equal("alertId", Assert.Single(unknown.Errors).Field);
        Assert.Equal("monitor.a", Assert.Single(await App.Alerts()).Acknowledgement!.By);
    }
}
