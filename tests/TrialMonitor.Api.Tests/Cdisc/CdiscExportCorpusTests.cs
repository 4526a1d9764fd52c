using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Cdisc;
using TrialMonitor.Api.Tests.Door;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Cdisc;

/// <summary>
/// The CDISC door, like the GraphQL one: each bad request to GET /cdisc/… and each bad argument of ./ops/export-cdisc is
/// refused with a 4xx (exit 2; 1 for an unknown trial) naming the parameter, the value and what is expected, nothing is
/// appended or written, and the API answers the next request.
/// </summary>
public sealed class CdiscExportCorpusTests(AppFixture app) : IntegrationTest(app)
{
    private const string Urls = "GET /cdisc/trials/{trialId}/{sdtm|adam}/{name}.{json|ndjson|csv}[?asOf=TIME]";
    private const string SdtmNames = "name one of dm, lb, ex, ae, ds, rs, then .json, .ndjson or .csv";
    private const string NotIso = "is not an ISO 8601 date-time such as 2026-11-29T12:00:00Z";
    private const string Future = "is later than now ({time}): an export as of a time to come could still change";

    public static TheoryData<string, string, int, string> Requests => new()
    {
        { "malformed trial id", "/cdisc/trials/nope/sdtm/dm.csv", 400, "trialId 'nope' is not a trial id (a GUID)" },
        { "long trial id", $"/cdisc/trials/{new string('x', 300)}/sdtm/dm.csv", 400, $"trialId '{new string('x', 80)}…' (300 characters) is not a trial id (a GUID)" },
        { "unknown trial", $"/cdisc/trials/{DoorRefusals.Unknown}/sdtm/dm.csv", 404, "no trial {unknown}: the trials' ids: GraphQL { trials { id code } }" },
        { "unknown model", "/cdisc/trials/{trial}/send/dm.csv", 404, "model 'send' is not one of: sdtm, adam" },
        { "unknown dataset", "/cdisc/trials/{trial}/sdtm/pe.csv", 404, $"'pe.csv' is not a dataset file: {SdtmNames}" },
        { "ADaM dataset under sdtm", "/cdisc/trials/{trial}/sdtm/adsl.json", 404, $"'adsl.json' is not a dataset file: {SdtmNames}" },
        { "unknown format", "/cdisc/trials/{trial}/sdtm/dm.xpt", 404, $"'dm.xpt' is not a dataset file: {SdtmNames}" },
        { "no format", "/cdisc/trials/{trial}/adam/adsl", 404, "'adsl' is not a dataset file: name one of adsl, adrs, adtte, then .json, .ndjson or .csv" },
        { "no dataset", "/cdisc/trials/{trial}/sdtm", 404, "no CDISC export at GET '/cdisc/trials/{trial}/sdtm': " + Urls },
        { "a path below a dataset", "/cdisc/trials/{trial}/sdtm/dm.csv/rows", 404, "no CDISC export at GET '/cdisc/trials/{trial}/sdtm/dm.csv/rows': " + Urls },
        { "misspelt asOf", "/cdisc/trials/{trial}/sdtm/dm.csv?as_of=2026-01-01", 400, "unknown query parameter 'as_of': this export takes asOf" },
        { "asOf in words", "/cdisc/trials/{trial}/sdtm/dm.csv?asOf=yesterday", 400, $"asOf 'yesterday' {NotIso}" },
        { "asOf a US date", "/cdisc/trials/{trial}/sdtm/dm.csv?asOf=03/04/2026", 400, $"asOf '03/04/2026' {NotIso}" },
        { "asOf no such day", "/cdisc/trials/{trial}/sdtm/dm.csv?asOf=2026-02-30", 400, $"asOf '2026-02-30' {NotIso}" },
        { "asOf year 10000", "/cdisc/trials/{trial}/sdtm/dm.csv?asOf=10000-01-01", 400, $"asOf '10000-01-01' {NotIso}" },
        { "asOf empty", "/cdisc/trials/{trial}/sdtm/dm.csv?asOf=", 400, $"asOf '' {NotIso}" },
        { "asOf with a NUL", "/cdisc/trials/{trial}/sdtm/dm.csv?asOf=2026-01-01%00", 400, $"asOf '2026-01-01\\u0000' {NotIso}" },
        { "asOf offset's + not encoded", "/cdisc/trials/{trial}/sdtm/dm.csv?asOf=2026-01-01T00:00:00+01:00", 400, $"asOf '2026-01-01T00:00:00 01:00' {NotIso} (write a '+' in a URL as %2B)" },
        { "asOf twice", "/cdisc/trials/{trial}/sdtm/dm.csv?asOf=2026-01-01&asOf=2026-02-01", 400, "asOf given 2 times: give one time" },
        { "asOf in the future", "/cdisc/trials/{trial}/sdtm/dm.csv?asOf=9999-12-31T23:59:59Z", 400, $"asOf '9999-12-31T23:59:59Z' {Future}" },
        { "asOf before the trial", "/cdisc/trials/{trial}/adam/adtte.csv?asOf=2000-01-01", 404, "trial {trial} was registered at {time}, after the as-of time 2000-01-01T00:00:00.0000000Z" },
    };

    public static TheoryData<string, string[], int, string> Arguments => new()
    {
        { "nothing", [], 2, "TRIAL_ID missing: expected TRIAL_ID OUT_DIR" },
        { "no directory", ["{trial}"], 2, "OUT_DIR missing: expected TRIAL_ID OUT_DIR" },
        { "malformed trial id", ["nope", "{dir}/out"], 2, "TRIAL_ID 'nope' is not a trial id (a GUID)" },
        { "unknown trial", [DoorRefusals.Unknown, "{dir}/out"], 1, "no trial {unknown}: the trials' ids: GraphQL { trials { id code } }" },
        { "a third argument", ["{trial}", "{dir}/out", "csv"], 2, "unexpected argument 'csv': expected TRIAL_ID OUT_DIR" },
        { "misspelt option", ["{trial}", "{dir}/out", "--asof", "2026-01-01"], 2, "unknown option '--asof': the options are --as-of" },
        { "--as-of without a time", ["{trial}", "{dir}/out", "--as-of"], 2, "--as-of needs a value (TIME)" },
        { "--as-of twice", ["{trial}", "{dir}/out", "--as-of", "2026-01-01", "--as-of", "2026-02-01"], 2, "--as-of given twice: give it once" },
        { "--as-of a US date", ["{trial}", "{dir}/out", "--as-of", "03/04/2026"], 2, $"--as-of '03/04/2026' {NotIso}" },
        { "--as-of in the future", ["{trial}", "{dir}/out", "--as-of", "9999-12-31"], 2, $"--as-of '9999-12-31' {Future}" },
        { "--as-of before the trial", ["{trial}", "{dir}/out", "--as-of", "2000-01-01"], 1, "trial {trial} was registered at {time}, after the as-of time 2000-01-01T00:00:00.0000000Z" },
        { "directory empty", ["{trial}", ""], 2, "OUT_DIR is empty: give a directory" },
        { "directory a file", ["{trial}", "{dir}/file"], 2, "OUT_DIR '{dir}/file' is a file: give a directory" },
        { "directory under a file", ["{trial}", "{dir}/file/out"], 2, "OUT_DIR '{dir}/file/out': cannot create it: {reason}" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_bad_request_is_refused_naming_its_problem(string name, string url, int status, string message)
    {
        var trial = await Bus.Trial();

        await DoorRefusals.AssertRequestRefusedAsync(App, name, url, status, message, DoorRefusals.Values(trial));
    }

    [Theory]
    [MemberData(nameof(Arguments))]
    public async Task A_bad_argument_of_export_cdisc_is_refused_in_one_line_and_nothing_is_written(string name, string[] args, int exit, string message)
    {
        var trial = await Bus.Trial();
        var dir = Directory.CreateTempSubdirectory("cdisc-corpus-").FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "file"), "not a directory");

        await DoorRefusals.AssertVerbRefusedAsync(App, name, ExportCdiscCommand.Command.Run, ExportCdiscCommand.Usage, args, exit, message,
            DoorRefusals.Values(trial, dir));

        Assert.Equal(["file"], Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task The_request_and_the_arguments_sent_right_are_answered()
    {
        var trial = await Bus.Trial();
        var asOf = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var dir = Directory.CreateTempSubdirectory("cdisc-corpus-").FullName;

        var (now, _) = await DoorRefusals.GetAsync(App, $"/cdisc/trials/{trial}/sdtm/dm.csv", Roles.Auditor);
        var (then, _) = await DoorRefusals.GetAsync(App, $"/cdisc/trials/{trial}/adam/adsl.json?asOf={asOf}", Roles.Auditor);
        var (exit, _, error) = await DoorRefusals.RunAsync(ExportCdiscCommand.Command.Run, App.Host.Services, [trial.ToString(), dir + "/out", "--as-of", asOf]);

        Assert.Equal((200, 200, 0), (now, then, exit));
        Assert.Empty(error);
        Assert.True(File.Exists(Path.Combine(dir, "out", "index.json")));
        Directory.Delete(dir, recursive: true);
    }
}
