using JasperFx.Events;
using Marten;
using TrialMonitor.Api.Commands;
using TrialMonitor.Api.Infrastructure;

namespace TrialMonitor.Api.Audit.Chain;

/// <summary>
/// <c>verify-chain [PATIENT_ID | --trial TRIAL_ID | --all]</c> (./ops/verify-chain): prints each broken
/// link and a summary; exits 0 when every chain is intact, 1 when one is broken, 2 on bad arguments (one line naming the
/// argument, then the usage), among them an id with neither events nor a chain, which "intact" would claim was checked.
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
        if (!VerbArguments.TryRead(args, ["PATIENT_ID"], required: 0, [new("--trial", "TRIAL_ID"), new("--all")], out var read, out var problem))
            return BadArguments(error, problem);
        var (patient, trial) = (read["PATIENT_ID"], read.Value("--trial"));
        if ((patient is null ? 0 : 1) + (trial is null ? 0 : 1) + (read.Has("--all") ? 1 : 0) > 1)
            return BadArguments(error, $"give one of PATIENT_ID, --trial TRIAL_ID, --all; got {string.Join(' ', args.Select(Quoted.Of))}");

        await using var session = services.GetRequiredService<IDocumentStore>().QuerySession();
        // The verifier reads mt_events with its own SQL, which Marten does not create for: on a database the API never
        // started, "intact (0 streams)" rather than a missing table.
        await session.Database.EnsureStorageExistsAsync(typeof(IEvent), cancellation);
        if (trial is not null)
        {
            if (GivenId.Problem(trial, "--trial", "trial", out var trialId) is { } badTrial) return BadArguments(error, badTrial);
            var verified = await AuditChainVerifier.VerifyTrialAsync(session, trialId, cancellation);
            return verified is { Intact: true, CheckedEvents: 0 }
                ? BadArguments(error, $"--trial {trialId}: no trial has that id (no events, no chain)")
                : Report(verified, $"trial {trialId}", output);
        }
        if (patient is not null)
        {
            if (GivenId.Problem(patient, "PATIENT_ID", "patient", out var streamId) is { } badPatient) return BadArguments(error, badPatient);
            var result = await AuditChainVerifier.VerifyStreamAsync(session, streamId, cancellation);
            if (result is { Intact: true, CheckedEvents: 0 })
                return BadArguments(error, $"PATIENT_ID {streamId}: no stream has that id (no events, no chain)");
            output.WriteLine(result);
            return result.Intact ? 0 : 1;
        }
        return Report(await AuditChainVerifier.VerifyAllAsync(session, cancellation), "all streams", output);
    }

    private static int BadArguments(TextWriter error, string problem)
    {
        error.WriteLine(problem);
        error.WriteLine(Usage);
        return ProcessCommand.BadArguments;
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
