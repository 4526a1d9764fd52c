using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Npgsql;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Console;

/// <summary>
/// The real API as a child process, with the demo cohort in a database of its own (other tests reset theirs),
/// and the console opened in headless Chromium by tests/console-browser: the cohort query, docs from live
/// introspection, a cohortChanged subscription pushed after a recorded karyotype, the bundled-schema fallback;
/// a page error or console error on the way fails it (the script lists the few benign ones and why).
/// </summary>
public sealed class ConsoleBrowserTests
{
    private const string TrialId = "0e82e362-1d1a-4ed1-3b00-000000000473";

    [Fact]
    public async Task The_console_runs_the_cohort_query_shows_live_docs_and_pushes_a_subscription_without_browser_errors()
    {
        var repo = RepoRoot();
        var connectionString = await OwnDatabase();
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var apiDll = Path.Combine(AppContext.BaseDirectory, "TrialMonitor.Api.dll");

        var api = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { apiDll, "--urls", baseUrl, "--contentRoot", Path.Combine(repo, "src", "TrialMonitor.Api") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        api.Environment["TRIALMONITOR_DB"] = connectionString;
        api.Environment["TrialMonitor__LoadDemoCohort"] = "true";
        api.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        api.Environment["TrialMonitor__Auth__DevelopmentKey"] = "true";
        // A coordinator of the demo cohort's site, as a trial coordinator would use the console.
        var token = TestTokens.DevelopmentToken("console-test", [Roles.Coordinator], ["MDACC"]);
        using var process = Process.Start(api)!;
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await WaitForDemoCohort(baseUrl, token, process, log);

            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
            var browserGet = new HttpRequestMessage(HttpMethod.Get, $"{baseUrl}/graphql");
            browserGet.Headers.Accept.ParseAdd("text/html");
            var redirect = await http.SendAsync(browserGet);
            Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
            Assert.Equal("/console", redirect.Headers.Location?.OriginalString);

            var screenshot = Path.Combine(repo, ".data", "test-results", "console.png");
            var (exitCode, output) = await Run("node",
                [Path.Combine(repo, "tests", "console-browser", "run-cohort-query.mjs"), baseUrl, screenshot], repo, token);
            Assert.True(exitCode == 0, $"the browser test failed ({exitCode}):\n{output}");
            Assert.Contains("console OK", output);
            Assert.True(File.Exists(screenshot));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task WaitForDemoCohort(string baseUrl, string token, Process process, System.Text.StringBuilder log)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        // Generous: the load's speed is not under test, and on 2 busy cores 4 329 events through the API took over 5 minutes.
        var deadline = DateTime.UtcNow.AddMinutes(10);
        var query = new { query = $"{{ patients(trialId: \"{TrialId}\", first: 1) {{ totalCount }} }}" };
        while (true)
        {
            Assert.False(process.HasExited, "the API exited:\n" + Snapshot(log));
            try
            {
                var response = await http.PostAsJsonAsync($"{baseUrl}/graphql", query);
                if (response.IsSuccessStatusCode)
                {
                    using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    if (json.RootElement.TryGetProperty("data", out var data)
                        && data.GetProperty("patients") is { ValueKind: JsonValueKind.Object } patients
                        && patients.GetProperty("totalCount").GetInt32() == 54)
                        return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            Assert.True(DateTime.UtcNow < deadline, "the demo cohort was not loaded within 10 minutes:\n" + Snapshot(log));
            await Task.Delay(250);
        }
    }

    /// <summary>The output so far; the process's reader threads append to it concurrently.</summary>
    private static string Snapshot(System.Text.StringBuilder log)
    {
        lock (log) return log.ToString();
    }

    private static async Task<(int ExitCode, string Output)> Run(string file, string[] arguments, string workingDirectory, string token)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["TRIALMONITOR_TOKEN"] = token;
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>
    /// A fresh database on the server of TRIALMONITOR_DB, for this test alone, named after that database
    /// ("&lt;db&gt;_console"), so concurrent runs on other databases of the same server do not drop each other's.
    /// </summary>
    private static async Task<string> OwnDatabase()
    {
        var shared = Environment.GetEnvironmentVariable("TRIALMONITOR_DB")
            ?? throw new InvalidOperationException("TRIALMONITOR_DB is not set: run the tests with ./ops/test");
        var database = (new NpgsqlConnectionStringBuilder(shared).Database ?? "trialmonitor") + "_console";
        if (!System.Text.RegularExpressions.Regex.IsMatch(database, "^[a-z0-9_]{1,63}$"))
            throw new InvalidOperationException($"unexpected database name {database}");
        var own = new NpgsqlConnectionStringBuilder(shared) { Database = database, Pooling = false };
        var admin = new NpgsqlConnectionStringBuilder(shared) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection))
            await drop.ExecuteNonQueryAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection))
            await create.ExecuteNonQueryAsync();
        return own.ConnectionString;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrialMonitor.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("TrialMonitor.sln not found above " + AppContext.BaseDirectory);
    }
}
