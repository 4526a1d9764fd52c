using Marten.Events;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using TrialMonitor.Api.Alerts;
using TrialMonitor.Api.Tests.Support;
using TrialMonitor.Clinical.Alerts;

namespace TrialMonitor.Api.Tests.Alerts;

/// <summary>
/// The alert projection brings each patient's course forward event by event instead of evaluating
/// it in full after every event; it raises and withdraws the same alerts, at the same feed
/// positions, as the full re-evaluation per event it replaced (<see cref="FullReevaluationReference"/>).
/// </summary>
public sealed class IncrementalAlertsTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task A_random_cohort_written_in_three_rounds_then_rebuilt_raises_the_alerts_a_full_re_evaluation_per_event_raises()
    {
        var trial = await Bus.Trial();
        var streams = Enumerable.Range(1, 30).Select(n => (Id: Guid.NewGuid(), Seed: n)).Select(p => (p.Id, Events: RandomCohort.Stream(p.Id, trial, p.Seed))).ToList();

        // Each patient's stream in three parts, the daemon caught up in between: later parts find the
        // patient's state stored by an earlier batch and take the course the projection kept (the test host
        // keeps 10) or refold it from the stream.
        for (var round = 0; round < 3; round++)
        {
            await using (var session = App.Store.LightweightSession())
            {
                foreach (var (id, events) in streams)
                {
                    var (from, to) = (round * events.Count / 3, (round + 1) * events.Count / 3);
                    var part = events.Skip(from).Take(to - from).ToArray();
                    // With the version the stream reaches, as the write path appends (the audit chain needs each event's version).
                    if (round == 0) session.Events.StartStream(id, part);
                    else session.Events.Append(id, to, part);
                }
                await session.SaveChangesAsync();
            }
            await App.Store.WaitForNonStaleProjectionDataAsync(AlertScenario.DaemonTimeout);
        }

        var expected = await FullReevaluationReference.ExpectedAsync(App.Store);
        var live = await FullReevaluationReference.ProjectedAsync(App.Store);
        Assert.Equal(expected, live);

        // The random cohort raises and withdraws alerts of every kind the rules have, so the comparison covers them.
        Assert.Equal(Enum.GetValues<AlertKind>().Order(), expected.Select(a => a.Kind).Distinct().Order());
        Assert.Contains(expected, a => a.Status == AlertStatus.Withdrawn && SafetySignals.IsDerivedFromAssessment(a.Kind));
        Assert.Contains(expected, a => a.Status == AlertStatus.Withdrawn && a.Kind == AlertKind.MolecularMilestoneFailure);
        Assert.Contains(expected, a => a.Status == AlertStatus.Withdrawn && a.Kind == AlertKind.LossOfMajorMolecularResponse);
        Assert.Contains(expected, a => a.Status == AlertStatus.Withdrawn && !SafetySignals.IsDerivedFromAssessment(a.Kind));

        // Rebuilt as an operator does (./ops/bench too): the running daemon paused, a daemon of its own rebuilds.
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
        Assert.Equal(expected, await FullReevaluationReference.ProjectedAsync(App.Store));
    }
}
