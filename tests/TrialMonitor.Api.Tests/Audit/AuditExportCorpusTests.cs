using TrialMonitor.Api.Audit.Chain;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Tests.Door;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Audit;

/// <summary>
/// The audit door, like the GraphQL one: each bad request to GET /audit/… and each bad argument of ./ops/verify-chain is
/// refused with a 4xx (exit 2) naming the parameter, the value and what is expected, nothing is appended, and the API
/// answers the next request.
/// </summary>
public sealed class AuditExportCorpusTests(AppFixture app) : IntegrationTest(app)
{
    private const string Urls = "GET /audit/patients/{patientId}.{csv|json}; GET /audit/trials/{trialId}.{csv|json}";
    private const string PatientIds = "the patients' ids: GraphQL query patients(trialId)";

    public static TheoryData<string, string, int, string> Requests => new()
    {
        { "malformed trial id", "/audit/trials/nope.csv", 400, "trialId 'nope' is not a trial id (a GUID)" },
        { "malformed patient id", "/audit/patients/nope.json", 400, "patientId 'nope' is not a patient id (a GUID)" },
        { "unknown trial", $"/audit/trials/{DoorRefusals.Unknown}.json", 404, "no trial {unknown}: the trials' ids: GraphQL { trials { id code } }" },
        { "unknown patient", $"/audit/patients/{DoorRefusals.Unknown}.csv", 404, $"no patient {{unknown}}: {PatientIds}" },
        { "a trial's id as a patient's", "/audit/patients/{trial}.csv", 404, $"no patient {{trial}}: {PatientIds}" },
        { "a patient's id as a trial's", "/audit/trials/{patient}.csv", 404, "no trial {patient}: the trials' ids: GraphQL { trials { id code } }" },
        { "another format", "/audit/trials/{trial}.xml", 404, "'{trial}.xml' is not an audit trail file: " + Urls },
        { "no format", "/audit/patients/{patient}", 404, "'{patient}' is not an audit trail file: " + Urls },
        { "a query parameter", "/audit/trials/{trial}.csv?since=2026-01-01", 400, "unknown query parameter 'since': this export takes none" },
        { "sites have no trail", "/audit/sites/MDACC.csv", 404, "no audit trail export at GET '/audit/sites/MDACC.csv': " + Urls },
    };

    public static TheoryData<string, string[], string> Arguments => new()
    {
        { "malformed patient id", ["nope"], "PATIENT_ID 'nope' is not a patient id (a GUID)" },
        { "unknown patient", [DoorRefusals.Unknown], "PATIENT_ID {unknown}: no stream has that id (no events, no chain)" },
        { "--trial without an id", ["--trial"], "--trial needs a value (TRIAL_ID)" },
        { "--trial with an option", ["--trial", "--all"], "--trial needs a value (TRIAL_ID), not the option '--all'" },
        { "malformed trial id", ["--trial", "nope"], "--trial 'nope' is not a trial id (a GUID)" },
        { "unknown trial", ["--trial", DoorRefusals.Unknown], "--trial {unknown}: no trial has that id (no events, no chain)" },
        { "a patient and a trial", ["{patient}", "--trial", "{trial}"], "give one of PATIENT_ID, --trial TRIAL_ID, --all; got '{patient}' '--trial' '{trial}'" },
        { "--all and a patient", ["--all", "{patient}"], "give one of PATIENT_ID, --trial TRIAL_ID, --all; got '--all' '{patient}'" },
        { "two patients", ["{patient}", "{patient}"], "unexpected argument '{patient}': expected [PATIENT_ID]" },
        { "--all twice", ["--all", "--all"], "--all given twice: give it once" },
        { "unknown option", ["--stream", "{patient}"], "unknown option '--stream': the options are --trial, --all" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_bad_request_is_refused_naming_its_problem(string name, string url, int status, string message)
    {
        var trial = await Bus.Trial();
        var values = DoorRefusals.Values(trial, patient: await Bus.EnrolledPatient(trial));

        await DoorRefusals.AssertRequestRefusedAsync(App, name, url, status, message, values);
    }

    [Theory]
    [MemberData(nameof(Arguments))]
    public async Task A_bad_argument_of_verify_chain_is_refused_in_one_line(string name, string[] args, string message)
    {
        var trial = await Bus.Trial();
        var values = DoorRefusals.Values(trial, patient: await Bus.EnrolledPatient(trial));

        await DoorRefusals.AssertVerbRefusedAsync(App, name, VerifyChainCommand.Command.Run, VerifyChainCommand.Usage, args, 2, message, values);
    }

    [Fact]
    public async Task The_requests_and_the_arguments_sent_right_are_answered()
    {
        var trial = await Bus.Trial();
        var patient = await Bus.EnrolledPatient(trial);

        var (ofTrial, _) = await DoorRefusals.GetAsync(App, $"/audit/trials/{trial}.json", Roles.Auditor);
        var (ofPatient, _) = await DoorRefusals.GetAsync(App, $"/audit/patients/{patient}.csv", Roles.Admin);
        var (exit, output, _) = await DoorRefusals.RunAsync(VerifyChainCommand.Command.Run, App.Host.Services, ["--trial", trial.ToString()]);

        Assert.Equal((200, 200, 0), (ofTrial, ofPatient, exit));
        Assert.Equal($"trial {trial}: intact (2 streams, 2 events)\n", output);
    }
}
