using Marten;
using TrialMonitor.Api.Trials.Registering;
using TrialMonitor.DemoCohort;
using Wolverine;

namespace TrialMonitor.Api.DemoCohort;

/// <summary>Loads the paper's cohort once the host has started, when TrialMonitor:LoadDemoCohort is set.</summary>
public sealed partial class DemoCohortSeeding(IHost host, IHostApplicationLifetime lifetime, ILogger<DemoCohortSeeding> logger) : BackgroundService
{
    public static readonly Guid TrialId = new("0e82e362-1d1a-4ed1-3b00-000000000473");

    public static RegisterTrial PaperTrial => new(TrialId, "KANTARJIAN-2003",
        "Dose escalation of imatinib mesylate in CML after resistance or relapse on 400 mg (Blood 2003;101:473)",
        ["MDACC"], Kantarjian2003.Settings);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Wolverine must be running before commands are sent.
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(started.SetResult);
        await started.Task.WaitAsync(stoppingToken);

        var courses = Kantarjian2003.Courses;
        var patients = courses.Count;
        LogLoading(logger, patients);
        // A line every tenth of the cohort (the load takes a minute or so), then one saying it is complete.
        var step = Math.Max(1, patients / 10);
        var progress = new SynchronousProgress(loaded =>
        {
            if (loaded % step == 0 && loaded < patients) LogProgress(logger, loaded, patients, 100 * loaded / patients);
        });
        await DemoCohortLoader.LoadAsync(host.MessageBus, host.Services.GetRequiredService<IDocumentStore>(), PaperTrial,
            courses, progress, stoppingToken);
        LogLoaded(logger, patients);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loading the demo cohort ({Patients} patients) through the write path")]
    private static partial void LogLoading(ILogger logger, int patients);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo cohort: {Loaded} of {Patients} patients loaded ({Percent} %)")]
    private static partial void LogProgress(ILogger logger, int loaded, int patients, int percent);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo cohort loaded: {Patients} patients in trial KANTARJIAN-2003; the load is complete")]
    private static partial void LogLoaded(ILogger logger, int patients);

    // Progress<T> posts to the thread pool, so its lines could come out of order or after "complete".
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
