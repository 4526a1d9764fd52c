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
        await DemoCohortLoader.LoadAsync(host.MessageBus, host.Services.GetRequiredService<IDocumentStore>(), PaperTrial,
            courses, stoppingToken);
        LogLoaded(logger, patients);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loading the demo cohort ({Patients} patients) through the write path")]
    private static partial void LogLoading(ILogger logger, int patients);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo cohort loaded: {Patients} patients in trial KANTARJIAN-2003")]
    private static partial void LogLoaded(ILogger logger, int patients);
}
