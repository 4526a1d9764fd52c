using System.Net;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Console;

/// <summary>
/// The console and the trial pages opened in headless Chromium by tests/console-browser against the real API with the
/// demo cohort (<see cref="DemoApi"/>, started once for both): in the console, the cohort query, docs from live
/// introspection, a cohortChanged subscription pushed after a recorded karyotype, the bundled-schema fallback; in the
/// pages, Table 3, the swimmer plot, the Kaplan–Meier curve, a patient's timeline, the live alert inbox, and molecular
/// monitoring (milestones, time to MMR, a BCR-ABL1 chart) of a small ELN-2020 trial the script records. A page error or
/// console error on the way fails either (the scripts list the few benign ones and why).
/// </summary>
[Trait(Speed.Trait, Speed.Slow)]
public sealed class ConsoleBrowserTests(DemoApi api) : IClassFixture<DemoApi>
{
    [Fact]
    public async Task The_console_runs_the_cohort_query_shows_live_docs_and_pushes_a_subscription_without_browser_errors()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var browserGet = new HttpRequestMessage(HttpMethod.Get, $"{api.BaseUrl}/graphql");
        browserGet.Headers.Accept.ParseAdd("text/html");
        var redirect = await http.SendAsync(browserGet);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/console", redirect.Headers.Location?.OriginalString);

        var screenshot = Path.Combine(api.Repo, ".data", "test-results", "console.png");
        var (exitCode, output) = await api.RunBrowserScript("run-cohort-query.mjs", api.BaseUrl, screenshot);
        Assert.True(exitCode == 0, $"the browser test failed ({exitCode}):\n{output}");
        Assert.Contains("console OK", output);
        Assert.True(File.Exists(screenshot));
    }

    [Fact]
    public async Task The_trial_pages_show_the_swimmer_plot_the_curves_a_timeline_molecular_monitoring_and_a_live_alert_acknowledged_away()
    {
        var screenshots = Path.Combine(api.Repo, ".data", "test-results");
        string[] pages = ["cohort", "swimmer", "improvement", "patient", "alerts", "molecular-cohort", "molecular-patient"];
        foreach (var page in pages) File.Delete(Path.Combine(screenshots, $"app-{page}.png"));
        using var http = new HttpClient();
        var unknownAsset = await http.GetAsync($"{api.BaseUrl}/app/assets/missing.js");
        Assert.Equal(HttpStatusCode.NotFound, unknownAsset.StatusCode);

        var (exitCode, output) = await api.RunBrowserScript("run-app-pages.mjs", api.BaseUrl, screenshots);

        Assert.True(exitCode == 0, $"the browser test of the trial pages failed ({exitCode}):\n{output}");
        Assert.Contains("app pages OK", output);
        foreach (var page in pages)
            Assert.True(File.Exists(Path.Combine(screenshots, $"app-{page}.png")), $"no screenshot of the {page} page");
    }
}
