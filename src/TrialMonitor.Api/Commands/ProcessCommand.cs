namespace TrialMonitor.Api.Commands;

/// <summary>Runs a process verb with its arguments (the verb itself left off); returns the process exit code.</summary>
public delegate Task<int> CommandRun(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error,
    CancellationToken cancellation);

/// <summary>How much of the host a verb needs before it runs.</summary>
public enum CommandHost
{
    /// <summary>Configuration only (appsettings.json and the environment): no database, no Wolverine.</summary>
    Configuration,

    /// <summary>The host's services, not started: the store, no daemon, nothing served.</summary>
    Services,

    /// <summary>The host started (on a port of its own, serving nothing), for verbs that send commands through Wolverine.</summary>
    Running,
}

/// <summary>
/// One process verb of TrialMonitor.Api (<c>dotnet TrialMonitor.Api.dll VERB ARGS...</c>, wrapped by an ./ops script):
/// its usage line and what it does are its <c>--help</c>; exit codes are the verb's own (0 done, 1 found wrong, 2 bad arguments).
/// </summary>
public sealed record ProcessCommand(string Name, string Usage, string Description, CommandHost Host, CommandRun Run)
{
    /// <summary>Exit code of a verb given arguments it does not understand.</summary>
    public const int BadArguments = 2;

    public string Help => $"{Usage}\n\n{Description}";
}
