using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Marten;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Commands;
using TrialMonitor.Api.Tests.GraphQL.SchemaTests;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Door;

/// <summary>
/// What the corpus of each export door checks around a refusal: the message as written in the case (with the ids of the
/// test's trial and patient put in, and a recorded time matched as any), the events in the store before and after, and
/// that the API answers a query after.
/// </summary>
public static class DoorRefusals
{
    /// <summary>An id no trial, patient or stream has.</summary>
    public const string Unknown = "5ca1ab1e-0000-4000-8000-000000000404";

    /// <summary>What a case's {trial}, {patient}, {unknown} and {dir} stand for in a test.</summary>
    public static Dictionary<string, string> Values(Guid trial, string dir = "", Guid? patient = null) => new()
    {
        ["trial"] = trial.ToString(), ["patient"] = patient?.ToString() ?? "", ["unknown"] = Unknown, ["dir"] = dir,
    };

    /// <summary>A case's URL or argument with its values put in.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        return values.Aggregate(template, (text, value) => text.Replace("{" + value.Key + "}", value.Value, StringComparison.Ordinal));
    }

    /// <summary>The case's message with its values put in; {time} and {reason} stand for any.</summary>
    public static void AssertMessage(string expected, string actual, string caseName, IReadOnlyDictionary<string, string> values)
    {
        var pattern = Regex.Escape(expected);
        foreach (var (name, value) in values) pattern = pattern.Replace(Regex.Escape("{" + name + "}"), Regex.Escape(value), StringComparison.Ordinal);
        pattern = pattern.Replace(Regex.Escape("{time}"), "[0-9T:.Z-]+", StringComparison.Ordinal)
            .Replace(Regex.Escape("{reason}"), ".+", StringComparison.Ordinal);
        Assert.True(Regex.IsMatch(actual, "^" + pattern + "$"), $"{caseName}: expected\n  {expected}\ngot\n  {actual}");
    }

    public static async Task<long> EventCountAsync(AppFixture app)
    {
        await using var session = app.Store.QuerySession();
        return await session.Events.QueryAllRawEvents().LongCountAsync();
    }

    /// <summary>A GET as a client sends it, with a token of <paramref name="role"/> at the test sites.</summary>
    public static async Task<(int Status, string Body)> GetAsync(AppFixture app, string url, string role, HttpMethod? method = null)
    {
        using var client = app.Host.Server.CreateClient();
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", app.Token("ada", [role], TestTokens.AllTestSites));
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Sends a case's request as an auditor and checks its refusal: the status, the message, nothing appended, the API
    /// answering after.
    /// </summary>
    public static async Task AssertRequestRefusedAsync(AppFixture app, string caseName, string url, int status, string message,
        IReadOnlyDictionary<string, string> values, HttpMethod? method = null)
    {
        var before = await EventCountAsync(app);

        var (answered, body) = await GetAsync(app, Fill(url, values), Roles.Auditor, method);

        Assert.True(answered == status, $"{caseName}: {answered} {body}");
        AssertMessage(message, body, caseName, values);
        Assert.Equal(before, await EventCountAsync(app));
        await AssertAnsweringAsync(app);
    }

    /// <summary>
    /// Runs a verb with a case's arguments and checks its refusal: the exit code, nothing on stdout, the message as the
    /// first line of stderr and the usage after it when the arguments were wrong (exit 2), nothing appended, the API
    /// answering after.
    /// </summary>
    public static async Task AssertVerbRefusedAsync(AppFixture app, string caseName, CommandRun run, string usage,
        IReadOnlyList<string> args, int exit, string message, IReadOnlyDictionary<string, string> values)
    {
        var before = await EventCountAsync(app);

        var (exited, output, error) = await RunAsync(run, app.Host.Services, [.. args.Select(a => Fill(a, values))]);

        Assert.True(exited == exit, $"{caseName}: exit {exited}: {output}{string.Join('\n', error)}");
        Assert.Equal("", output);
        AssertMessage(message, error[0], caseName, values);
        Assert.Equal(exit == 2 ? [usage] : [], error[1..]);
        Assert.Equal(before, await EventCountAsync(app));
        await AssertAnsweringAsync(app);
    }

    public static async Task AssertAnsweringAsync(AppFixture app) =>
        Assert.Null((await new GraphQLOperations(app).ExecuteAsync("{ trials { id } }"))["errors"]);

    /// <summary>A verb run as its process runs it; what it printed on each stream.</summary>
    public static async Task<(int Exit, string Output, string[] Error)> RunAsync(CommandRun run, IServiceProvider services, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(run);
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await run(services, args, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
