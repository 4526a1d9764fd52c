using TrialMonitor.Api.Commands;

namespace TrialMonitor.Api.Tests.Operations;

/// <summary>The process verbs' table: each answers --help without a host or a database.</summary>
public sealed class ProcessCommandsTests
{
    [Fact]
    public async Task Every_verb_answers_help_with_its_usage_and_exit_0()
    {
        foreach (var command in ProcessCommands.All)
        {
            var output = new StringWriter();

            var exit = await command.RunWithoutHostAsync(["--help"], output, new StringWriter());

            Assert.Equal(0, exit);
            Assert.StartsWith($"usage: {command.Name}", output.ToString(), StringComparison.Ordinal);
        }
        Assert.Equal(["token", "verify-chain", "export-cdisc", "export-odm", "import-odm", "rebuild", "help"], ProcessCommands.All.Select(c => c.Name));
    }

    [Fact]
    public async Task Help_lists_the_verbs_and_refuses_an_unknown_one_with_exit_2()
    {
        var help = ProcessCommands.Of(["--help"])!;
        var (output, error) = (new StringWriter(), new StringWriter());

        Assert.Equal(0, await help.RunWithoutHostAsync([], output, error));
        Assert.Equal(2, await help.RunWithoutHostAsync(["serve"], output, error));

        Assert.Contains("  rebuild      Rebuilds projections from the events (./ops/rebuild)", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("verbs: token, verify-chain, export-cdisc, export-odm, import-odm, rebuild, help", error.ToString(), StringComparison.Ordinal);
        Assert.Null(ProcessCommands.Of(["--urls", "http://127.0.0.1:5080"]));
    }
}
