using TrialMonitor.Api.Audit.Chain;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Cdisc;
using TrialMonitor.Api.Infrastructure;
using TrialMonitor.Api.Odm.Exporting;
using TrialMonitor.Api.Odm.Importing;

namespace TrialMonitor.Api.Commands;

/// <summary>
/// The process verbs: the first argument names one, or the host serves the API. Our own small table rather than
/// JasperFx's command line, whose commands answer true or false (exit 0 or 1) where ours also exit 2 on bad arguments.
/// </summary>
public static class ProcessCommands
{
    private const string HelpUsage = "usage: help [VERB]   (or VERB --help)";

    public static readonly IReadOnlyList<ProcessCommand> All =
    [
        TokenIssuer.Command,
        VerifyChainCommand.Command,
        ExportCdiscCommand.Command,
        ExportOdmCommand.Command,
        ImportOdmCommand.Command,
        RebuildCommand.Command,
        new("help", HelpUsage, "Lists the verbs, or prints one verb's usage. Without a verb the process serves the API.",
            CommandHost.Configuration, HelpAsync),
    ];

    /// <summary>The verb the arguments start with; null to serve the API.</summary>
    public static ProcessCommand? Of(IReadOnlyList<string> args) =>
        args is [var first, ..] ? All.FirstOrDefault(command => command.Name == first || first == "--help" && command.Name == "help") : null;

    /// <summary>
    /// Runs the verb when it needs no host (or was asked for its --help); null when it needs the host's services,
    /// which <see cref="RunAsync(ProcessCommand, WebApplication, IReadOnlyList{string})"/> then runs it with.
    /// </summary>
    public static async Task<int?> RunWithoutHostAsync(this ProcessCommand command, IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args is ["--help" or "-h"])
        {
            output.WriteLine(command.Help);
            return 0;
        }
        if (command.Host != CommandHost.Configuration) return null;
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        await using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).BuildServiceProvider();
        return await command.Run(services, args, output, error, CancellationToken.None);
    }

    /// <summary>Runs the verb in the built host, started first when the verb sends commands through Wolverine.</summary>
    public static async Task<int> RunAsync(this ProcessCommand command, WebApplication app, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(app);
        if (command.Host != CommandHost.Running)
            return await command.Run(app.Services, args, System.Console.Out, System.Console.Error, CancellationToken.None);
        app.Urls.Add("http://127.0.0.1:0");
        await app.StartAsync();
        var exit = await command.Run(app.Services, args, System.Console.Out, System.Console.Error, CancellationToken.None);
        await app.StopAsync();
        return exit;
    }

    private static Task<int> HelpAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error,
        CancellationToken cancellation)
    {
        switch (args)
        {
            case []:
                output.WriteLine("usage: TrialMonitor.Api [VERB ARGS... | --urls URLS]   (no verb: serve the API)");
                foreach (var command in All) output.WriteLine($"  {command.Name,-13}{command.Description.Split(". ")[0].TrimEnd('.')}");
                output.WriteLine("VERB --help prints its usage.");
                return Task.FromResult(0);
            case [var name] when All.FirstOrDefault(command => command.Name == name) is { } command:
                output.WriteLine(command.Help);
                return Task.FromResult(0);
            default:
                error.WriteLine($"{HelpUsage}\nverbs: {string.Join(", ", All.Select(command => command.Name))}");
                return Task.FromResult(ProcessCommand.BadArguments);
        }
    }
}
