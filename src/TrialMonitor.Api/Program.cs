using TrialMonitor.Api.Alerts;
using TrialMonitor.Api.Audit.Chain;
using TrialMonitor.Api.Audit.Export;
using TrialMonitor.Api.Console;
using TrialMonitor.Api.DemoCohort;
using TrialMonitor.Api.GraphQL.Schema;
using TrialMonitor.Api.GraphQL.Transport;
using TrialMonitor.Api.Infrastructure;
using Wolverine;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddTrialMonitorEventStore(builder.Configuration);
builder.Services.AddTrialMonitorGraphQL();
builder.Services.AddGraphQLTransport();
builder.Services.AddAlertListener();
builder.Host.UseWolverine(opts =>
{
    opts.UseRuntimeCompilation();
    opts.Policies.AutoApplyTransactions();
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
app.MapGet("/health", () => "ok");
// The console first: its middleware sends a browser's GET of /graphql to /console before the transport answers it.
app.UseTrialMonitorConsole();
app.MapGraphQLTransport("/graphql");
app.MapAuditTrailExport();
await app.RunAsync();

public partial class Program;
