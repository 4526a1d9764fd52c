using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using Marten;
using TrialMonitor.Api.Cdisc.DatasetJson;
using TrialMonitor.Api.Commands;
using TrialMonitor.Api.Infrastructure;

namespace TrialMonitor.Api.Cdisc;

/// <summary>
/// <c>export-cdisc TRIAL_ID OUT_DIR [--as-of TIME]</c> (./ops/export-cdisc): writes every dataset of
/// the trial as OUT_DIR/{sdtm|adam}/{name}.json, .ndjson and .csv in one pass over the patients,
/// and OUT_DIR/index.json listing them with their record counts. Exits 0 when written, 1 for an
/// unknown trial, 2 on bad arguments.
/// </summary>
public static class ExportCdiscCommand
{
    private static readonly JsonSerializerOptions IndexJson = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public const string Usage = "usage: export-cdisc TRIAL_ID OUT_DIR [--as-of TIME]   (TIME: ISO 8601, e.g. 2026-11-29T12:00:00Z)";

    public static readonly ProcessCommand Command = new("export-cdisc", Usage,
        "Writes a trial's CDISC SDTM and ADaM datasets (./ops/export-cdisc). As Dataset-JSON, NDJSON and CSV, with OUT_DIR/index.json; "
        + "with --as-of, what the system knew at that recorded time. Exits 0 when written, 1 for an unknown trial, 2 on bad arguments.",
        CommandHost.Services, RunAsync);

    internal static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error,
        CancellationToken cancellation = default)
    {
        var createdAt = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (!TryParse(args, createdAt, out var trialId, out var directory, out var asOf, out var problem))
        {
            error.WriteLine(problem);
            error.WriteLine(Usage);
            return ProcessCommand.BadArguments;
        }

        await using var session = services.GetRequiredService<IDocumentStore>().QuerySession();
        var source = await CdiscSource.OpenAsync(session, trialId, sites: null, asOf, createdAt, cancellation);
        if (source is null)
        {
            error.WriteLine(await CdiscSource.NotFoundAsync(session, trialId, asOf, cancellation));
            return 1;
        }
        if (OutputPaths.CreateDirectory(directory, "OUT_DIR") is { } unwritable)
        {
            error.WriteLine(unwritable);
            error.WriteLine(Usage);
            return ProcessCommand.BadArguments;
        }

        var datasets = CdiscDatasets.All;
        var csvs = new Dictionary<CdiscDataset, (FileStream File, CsvRows Rows)>();
        try
        {
            foreach (var dataset in datasets)
            {
                var file = File.Create(PathOf(directory, dataset, CdiscFormat.Csv));
                csvs[dataset] = (file, await CsvRows.StartAsync(dataset.Header(source.Study.StudyId, createdAt), file, cancellation));
            }
            var spools = await CdiscExport.SpoolAsync(session, source, datasets, createdAt,
                (dataset, row) => csvs[dataset].Rows.AddAsync(row, cancellation), cancellation);
            var index = new List<object>();
            for (var i = 0; i < datasets.Count; i++)
            {
                await using var spool = spools[i];
                await using (var json = File.Create(PathOf(directory, datasets[i], CdiscFormat.Json)))
                    await DatasetJsonFormats.WriteJsonAsync(spool, json, cancellation);
                await using (var ndjson = File.Create(PathOf(directory, datasets[i], CdiscFormat.Ndjson)))
                    await DatasetJsonFormats.WriteNdjsonAsync(spool, ndjson, cancellation);
                index.Add(new
                {
                    model = datasets[i].Model.ToString().ToLowerInvariant(),
                    name = datasets[i].Name,
                    label = datasets[i].Label,
                    records = spool.Count,
                    files = Enum.GetValues<CdiscFormat>().Select(f => RelativePath(datasets[i], f)).ToArray(),
                });
                output.WriteLine($"{RelativePath(datasets[i], CdiscFormat.Json)}: {spool.Count} records");
            }
            await WriteIndexAsync(directory, source, trialId, asOf, createdAt, index, cancellation);
            output.WriteLine($"index.json: {datasets.Count} datasets of {source.Study.StudyId}" + (asOf is { } at ? $" as of {at:O}" : "") + $" in {directory}");
            return 0;
        }
        finally
        {
            foreach (var (file, rows) in csvs.Values)
            {
                await rows.DisposeAsync();
                await file.DisposeAsync();
            }
        }
    }

    private static async Task WriteIndexAsync(string directory, CdiscSource source, Guid trialId, DateTimeOffset? asOf,
        DateTimeOffset createdAt, List<object> datasets, CancellationToken cancellation)
    {
        await using var file = File.Create(Path.Combine(directory, "index.json"));
        await JsonSerializer.SerializeAsync(file, new
        {
            studyOID = source.Study.StudyId,
            trialId,
            criteriaSet = source.Study.CriteriaSet,
            asOf,
            createdAt,
            dbLastModifiedDateTime = source.LastRecordedAt,
            datasetJSONVersion = DatasetHeader.Version,
            datasets,
        }, IndexJson, cancellation);
    }

    private static string RelativePath(CdiscDataset dataset, CdiscFormat format) =>
        $"{dataset.Model.ToString().ToLowerInvariant()}/{dataset.Name.ToLowerInvariant()}.{format.Extension()}";

    private static string PathOf(string directory, CdiscDataset dataset, CdiscFormat format)
    {
        var path = Path.Combine(directory, RelativePath(dataset, format));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    private static bool TryParse(IReadOnlyList<string> args, DateTimeOffset now, out Guid trialId, out string directory, out DateTimeOffset? asOf,
        [NotNullWhen(false)] out string? problem)
    {
        (trialId, directory, asOf) = (Guid.Empty, "", null);
        if (!VerbArguments.TryRead(args, ["TRIAL_ID", "OUT_DIR"], required: 2, [new("--as-of", "TIME")], out var read, out problem)) return false;
        directory = read["OUT_DIR"]!;
        problem = GivenId.Problem(read["TRIAL_ID"]!, "TRIAL_ID", "trial", out trialId);
        if (problem is null && read.Value("--as-of") is { } time)
        {
            problem = AsOfTime.Problem(time, "--as-of", now, out var at);
            asOf = at;
        }
        return problem is null;
    }
}
