using TrialMonitor.Api.DemoCohort;
using TrialMonitor.Api.Tests.Support;
using TrialMonitor.DemoCohort;
using Wolverine;

namespace TrialMonitor.Api.Tests.DemoCohort;

public sealed class DemoCohortProgressTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task The_load_reports_each_patient_loaded_up_to_the_whole_cohort_and_a_repeated_load_reports_it_complete_at_once()
    {
        var trial = DemoCohortSeeding.PaperTrial with { TrialId = Guid.NewGuid() };
        var courses = Kantarjian2003.Courses.Take(3).ToList();
        var reported = new List<int>();
        var progress = new Recorder(reported);

        await DemoCohortLoader.LoadAsync(App.Host.MessageBus, App.Store, trial, courses, progress: progress);
        Assert.Equal([1, 2, 3], reported.Order());

        reported.Clear();
        await DemoCohortLoader.LoadAsync(App.Host.MessageBus, App.Store, trial, courses, progress: progress);
        Assert.Equal([3], reported);
    }

    private sealed class Recorder(List<int> reported) : IProgress<int>
    {
        public void Report(int value)
        {
            lock (reported) reported.Add(value);
        }
    }
}
