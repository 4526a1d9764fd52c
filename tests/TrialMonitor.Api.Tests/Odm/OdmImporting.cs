using System.Text;
using Marten;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Odm.Importing;
using TrialMonitor.Api.Odm.Mapping;
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Api.Tests.Support;
using TrialMonitor.Api.Trials;
using TrialMonitor.Api.Trials.Registering;
using TrialMonitor.Clinical.Course;
using Wolverine;

namespace TrialMonitor.Api.Tests.Odm;

/// <summary>Runs an import as ./ops/import-odm does and reads back what it appended.</summary>
internal static class OdmImporting
{
    public sealed record Outcome(OdmImportSummary Summary, IReadOnlyList<OdmImportRow> Rows)
    {
        public override string ToString() => Summary + "\n" + string.Join("\n", Rows.Select(r => r.ToCsv()));
    }

    public static async Task<Guid> TrialWithSites(this IMessageBus bus, params string[] sites)
    {
        var id = Guid.NewGuid();
        await bus.InvokeAsync<Trial>(new RegisterTrial(id, "EDC-" + id.ToString()[..4], "Imported from an EDC", sites, ClinicalSettings.PaperDefaults));
        return id;
    }

    public static Task<Outcome> Import(this AppFixture app, Guid trialId, string file, string mapping, bool dryRun = false,
        string role = "system", IReadOnlyList<string>? sites = null, int subjectsHeld = OdmImport.DefaultSubjectsHeld) =>
        app.Import(trialId, File.OpenRead(file), Path.GetFileName(file), OdmMapping.Load(mapping), dryRun, role, sites, subjectsHeld);

    public static async Task<Outcome> Import(this AppFixture app, Guid trialId, Stream file, string fileName, OdmMapping mapping, bool dryRun = false,
        string role = "system", IReadOnlyList<string>? sites = null, int subjectsHeld = OdmImport.DefaultSubjectsHeld)
    {
        var rows = new List<OdmImportRow>();
        await using (file)
        {
            var summary = await OdmImport.For(app.Host.Services, subjectsHeld)
                .RunAsync(file, mapping, new OdmImportRequest(trialId, fileName, "importer", role, sites is null ? WriteScope.AllSites : WriteScope.Of(sites), dryRun), rows.Add);
            return new Outcome(summary, rows);
        }
    }

    public static Stream Text(string xml) => new MemoryStream(Encoding.UTF8.GetBytes(xml));

    public static async Task<IReadOnlyList<PatientChart>> Charts(this AppFixture app, Guid trialId)
    {
        await using var session = app.Store.QuerySession();
        var charts = await session.Query<PatientChart>().Where(c => c.TrialId == trialId).ToListAsync();
        await ChartEntries.LoadAsync(session, charts, CancellationToken.None);
        return charts.OrderBy(c => c.SubjectId, StringComparer.Ordinal).ToList();
    }

    public static async Task<int> EventsOfTrialPatients(this AppFixture app, Guid trialId)
    {
        var total = 0;
        await using var session = app.Store.QuerySession();
        foreach (var chart in await app.Charts(trialId)) total += (await session.Events.FetchStreamAsync(chart.Id)).Count;
        return total;
    }

    public static IEnumerable<ReportedToxicity> Toxicities(this PatientChart chart) =>
        chart.Entries.OfType<ToxicityReported>().Select(t => t.Toxicity).OrderBy(t => t.OnsetOn).ThenBy(t => t.Term, StringComparer.Ordinal);
}
