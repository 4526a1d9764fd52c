using Marten;
using TrialMonitor.Api.Cdisc.DatasetJson;

namespace TrialMonitor.Api.Cdisc;

/// <summary>
/// Writes datasets of a trial: each patient is read, mapped and written before the next is read.
/// Dataset-JSON and NDJSON go through a <see cref="RowSpool"/> (the record count comes first in the
/// file); CSV is written as the rows come.
/// </summary>
public static class CdiscExport
{
    public static async Task WriteAsync(IQuerySession session, CdiscSource source, CdiscDataset dataset, CdiscFormat format,
        Stream body, DateTimeOffset createdAt, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(body);
        if (format == CdiscFormat.Csv)
        {
            var csv = await CsvRows.StartAsync(dataset.Header(source.Study.StudyId, createdAt), body, cancellation);
            await using (csv.ConfigureAwait(false))
            {
                await foreach (var subject in source.SubjectsAsync(session, cancellation))
                {
                    foreach (var row in dataset.RowsOf(subject)) await csv.AddAsync(row, cancellation);
                    // Flushed per patient, so the client receives rows while the next patient is read.
                    await csv.FlushAsync(cancellation);
                }
            }
            return;
        }

        var spools = await SpoolAsync(session, source, [dataset], createdAt, cancellation: cancellation);
        await using var spool = spools[0];
        if (format == CdiscFormat.Json) await DatasetJsonFormats.WriteJsonAsync(spool, body, cancellation);
        else await DatasetJsonFormats.WriteNdjsonAsync(spool, body, cancellation);
    }

    /// <summary>One pass over the patients, every given dataset's rows spooled; the headers carry the last recording time read.</summary>
    public static async Task<IReadOnlyList<RowSpool>> SpoolAsync(IQuerySession session, CdiscSource source,
        IReadOnlyList<CdiscDataset> datasets, DateTimeOffset createdAt, Func<CdiscDataset, object?[], Task>? alsoEachRow = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(datasets);
        var spools = datasets.Select(d => new RowSpool(d.Header(source.Study.StudyId, createdAt))).ToList();
        try
        {
            await foreach (var subject in source.SubjectsAsync(session, cancellation))
            {
                for (var i = 0; i < datasets.Count; i++)
                {
                    foreach (var row in datasets[i].RowsOf(subject))
                    {
                        await spools[i].AddAsync(row, cancellation);
                        if (alsoEachRow is not null) await alsoEachRow(datasets[i], row);
                    }
                }
            }
            foreach (var spool in spools) spool.LastRecordedAt = source.LastRecordedAt;
            return spools;
        }
        catch
        {
            foreach (var spool in spools) await spool.DisposeAsync();
            throw;
        }
    }
}
