using System.Diagnostics;
using Marten;
using TrialMonitor.Api.Trials.Registering;
using TrialMonitor.Clinical.Course;
using TrialMonitor.DemoCohort;
using Wolverine;

namespace TrialMonitor.Api.DemoCohort;

/// <summary>
/// Loads the demo trials once the host has started, when TrialMonitor:LoadDemoCohort is set: the paper's
/// cohort, then the generated first-line trial unless TrialMonitor:LoadFirstLineDemo is false (tests
/// that need only the paper's trial leave it out: it is the longer load).
/// </summary>
public sealed partial class DemoCohortSeeding(IHost host, IHostApplicationLifetime lifetime, IConfiguration configuration,
    ILogger<DemoCohortSeeding> logger) : BackgroundService
{
    public const string LoadFirstLineKey = "TrialMonitor:LoadFirstLineDemo";

    public static readonly Guid TrialId = new("0e82e362-1d1a-4ed1-3b00-000000000473");

    public static readonly Guid FirstLineTrialId = new("0e82e362-1d1a-4ed1-3b00-000000002020");

    public static RegisterTrial PaperTrial => new(TrialId, "KANTARJIAN-2003",
        "Dose escalation of imatinib mesylate in CML after resistance or relapse on 400 mg (Blood 2003;101:473)",
        ["MDACC"], Kantarjian2003.Settings);

    public static RegisterTrial FirstLineTrial => new(FirstLineTrialId, "FL-ELN",
        "First-line imatinib 400 mg in chronic-phase CML, BCR-ABL1 every 3 months under ELN 2020 (generated demo data)",
        FirstLineEln2020.Sites, FirstLineEln2020.Settings);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Wolverine must be running before commands are sent.
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(started.SetResult);
        await started.Task.WaitAsync(stoppingToken);

        List<(RegisterTrial Trial, IReadOnlyList<PatientCourse> Courses)> trials = [(PaperTrial, Kantarjian2003.Courses)];
        if (configuration.GetValue(LoadFirstLineKey, true)) trials.Add((FirstLineTrial, FirstLineEln2020.Courses));
        foreach (var (trial, courses) in trials) await LoadAsync(trial, courses, stoppingToken);
        var patients = trials.Sum(t => t.Courses.Count);
        var codes = string.Join(", ", trials.Select(t => t.Trial.Code));
        LogLoaded(logger, patients, codes);
    }

    private async Task LoadAsync(RegisterTrial trial, IReadOnlyList<PatientCourse> courses, CancellationToken stoppingToken)
    {
        var patients = courses.Count;
        LogLoading(logger, trial.Code, patients);
        // A line every tenth of the trial, then one with the time it took.
        var step = Math.Max(1, patients / 10);
        var progress = new SynchronousProgress(loaded =>
        {
            if (loaded % step == 0 && loaded < patients) LogProgress(logger, loaded, patients, 100 * loaded / patients);
        });
        var clock = Stopwatch.StartNew();
        await DemoCohortLoader.LoadAsync(host.MessageBus, host.Services.GetRequiredService<IDocumentStore>(), trial,
            courses, progress, stoppingToken);
        LogTrialLoaded(logger, trial.Code, patients, (int)clock.Elapsed.TotalSeconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loading the demo trial {Code} ({Patients} patients) through the write path")]
    private static partial void LogLoading(ILogger logger, string code, int patients);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo cohort: {Loaded} of {Patients} patients loaded ({Percent} %)")]
    private static partial void LogProgress(ILogger logger, int loaded, int patients, int percent);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo trial {Code}: {Patients} patients loaded in {Seconds} s")]
    private static partial void LogTrialLoaded(ILogger logger, string code, int patients, int seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo cohort loaded: {Patients} patients in trials {Codes}; the load is complete")]
    private static partial void LogLoaded(ILogger logger, int patients, string codes);

    // Progress<T> posts to the thread pool, so its lines could come out of order or after "complete".
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
