using TrialMonitor.Api.Infrastructure;
using Wolverine;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddTrialMonitorEventStore(builder.Configuration);
builder.Host.UseWolverine(opts =>
{
    opts.UseRuntimeCompilation();
    opts.Policies.AutoApplyTransactions();
});

var app = builder.Build();
app.MapGet("/health", () => "ok");
await app.RunAsync();

public partial class Program;
