using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TrialMonitor.Api.Tests.Alerts;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Operations;

/// <summary>
/// The README's `curl` and `./ops/token` commands and its GraphQL queries and mutations, run as pasted
/// (from the repository root) against a started API, so the README cannot drift from the product.
/// The API runs on a fresh database: the demo trial is not loaded, so its queries answer null, but every
/// command must be authenticated, valid and answered without errors. Not run here: ./ops/run, ./ops/test and
/// ./ops/bench (they start the product themselves), commands with placeholders (PATIENT_ID, TRIAL_ID), and
/// subscriptions (the alerts example's cursor is a placeholder; the schema file test covers their fields).
/// </summary>
[Collection(SharedHost.Name)]
public sealed partial class ReadmeTests
{
    private const string ReadmeUrl = "http://127.0.0.1:5080";

    [Fact]
    public async Task Every_curl_and_token_command_and_every_graphql_query_in_the_readme_runs_as_pasted_against_a_started_api()
    {
        var repo = RepositoryRoot();
        var readme = await File.ReadAllTextAsync(Path.Combine(repo, "README.md"));
        var commands = Blocks(readme, "sh").SelectMany(Commands)
            .Where(c => c.StartsWith("curl ", StringComparison.Ordinal) || c.StartsWith("./ops/token ", StringComparison.Ordinal))
            .ToList();
        var operations = Blocks(readme, "graphql").Where(q => !q.TrimStart().StartsWith("subscription", StringComparison.Ordinal)).ToList();
        Assert.True(commands.Count(c => c.StartsWith("curl ", StringComparison.Ordinal)) >= 4, string.Join('\n', commands));
        Assert.True(operations.Count >= 2);

        await using var api = await ApiInstance.StartAsync(await ApiInstance.FreshDatabaseAsync("readme"));
        foreach (var command in commands)
        {
            var (exitCode, output) = await RunAsync(repo, command.Replace(ReadmeUrl, api.BaseUri.ToString().TrimEnd('/'), StringComparison.Ordinal));
            Assert.True(exitCode == 0, $"`{command}` exited {exitCode}:\n{output}");
            Assert.DoesNotContain("UNAUTHENTICATED", output, StringComparison.Ordinal);
            Assert.DoesNotContain("FORBIDDEN", output, StringComparison.Ordinal);
            if (output.TrimStart().StartsWith('{'))
            {
                Assert.True(JsonNode.Parse(output)!["errors"] is null, $"`{command}` answered errors:\n{output}");
            }
        }
        foreach (var operation in operations)
        {
            await api.GraphQLAsync(operation); // fails on any error
        }
    }

    private static IEnumerable<string> Blocks(string markdown, string language) =>
        FencedBlock().Matches(markdown).Where(m => m.Groups["language"].Value == language).Select(m => m.Groups["body"].Value);

    /// <summary>One command per line, continuation lines (ending with a backslash) joined, comments left out.</summary>
    private static IEnumerable<string> Commands(string block)
    {
        var joined = block.Replace("\\\n", " ", StringComparison.Ordinal);
        return joined.Split('\n').Select(line => CommentAtEnd().Replace(line, "").Trim()).Where(line => line.Length > 0);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string repo, string command)
    {
        var start = new ProcessStartInfo("bash", ["-c", command])
        {
            WorkingDirectory = repo,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The API is built already (the tests run its DLL); ./ops/token need not build it again.
        start.Environment["TRIALMONITOR_TOKEN_NO_BUILD"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await output + await errors);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrialMonitor.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("TrialMonitor.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("^```(?<language>\\w+)\\n(?<body>.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex FencedBlock();

    // A shell comment after a command: "  # ..." (the README's commands have no '#' of their own).
    [GeneratedRegex("\\s+#.*$")]
    private static partial Regex CommentAtEnd();
}
