using System.Text.Json;
using System.Text.Json.Serialization;
using TrialMonitor.Api.DemoCohort;
using TrialMonitor.Api.Tests.Support;
using TrialMonitor.Clinical.Course;
using TrialMonitor.Clinical.Molecular;
using TrialMonitor.DemoCohort;
using Wolverine;

namespace TrialMonitor.Api.Tests.DemoCohort;

/// <summary>
/// The generated first-line trial goes through the write path as generated: a patient of each kind of
/// entry the generator writes is accepted at the door and stored unchanged. (The whole trial is loaded
/// by ./ops/run; loading it here would cost minutes.)
/// </summary>
public sealed class FirstLineDemoTrialTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    private static readonly Func<PatientCourse, bool>[] Kinds =
    [
        c => c.Doses.Any(d => d.Action == DoseAction.Resumed),
        c => c.Doses.Any(d => d.Action == DoseAction.Reduced) && c.Toxicities.Count > 0,
        c => c.Doses.Any(d => d.Action == DoseAction.Escalated),
        c => c.Transformation is not null,
        c => c.Death is { Cause: not CauseOfDeath.BlasticPhase },
        c => c.Discontinuation is { Reason: DiscontinuationReason.Toxicity },
        c => c.Molecular.Any(m => MolecularLevels.Of(m) == MolecularLevel.NotEvaluable),
        c => c.Molecular.Any(m => MolecularLevels.Of(m) == MolecularLevel.Mr5),
    ];

    [Fact]
    public async Task A_patient_of_each_kind_of_entry_is_accepted_and_stored_as_generated()
    {
        PatientCourse[] sample = [.. Kinds.Select(kind => FirstLineEln2020.Courses.First(kind)).Distinct()];
        var trial = DemoCohortSeeding.FirstLineTrial with { TrialId = Guid.NewGuid() };

        await DemoCohortLoader.LoadAsync(App.Host.MessageBus, App.Store, trial, sample);

        foreach (var course in sample)
        {
            var chart = await LoadChart(DemoCohortLoader.PatientId(trial.TrialId, course.Baseline.SubjectId));
            Assert.NotNull(chart);
            Assert.Equal(Canonical(course), Canonical(chart.ToCourse()));
        }
    }

    /// <summary>The course as JSON with each list in one order: the chart holds entries in the order they were recorded.</summary>
    private static string Canonical(PatientCourse course) => JsonSerializer.Serialize(PatientCourse.From(course.Baseline,
        course.Entries().OrderBy(e => JsonSerializer.Serialize<object>(e, Json), StringComparer.Ordinal)), Json);
}
