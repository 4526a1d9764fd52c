using System.Globalization;
using TrialMonitor.Api.Commands;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Odm.Layout;
using TrialMonitor.Api.Odm.Mapping;
using TrialMonitor.Api.Odm.Reading;

namespace TrialMonitor.Api.Odm.Importing;

/// <summary>
/// <c>import-odm FILE --trial ID [--mapping MAP.json] [--dry-run] [--report errors.csv] [--user NAME]</c> (./ops/import-odm):
/// without a mapping the file must be TrialMonitor's own export (<see cref="OdmLayoutMapping"/>); progress on the error stream, a summary at the end; exits 0 when nothing was refused or unmapped, 1 when something was, 2 on bad arguments.
/// </summary>
public static class ImportOdmCommand
{
    public const string Usage = "usage: import-odm FILE --trial TRIAL_ID [--mapping MAP.json] [--dry-run] [--report errors.csv] [--user NAME]\n" +
                                "  (without --mapping: TrialMonitor's own export, ./ops/export-odm)";

    // Started: the import's commands go through Wolverine.
    public static readonly ProcessCommand Command = new("import-odm", Usage,
        "Imports an EDC's CDISC ODM 1.3 export (./ops/import-odm). Through the write path, with progress on the error stream, "
        + "one line per refused or unmapped item (or the CSV --report), a summary at the end; --dry-run decides without appending. "
        + "Exits 0 when nothing was refused or unmapped, 1 when something was, 2 on bad arguments.",
        CommandHost.Running, RunAsync);

    internal static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error,
        CancellationToken cancellation = default)
    {
        string? file = null, mappingPath = null, reportPath = null, user = Environment.UserName;
        Guid? trial = null;
        var dryRun = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--trial" when i + 1 < args.Count && Guid.TryParse(args[i + 1], out var id):
                    trial = id;
                    i++;
                    break;
                case "--mapping" when i + 1 < args.Count:
                    mappingPath = args[++i];
                    break;
                case "--report" when i + 1 < args.Count:
                    reportPath = args[++i];
                    break;
                case "--user" when i + 1 < args.Count:
                    user = args[++i];
                    break;
                case "--dry-run":
                    dryRun = true;
                    break;
                case var path when file is null && !path.StartsWith("--", StringComparison.Ordinal):
                    file = path;
                    break;
                default:
                    error.WriteLine($"{Usage}\nnot understood: {args[i]}");
                    return ProcessCommand.BadArguments;
            }
        }
        if (file is null || trial is null)
        {
            error.WriteLine(Usage);
            return ProcessCommand.BadArguments;
        }
        if (!File.Exists(file) || mappingPath is not null && !File.Exists(mappingPath))
        {
            error.WriteLine($"no such file: {(File.Exists(file) ? mappingPath : file)}");
            return ProcessCommand.BadArguments;
        }
        OdmMapping mapping;
        if (mappingPath is not null) mapping = OdmMapping.Load(mappingPath);
        else
        {
            await using var peek = File.OpenRead(file);
            if (OdmReader.SourceSystemOf(peek) is var source && source != OdmLayout.SourceSystem)
            {
                error.WriteLine($"{file} was not exported by TrialMonitor (ODM/@SourceSystem is '{source}'): give the mapping of its source with --mapping\n{Usage}");
                return ProcessCommand.BadArguments;
            }
            mapping = OdmLayoutMapping.Mapping;
        }
        await using var report = reportPath is null ? null : new StreamWriter(reportPath);
        report?.WriteLine(OdmImportRow.CsvHeader);
        var import = OdmImport.For(services);
        await using var stream = File.OpenRead(file);
        var summary = await import.RunAsync(stream, mapping,
            new OdmImportRequest(trial.Value, Path.GetFileName(file), user, EventMetadata.Sources.System, WriteScope.AllSites, dryRun),
            row =>
            {
                report?.WriteLine(row.ToCsv());
                if (report is null) output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"line {row.Line}: {row.Path} {row.Field} '{row.Value}': {row.Reason}"));
            },
            progress => error.WriteLine(progress), cancellation);
        output.WriteLine(summary);
        return summary.RefusedRows == 0 ? 0 : 1;
    }
}
