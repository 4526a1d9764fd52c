using TrialMonitor.Api.Alerts;
using TrialMonitor.Api.Audit.Export;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Cdisc;
using TrialMonitor.Api.Commands;
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

// `VERB ARGS...` runs one of the process verbs (Commands/ProcessCommands; `help` lists them) instead of serving.
var command = ProcessCommands.Of(args);
if (command is not null && await command.RunWithoutHostAsync(args[1..], System.Console.Out, System.Console.Error) is { } exitWithoutHost)
{
    Environment.ExitCode = exitWithoutHost;
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
if (command is not null)
{
    Environment.ExitCode = await command.RunAsync(app, args[1..]);
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
