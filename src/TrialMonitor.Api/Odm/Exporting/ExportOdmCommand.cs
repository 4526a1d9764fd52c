using Marten;
using TrialMonitor.Api.Commands;
using TrialMonitor.Api.Infrastructure;
using TrialMonitor.Api.Trials;

namespace TrialMonitor.Api.Odm.Exporting;

/// <summary>
/// <c>export-odm TRIAL_ID OUT.xml</c> (./ops/export-odm): the trial's clinical data as ODM 1.3.2, every patient.
/// Exits 0 when written, 1 for an unknown trial, 2 on bad arguments (one line naming the argument, then the usage).
/// </summary>
public static class ExportOdmCommand
{
    public const string Usage = "usage: export-odm TRIAL_ID OUT.xml";

    public static readonly ProcessCommand Command = new("export-odm", Usage,
        "Writes a trial's clinical data as CDISC ODM 1.3.2 (./ops/export-odm). Every patient, in the layout import-odm reads without --mapping. "
        + "Exits 0 when written, 1 for an unknown trial, 2 on bad arguments.",
        CommandHost.Services, RunAsync);

    internal static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error,
        CancellationToken cancellation = default)
    {
        if (!VerbArguments.TryRead(args, ["TRIAL_ID", "OUT.xml"], required: 2, [], out var read, out var problem)) return BadArguments(error, problem);
        if (GivenId.Problem(read["TRIAL_ID"]!, "TRIAL_ID", "trial", out var trialId) is { } badId) return BadArguments(error, badId);
        await using var session = services.GetRequiredService<IDocumentStore>().QuerySession();
        if (await session.LoadAsync<Trial>(trialId, cancellation) is not { } trial)
        {
            error.WriteLine($"no trial {trialId}: {ExportRequest.TrialIdsHint}");
            return 1;
        }
        var path = read["OUT.xml"]!;
        int subjects;
        await using (var file = OutputPaths.CreateFile(path, "OUT.xml", out var unwritable))
        {
            if (file is null) return BadArguments(error, unwritable!);
            subjects = await OdmExport.WriteAsync(session, trial, sites: null, file, DateTimeOffset.UtcNow, cancellation);
        }
        output.WriteLine($"{path}: {subjects} subjects of {trial.Code} (ODM 1.3.2; import it with ./ops/import-odm {path} --trial TRIAL_ID)");
        return 0;
    }

    private static int BadArguments(TextWriter error, string problem)
    {
        error.WriteLine(problem);
        error.WriteLine(Usage);
        return ProcessCommand.BadArguments;
    }
}
