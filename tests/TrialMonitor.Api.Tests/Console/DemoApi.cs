using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Console;

/// <summary>
/// The real API as a child process, with the demo cohort in a database of its own (a copy of <see cref="DemoDatabase"/>;
/// other tests reset theirs), started once for the browser tests of a class; and the node scripts of tests/console-browser that drive headless Chromium against it.
/// </summary>
public sealed class DemoApi : IAsyncLifetime
{
    public const string TrialId = "0e82e362-1d1a-4ed1-3b00-000000000473";

    private readonly System.Text.StringBuilder log = new();
    private Process? process;

    public string Repo { get; } = RepoRoot();

    public string BaseUrl { get; } = $"http://127.0.0.1:{FreePort()}";

    /// <summary>A coordinator of the demo cohort's site, as a trial coordinator would use the console.</summary>
    public string CoordinatorToken { get; } = TestTokens.DevelopmentToken("console-test", [Roles.Coordinator], ["MDACC"]);

    public string SafetyMonitorToken { get; } = TestTokens.DevelopmentToken("monitor-test", [Roles.SafetyMonitor]);

    /// <summary>An admin, who registers the small trials the browser tests record for themselves.</summary>
    public string AdminToken { get; } = TestTokens.DevelopmentToken("admin-test", [Roles.Admin]);

    public async Task InitializeAsync()
    {
        var api = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "TrialMonitor.Api.dll"), "--urls", BaseUrl, "--contentRoot", Path.Combine(Repo, "src", "TrialMonitor.Api") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        api.Environment["TRIALMONITOR_DB"] = await DemoDatabase.CopyAsync("console");
        api.Environment["TrialMonitor__LoadDemoCohort"] = "true";
        // The browser tests read the paper's trial; the first-line trial's longer load would compete with them for the CPU.
        api.Environment["TrialMonitor__LoadFirstLineDemo"] = "false";
        api.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        api.Environment["TrialMonitor__Auth__DevelopmentKey"] = "true";
        process = Process.Start(api)!;
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitForDemoCohort();
    }

    public async Task DisposeAsync()
    {
        if (process is null) return;
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    /// <summary>Runs a script of tests/console-browser with the tokens in its environment; its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> RunBrowserScript(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Repo,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["TRIALMONITOR_TOKEN"] = CoordinatorToken;
        start.Environment["TRIALMONITOR_MONITOR_TOKEN"] = SafetyMonitorToken;
        start.Environment["TRIALMONITOR_ADMIN_TOKEN"] = AdminToken;
        start.ArgumentList.Add(Path.Combine(Repo, "tests", "console-browser", script));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw;
        }
        var apiLog = Snapshot();
        return (node.ExitCode, await stdout + await stderr + "\nThe API's last output:\n" + apiLog[^Math.Min(apiLog.Length, 4000)..]);
    }

    private async Task WaitForDemoCohort()
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", CoordinatorToken);
        // The copy holds the trial; the API's seeding finds it complete once it has started.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        var query = new { query = $"{{ patients(trialId: \"{TrialId}\", first: 1) {{ totalCount }} }}" };
        while (true)
        {
            Assert.False(process!.HasExited, "the API exited:\n" + Snapshot());
            try
            {
                var response = await http.PostAsJsonAsync($"{BaseUrl}/graphql", query);
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
            Assert.True(DateTime.UtcNow < deadline, "the demo cohort was not there within 2 minutes:\n" + Snapshot());
            await Task.Delay(250);
        }
    }

    /// <summary>The output so far; the process's reader threads append to it concurrently.</summary>
    private string Snapshot()
    {
        lock (log) return log.ToString();
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
