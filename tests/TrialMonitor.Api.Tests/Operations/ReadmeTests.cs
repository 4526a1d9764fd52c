using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TrialMonitor.Api.Tests.Alerts;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Operations;

/// <summary>
/// The `curl` and `./ops/token` commands and the GraphQL queries and mutations of the README and of every page
/// under docs/, run as pasted (from the repository root) against a started API, so the documentation cannot drift
/// from the product.
/// The API runs on a fresh database: the demo trial is not loaded, so its queries answer null, but every
/// command must be authenticated, valid and answered without errors. Not run here: ./ops/run, ./ops/test and
/// ./ops/bench (they start the product themselves), commands with placeholders (PATIENT_ID, TRIAL_ID), and
/// subscriptions (the alerts example's cursor is a placeholder; the schema file test covers their fields).
/// </summary>
[Collection(SpawnedProcesses.Name)]
public sealed partial class ReadmeTests
{
    private const string ReadmeUrl = "http://127.0.0.1:5080";

    // The README says what TrialMonitor is, the two commands, what you see and where the rest is; each topic has its page.
    private const int MaxReadmeBytes = 15 * 1024;

    [Fact]
    public void The_readme_stays_short_and_links_only_to_pages_that_exist()
    {
        var repo = RepositoryRoot();
        var readme = Path.Combine(repo, "README.md");
        Assert.True(new FileInfo(readme).Length <= MaxReadmeBytes, $"README.md is {new FileInfo(readme).Length} bytes; move detail to a page under docs/");
        foreach (var file in DocumentationFiles(repo))
        {
            foreach (var link in LocalLink().Matches(File.ReadAllText(file)).Select(m => m.Groups["target"].Value))
            {
                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, link.Split('#')[0]));
                Assert.True(File.Exists(target) || Directory.Exists(target), $"{Path.GetRelativePath(repo, file)} links to {link}, which does not exist");
            }
        }
    }

    [Fact]
    public async Task Every_curl_and_token_command_and_every_graphql_query_in_the_documentation_runs_as_pasted_against_a_started_api()
    {
        var repo = RepositoryRoot();
        var readme = string.Join('\n', await Task.WhenAll(DocumentationFiles(repo).Select(f => File.ReadAllTextAsync(f))));
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

    private static IEnumerable<string> DocumentationFiles(string repo) =>
        [Path.Combine(repo, "README.md"), .. Directory.GetFiles(Path.Combine(repo, "docs"), "*.md").Order(StringComparer.Ordinal)];

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

    // A markdown link to a file of the repository (not a web address, not an anchor of the same page).
    [GeneratedRegex("\\]\\((?<target>(?!https?:|#)[^)\\s]+)\\)")]
    private static partial Regex LocalLink();

    // A shell comment after a command: "  # ..." (the README's commands have no '#' of their own).
    [GeneratedRegex("\\s+#.*$")]
    private static partial Regex CommentAtEnd();
}
