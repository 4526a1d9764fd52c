using Marten;
using TrialMonitor.Api.Commands;

namespace TrialMonitor.Api.Audit.Chain;

/// <summary>
/// <c>verify-chain [STREAM_ID | --trial TRIAL_ID | --all]</c> (./ops/verify-chain): prints each broken
/// link and a summary; exits 0 when every chain is intact, 1 when one is broken, 2 on bad arguments.
/// </summary>
public static class VerifyChainCommand
{
    public const string Usage = "usage: verify-chain [PATIENT_ID | --trial TRIAL_ID | --all]   (no argument: --all)";

    public static readonly ProcessCommand Command = new("verify-chain", Usage,
        "Verifies the audit hash chains (./ops/verify-chain). Each is checked against the events as stored and each broken link named: "
        + "one patient's stream, a trial's stream and its patients', or every stream. Exits 0 when intact, 1 when a chain is broken, 2 on bad arguments.",
        CommandHost.Services, RunAsync);

    internal static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error,
        CancellationToken cancellation = default)
    {
        await using var session = services.GetRequiredService<IDocumentStore>().QuerySession();

        switch (args)
        {
            case [] or ["--all"]:
                return Report(await AuditChainVerifier.VerifyAllAsync(session, cancellation), "all streams", output);
            case ["--trial", var trial] when Guid.TryParse(trial, out var trialId):
                return Report(await AuditChainVerifier.VerifyTrialAsync(session, trialId, cancellation), $"trial {trialId}", output);
            case [var stream] when Guid.TryParse(stream, out var streamId):
                var result = await AuditChainVerifier.VerifyStreamAsync(session, streamId, cancellation);
                output.WriteLine(result);
                return result.Intact ? 0 : 1;
            default:
                error.WriteLine(Usage);
                return ProcessCommand.BadArguments;
        }
    }

    private static int Report(TrialChainVerification result, string what, TextWriter output)
    {
        foreach (var broken in result.Broken) output.WriteLine(broken);
        output.WriteLine(result.Intact
            ? $"{what}: intact ({result.CheckedStreams} streams, {result.CheckedEvents} events)"
            : $"{what}: BROKEN in {result.Broken.Count} of {result.CheckedStreams} streams");
        return result.Intact ? 0 : 1;
    }
}
