using TrialMonitor.Api.Alerts;
using TrialMonitor.Api.DemoCohort;
using TrialMonitor.Api.Tests.Support;
using TrialMonitor.Clinical.Alerts;
using TrialMonitor.Clinical.Course;
using TrialMonitor.DemoCohort;
using Wolverine;
using static TrialMonitor.Api.Tests.Alerts.AlertScenario;

namespace TrialMonitor.Api.Tests.Alerts;

/// <summary>
/// Each alert rule firing on the paper's cohort, entered through the write path: the counts are the
/// paper's where it gives them, and otherwise follow from the reconstructed courses.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class DemoCohortAlertTests(AppFixture app) : IAsyncLifetime
{
    private static readonly IReadOnlyList<PatientCourse> Courses = Kantarjian2003.Courses;

    public async Task InitializeAsync()
    {
        // Other test classes reset the database; the (idempotent) load completes whatever is missing.
        await DemoCohortLoader.LoadAsync(app.Host.MessageBus, app.Store, DemoCohortSeeding.PaperTrial, Courses);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<ILookup<AlertKind, Alert>> DemoAlerts() =>
        (await app.Alerts()).Where(a => a.TrialId == DemoCohortSeeding.TrialId).ToLookup(a => a.Kind);

    [Fact]
    public async Task The_papers_22_dose_reductions_after_escalation_raise_22_alerts_and_the_7_reductions_to_300_mg_before_it_7_more()
    {
        var alerts = await DemoAlerts();

        var escalatedOn = Courses.ToDictionary(c => c.Baseline.SubjectId, c => c.Doses.Single(d => d.Action == DoseAction.Escalated).EffectiveOn);
        var reductions = alerts[AlertKind.DoseReduced].ToList();
        var afterEscalation = reductions.Where(a => a.ClinicalOn > escalatedOn[a.SubjectId]).ToList();
        var beforeEscalation = reductions.Where(a => a.ClinicalOn < escalatedOn[a.SubjectId]).ToList();
        Assert.Equal(22, afterEscalation.Count);
        Assert.Equal(22, afterEscalation.Select(a => a.PatientId).Distinct().Count());
        // The 7 patients escalated from 300 to 600 mg had had their standard 400 mg dose reduced to 300 mg first.
        Assert.Equal(7, beforeEscalation.Count);
        Assert.All(beforeEscalation, a => Assert.StartsWith("Dose reduced to 300 mg", a.Description, StringComparison.Ordinal));
        Assert.Equal(29, reductions.Count);
        Assert.Empty(alerts[AlertKind.DoseInterrupted]); // the paper reports no interruptions
    }

    [Fact]
    public async Task Discontinuations_deaths_and_transformations_each_raise_one_alert()
    {
        var alerts = await DemoAlerts();

        Assert.Equal(16, alerts[AlertKind.TherapyDiscontinued].Count());
        Assert.Equal(11, alerts[AlertKind.Death].Count());
        // 3 discontinued for accelerated and 2 for blastic phase.
        Assert.Equal(5, alerts[AlertKind.Transformation].Count());
        Assert.Equal(Courses.Count(c => c.Transformation is not null), alerts[AlertKind.Transformation].Count());
    }

    [Fact]
    public async Task Toxicities_of_grade_3_or_more_reported_or_from_blood_counts_relapses_and_losses_of_response_raise_alerts()
    {
        var alerts = await DemoAlerts();
        var threshold = Kantarjian2003.Settings.AlertGradeThreshold;

        Assert.Equal(Courses.Sum(c => c.Toxicities.Count(t => t.Grade >= threshold)), alerts[AlertKind.ReportedToxicity].Count());
        Assert.Equal(Courses.Sum(c => c.BloodCounts.Sum(b => SafetySignals.ForBloodCount(b, threshold).Count)), alerts[AlertKind.LabToxicity].Count());
        Assert.NotEmpty(alerts[AlertKind.ReportedToxicity]);
        Assert.NotEmpty(alerts[AlertKind.LabToxicity]);
        Assert.NotEmpty(alerts[AlertKind.HematologicRelapse]);
        Assert.NotEmpty(alerts[AlertKind.CytogeneticRelapse]);
        Assert.NotEmpty(alerts[AlertKind.LossOfImprovedResponse]);
    }
}
