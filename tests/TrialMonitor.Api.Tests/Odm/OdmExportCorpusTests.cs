using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Odm.Exporting;
using TrialMonitor.Api.Tests.Door;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Odm;

/// <summary>
/// The ODM export door, like the upload's: each bad request to GET /odm/trials/… and each bad argument of ./ops/export-odm
/// is refused with a 4xx (exit 2; 1 for an unknown trial) naming the parameter, the value and what is expected, nothing is
/// appended or written, and the API answers the next request.
/// </summary>
public sealed class OdmExportCorpusTests(AppFixture app) : IntegrationTest(app)
{
    private const string Urls = "GET /odm/trials/{trialId}.xml; POST /odm/trials/{trialId}/import";

    public static TheoryData<string, string, string, int, string> Requests => new()
    {
        { "malformed trial id", "GET", "/odm/trials/nope.xml", 400, "trialId 'nope' is not a trial id (a GUID)" },
        { "unknown trial", "GET", $"/odm/trials/{DoorRefusals.Unknown}.xml", 404, "no trial {unknown}: the trials' ids: GraphQL { trials { id code } }" },
        { "another format", "GET", "/odm/trials/{trial}.json", 404, "'{trial}.json' is not an ODM file: " + Urls },
        { "no format", "GET", "/odm/trials/{trial}", 404, "'{trial}' is not an ODM file: " + Urls },
        { "a query parameter", "GET", "/odm/trials/{trial}.xml?asOf=2026-01-01", 400, "unknown query parameter 'asOf': this export takes none" },
        { "a path below the trial", "GET", "/odm/trials/{trial}/export", 404, "no ODM endpoint at GET '/odm/trials/{trial}/export': " + Urls },
        { "the import with a malformed id", "POST", "/odm/trials/nope/import", 404, "no ODM endpoint at POST '/odm/trials/nope/import': " + Urls },
        { "a POST of the export", "POST", "/odm/trials/{trial}.xml", 404, "no ODM endpoint at POST '/odm/trials/{trial}.xml': " + Urls },
        { "no trial", "GET", "/odm", 404, "no ODM endpoint at GET '/odm': " + Urls },
    };

    public static TheoryData<string, string[], int, string> Arguments => new()
    {
        { "nothing", [], 2, "TRIAL_ID missing: expected TRIAL_ID OUT.xml" },
        { "no file", ["{trial}"], 2, "OUT.xml missing: expected TRIAL_ID OUT.xml" },
        { "malformed trial id", ["nope", "{dir}/out.xml"], 2, "TRIAL_ID 'nope' is not a trial id (a GUID)" },
        { "unknown trial", [DoorRefusals.Unknown, "{dir}/out.xml"], 1, "no trial {unknown}: the trials' ids: GraphQL { trials { id code } }" },
        { "a third argument", ["{trial}", "{dir}/out.xml", "again.xml"], 2, "unexpected argument 'again.xml': expected TRIAL_ID OUT.xml" },
        { "an option", ["{trial}", "{dir}/out.xml", "--as-of", "2026-01-01"], 2, "unknown option '--as-of': this verb takes none" },
        { "file empty", ["{trial}", ""], 2, "OUT.xml is empty: give a file" },
        { "file a directory", ["{trial}", "{dir}"], 2, "OUT.xml '{dir}' is a directory: give a file" },
        { "file in no directory", ["{trial}", "{dir}/missing/out.xml"], 2, "OUT.xml '{dir}/missing/out.xml': cannot create it: {reason}" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_bad_request_is_refused_naming_its_problem(string name, string method, string url, int status, string message)
    {
        var trial = await Bus.Trial();

        await DoorRefusals.AssertRequestRefusedAsync(App, name, url, status, message, DoorRefusals.Values(trial), new HttpMethod(method));
    }

    [Theory]
    [MemberData(nameof(Arguments))]
    public async Task A_bad_argument_of_export_odm_is_refused_in_one_line_and_nothing_is_written(string name, string[] args, int exit, string message)
    {
        var trial = await Bus.Trial();
        var dir = Directory.CreateTempSubdirectory("odm-corpus-").FullName;

        await DoorRefusals.AssertVerbRefusedAsync(App, name, ExportOdmCommand.Command.Run, ExportOdmCommand.Usage, args, exit, message,
            DoorRefusals.Values(trial, dir));

        Assert.Empty(Directory.EnumerateFileSystemEntries(dir));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task The_request_and_the_arguments_sent_right_are_answered()
    {
        var trial = await Bus.Trial();
        var dir = Directory.CreateTempSubdirectory("odm-corpus-").FullName;

        var (status, _) = await DoorRefusals.GetAsync(App, $"/odm/trials/{trial}.xml", Roles.Auditor);
        var (exit, _, error) = await DoorRefusals.RunAsync(ExportOdmCommand.Command.Run, App.Host.Services, [trial.ToString(), dir + "/out.xml"]);

        Assert.Equal((200, 0), (status, exit));
        Assert.Empty(error);
        Assert.True(File.Exists(Path.Combine(dir, "out.xml")));
        Directory.Delete(dir, recursive: true);
    }
}
