using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TrialMonitor.Api.Tests.Alerts;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Operations;

/// <summary>
/// The `curl` and `./ops/...` commands and the GraphQL queries and mutations of the README and of every page under docs/,
/// run as pasted (from the repository root) against a started API with the paper's demo trial loaded, as after
/// `./ops/run`, so the documentation cannot drift from the product: every curl must be answered 2xx without GraphQL
/// errors, every ./ops command must exit 0, and the README's first query must answer the demo trial's Table 3.
/// The `./ops` commands run on the API's database (TRIALMONITOR_DB); files they write go to a temporary directory
/// (`/tmp/` and `.data/` rewritten), and ./ops/rebuild runs once the API is stopped, as docs/operations.md says.
/// The FHIR examples need their trial CML-110 with subjects 001 and 002, which the test registers first.
/// Placeholders are filled with the demo trial's ids (TRIAL_ID; PATIENT_ID, the first of its patients).
/// Not run here: ./ops/run, ./ops/test, ./ops/console, ./ops/postgres and ./ops/bench* (they start the product or take
/// minutes), and subscriptions (the alerts example's cursor is a placeholder; the schema file test covers their fields).
/// </summary>
[Collection(SpawnedProcesses.Name)]
[Trait(Speed.Trait, Speed.Slow)]
public sealed partial class ReadmeTests
{
    private const string ReadmeUrl = "http://127.0.0.1:5080";

    // The paper's trial, as ./ops/run loads it (src/TrialMonitor.Api/DemoCohort).
    private const string DemoTrial = "0e82e362-1d1a-4ed1-3b00-000000000473";

    // Kantarjian et al., Blood 2003;101:473: 54 patients.
    private const int DemoPatients = 54;

    // The README says what TrialMonitor is, the two commands, what you see and where the rest is; each topic has its page.
    private const int MaxReadmeBytes = 15 * 1024;

    // They start the product or take minutes.
    private static readonly string[] NotRun = ["./ops/run", "./ops/test", "./ops/console", "./ops/postgres", "./ops/bench"];

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
    public async Task Every_curl_and_ops_command_and_every_graphql_query_in_the_documentation_runs_as_pasted_against_the_demo_trial()
    {
        var repo = RepositoryRoot();
        var readme = string.Join('\n', await Task.WhenAll(DocumentationFiles(repo).Select(f => File.ReadAllTextAsync(f))));
        var commands = Blocks(readme, "sh").SelectMany(Commands)
            .Where(c => c.StartsWith("curl ", StringComparison.Ordinal) || c.StartsWith("./ops/", StringComparison.Ordinal))
            .Where(c => !NotRun.Any(n => c.StartsWith(n, StringComparison.Ordinal)))
            .ToList();
        var operations = Blocks(readme, "graphql").Where(q => !q.TrimStart().StartsWith("subscription", StringComparison.Ordinal)).ToList();
        Assert.True(commands.Count(c => c.StartsWith("curl ", StringComparison.Ordinal)) >= 4, string.Join('\n', commands));
        foreach (var ops in new[] { "./ops/token", "./ops/export-cdisc", "./ops/export-odm", "./ops/import-odm", "./ops/verify-chain", "./ops/rebuild" })
            Assert.Contains(commands, c => c.StartsWith(ops + " ", StringComparison.Ordinal) || c == ops);
        Assert.True(operations.Count >= 2);

        var database = await DemoDatabase.CopyAsync("readme");
        var temp = Directory.CreateTempSubdirectory("readme-");
        Run run;
        try
        {
            await using (var api = await ApiInstance.StartAsync(database, settings: new Dictionary<string, string>
            {
                ["TrialMonitor__LoadDemoCohort"] = "true",
                // Only the paper's trial: the 300-patient first-line trial is the longer load and no example needs it.
                ["TrialMonitor__LoadFirstLineDemo"] = "false",
            }))
            {
                var patient = await WaitForDemoTrialAsync(api);
                await RegisterTheFhirExamplesTrialAsync(api);
                run = new Run(repo, database, temp.FullName, api.BaseUri.ToString().TrimEnd('/'), patient);
                var outputs = new List<string>();
                foreach (var command in commands.Where(c => !c.StartsWith("./ops/rebuild", StringComparison.Ordinal)))
                    outputs.Add(await RunAsync(run, command));

                // The README's first query (after ./ops/run and ./ops/test, not run here): the demo trial's Table 3, the paper's
                // 21 lines but patients 11 and 13 (DOMAIN "Discrepancies"); its patient 1, "CR/6+".
                Assert.StartsWith("curl ", commands[0], StringComparison.Ordinal);
                var rows = JsonNode.Parse(outputs[0])!["data"]?["cohort"]?["table3"] as JsonArray;
                Assert.True(rows is { Count: 19 }, $"`{commands[0]}` did not answer the demo trial's Table 3:\n{outputs[0]}");
                Assert.Contains("CR/6+", rows.Select(r => (string?)r!["responseDisplay"]));
                foreach (var operation in operations)
                {
                    await api.GraphQLAsync(operation); // fails on any error
                }
            }
            // docs/operations.md: "Stop the API first".
            foreach (var command in commands.Where(c => c.StartsWith("./ops/rebuild", StringComparison.Ordinal)))
                await RunAsync(run, command);
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Waits for the API to answer the demo trial's 54 patients (its database is a copy of <see cref="DemoDatabase"/>, and
    /// the seeding ./ops/run asks for finds the trial complete). Returns the first one's id.
    /// </summary>
    private static async Task<string> WaitForDemoTrialAsync(ApiInstance api)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var (_, _, body) = await api.PostGraphQLAsync($"{{ patients(trialId: \"{DemoTrial}\", first: 1) {{ totalCount items {{ id }} }} }}");
            var patients = body["data"]?["patients"];
            if (patients?["totalCount"]?.GetValue<int>() == DemoPatients) return patients["items"]![0]!["id"]!.GetValue<string>();
            Assert.True(DateTime.UtcNow < deadline, "the demo trial was not there within 2 minutes:\n" + api.Output);
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>docs/fhir.md's Bundle (docs/fhir-lab-results.json) is for subjects 001 and 002 of CML-110, collected on 2000-06-01.</summary>
    private static async Task RegisterTheFhirExamplesTrialAsync(ApiInstance api)
    {
        var trial = Guid.NewGuid();
        await api.GraphQLAsync($$"""
            mutation { registerTrial(trialId: "{{trial}}", code: "CML-110", title: "Imatinib dose escalation", sites: ["MDACC"],
              settings: { criteriaSet: "MDACC-2003" }) { id } }
            """);
        foreach (var subject in new[] { "001", "002" })
        {
            await api.GraphQLAsync($$"""
                mutation { enrolPatient(patientId: "{{Guid.NewGuid()}}", trialId: "{{trial}}", enrolledOn: "2000-03-01",
                  baseline: { subjectId: "{{subject}}", site: "MDACC", ageAtEnrolment: 58, sex: FEMALE, diagnosedOn: "1997-06-01", ecog: 0,
                              spleenCmBelowCostalMargin: 0, hepatomegaly: false, clonalEvolution: false, diseaseGroupAtStandardDose: CYTOGENETIC_RESISTANCE })
                  { version } }
                """);
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

    /// <summary>
    /// Runs a command as pasted, with the API's address, the demo's ids for placeholders and the temporary directory for
    /// output paths; fails unless it exits 0 and, for curl, is answered 2xx without errors. Returns what it printed
    /// (for curl, the body).
    /// </summary>
    private static async Task<string> RunAsync(Run run, string pasted)
    {
        var command = pasted.Replace(ReadmeUrl, run.Url, StringComparison.Ordinal)
            .Replace("/tmp/", run.Temp + "/", StringComparison.Ordinal)
            .Replace(" .data/", $" {run.Temp}/", StringComparison.Ordinal)
            .Replace("TRIAL_ID", DemoTrial, StringComparison.Ordinal)
            .Replace("PATIENT_ID", run.Patient, StringComparison.Ordinal);
        var curl = command.StartsWith("curl ", StringComparison.Ordinal);
        // curl exits 0 whatever the status: print it after the body, on a line of its own.
        if (curl) command += " -w '\\n%{http_code}'";
        var start = new ProcessStartInfo("bash", ["-c", command])
        {
            WorkingDirectory = run.Repo,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The API is built already (the tests run its DLL); the ./ops commands need not build it again.
        start.Environment["TRIALMONITOR_TOKEN_NO_BUILD"] = "1";
        start.Environment["TRIALMONITOR_DB"] = run.Database;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // The ODM round trip imports the demo trial's 54 patients through the write path.
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"`{pasted}` exited {process.ExitCode}:\n{output}{await stderr}");
        if (!curl) return output;

        var lastLine = output.LastIndexOf('\n');
        var (body, status) = (output[..Math.Max(lastLine, 0)], output[(lastLine + 1)..]);
        Assert.True(status.StartsWith('2'), $"`{pasted}` was answered {status}:\n{body}");
        if (body.TrimStart().StartsWith('{'))
            Assert.True(JsonNode.Parse(body)!["errors"] is null, $"`{pasted}` answered errors:\n{body}");
        return body;
    }

    /// <summary>Where and against what a documented command runs: the API's address and database, the demo patient for PATIENT_ID.</summary>
    private sealed record Run(string Repo, string Database, string Temp, string Url, string Patient);

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
