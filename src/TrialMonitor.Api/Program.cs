using TrialMonitor.Api.Alerts;
using TrialMonitor.Api.Audit.Chain;
using TrialMonitor.Api.Audit.Export;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Cdisc;
using TrialMonitor.Api.Console;
using TrialMonitor.Api.DemoCohort;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Fhir;
using TrialMonitor.Api.GraphQL.Schema;
using TrialMonitor.Api.GraphQL.Transport;
using TrialMonitor.Api.Health;
using TrialMonitor.Api.Infrastructure;
using TrialMonitor.Api.Odm.Exporting;
using TrialMonitor.Api.Odm.Importing;
using TrialMonitor.Api.Outages;
using TrialMonitor.Api.Telemetry;
using Wolverine;

// `token ROLE [--site SITE] [--user NAME]` mints a token (./ops/token) instead of starting the host.
if (args is ["token", .. var tokenArgs])
{
    var configuration = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();
    Environment.ExitCode = TokenIssuer.Run(tokenArgs, configuration, System.Console.Out, System.Console.Error);
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddTrialMonitorAuth(builder.Configuration);
builder.Services.AddTrialMonitorEventStore(builder.Configuration);
builder.Services.AddHostedService<StoredModelUpgrade>();
builder.Services.AddTrialMonitorGraphQL();
builder.Services.AddGraphQLTransport();
builder.Services.AddAlertListener();
builder.Services.AddHealthEndpoints();
builder.AddTrialMonitorTelemetry();
builder.Host.UseWolverine(opts =>
{
    opts.UseRuntimeCompilation();
    opts.Policies.AutoApplyTransactions();
    // Strings jsonb cannot hold are refused before any handler decides (see Validation/StoredText).
    opts.Policies.AddMiddleware(typeof(StoredTextMiddleware));
    // Who, in which role, from where and why: onto every event a handler appends.
    opts.Policies.AddMiddleware(typeof(EventMetadataMiddleware));
});

if (builder.Configuration.GetValue<bool>("TrialMonitor:LoadDemoCohort"))
    builder.Services.AddHostedService<DemoCohortSeeding>();

var app = builder.Build();
// `verify-chain [PATIENT_ID | --trial TRIAL_ID | --all]` checks the audit hash chains (./ops/verify-chain) instead of serving.
if (args is ["verify-chain", .. var chainArgs])
{
    Environment.ExitCode = await VerifyChainCommand.RunAsync(app.Services, chainArgs, System.Console.Out, System.Console.Error);
    return;
}
// `export-cdisc TRIAL_ID OUT_DIR [--as-of TIME]` writes the trial's SDTM and ADaM datasets (./ops/export-cdisc) instead of serving.
if (args is ["export-cdisc", .. var exportArgs])
{
    Environment.ExitCode = await ExportCdiscCommand.RunAsync(app.Services, exportArgs, System.Console.Out, System.Console.Error);
    return;
}
// `export-odm TRIAL_ID OUT.xml` writes the trial's clinical data as ODM 1.3.2 (./ops/export-odm) instead of serving.
if (args is ["export-odm", .. var odmExportArgs])
{
    Environment.ExitCode = await ExportOdmCommand.RunAsync(app.Services, odmExportArgs, System.Console.Out, System.Console.Error);
    return;
}
// `import-odm FILE --trial ID [--mapping MAP.json] [--dry-run] [--report errors.csv]` imports an EDC's ODM export (./ops/import-odm).
if (args is ["import-odm", .. var importArgs])
{
    // The commands go through Wolverine, so the host runs (on a port of its own, serving nothing) while the import does.
    app.Urls.Add("http://127.0.0.1:0");
    await app.StartAsync();
    Environment.ExitCode = await ImportOdmCommand.RunAsync(app.Services, importArgs, System.Console.Out, System.Console.Error);
    await app.StopAsync();
    return;
}
// Before everything that reads the database: an outage answers 503 with Retry-After, not a bare 500.
app.UseDatabaseOutageAnswers();
app.MapHealthEndpoints();
// The console first: its middleware sends a browser's GET of /graphql to /console before the transport answers it.
app.UseTrialMonitorConsole();
app.UseAuthentication();
app.UseAuthorization();
app.MapGraphQLTransport("/graphql");
app.MapAuditTrailExport();
app.MapCdiscExport();
app.MapOdmImport();
app.MapOdmExport();
app.MapFhir();
await app.RunAsync();

public partial class Program;
