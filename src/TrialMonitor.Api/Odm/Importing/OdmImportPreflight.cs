using System.Text.Json;
using Marten;
using TrialMonitor.Api.Odm.Layout;
using TrialMonitor.Api.Odm.Mapping;
using TrialMonitor.Api.Odm.Reading;
using TrialMonitor.Api.Trials;

namespace TrialMonitor.Api.Odm.Importing;

/// <summary>Why an import was refused before anything was read into the trial; the upload answers 404 or 400, ./ops/import-odm exits 2.</summary>
public sealed record OdmImportRefusal(bool UnknownTrial, string Message);

/// <summary>
/// What the upload and ./ops/import-odm check before importing, in one place: the trial exists, the whole file is
/// well-formed ODM 1.3 without a DTD (<see cref="OdmFileCheck"/>), and the mapping parses and names only kinds and
/// fields that exist (<see cref="OdmMappingCheck"/>) — or, without one, the file is TrialMonitor's own export. The import
/// streams and commits subject by subject, so a file refused half-way would leave half of it appended.
/// </summary>
public static class OdmImportPreflight
{
    /// <param name="openMapping">The mapping's JSON, or null for TrialMonitor's own export.</param>
    public static async Task<(OdmMapping? Mapping, OdmImportRefusal? Refusal)> CheckAsync(
        IDocumentStore store, Guid trialId, Func<Stream> openFile, Func<Stream>? openMapping, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(openFile);
        await using (var session = store.QuerySession())
        {
            if (await session.LoadAsync<Trial>(trialId, cancellation) is null)
                return (null, new OdmImportRefusal(true, $"no trial {trialId}: register it first (registerTrial)"));
        }
        await using (var file = openFile())
        {
            if (OdmFileCheck.ProblemOf(file) is { } problem) return (null, new OdmImportRefusal(false, $"file: {problem}"));
        }
        if (openMapping is null)
        {
            await using var file = openFile();
            return OdmReader.SourceSystemOf(file) is var source && source != OdmLayout.SourceSystem
                ? (null, new OdmImportRefusal(false,
                    $"mapping: the file was not exported by TrialMonitor (ODM/@SourceSystem is '{source}'): give the mapping of its source"))
                : (OdmLayoutMapping.Mapping, null);
        }
        OdmMapping? mapping;
        try
        {
            await using var json = openMapping();
            mapping = await JsonSerializer.DeserializeAsync<OdmMapping>(json, OdmMapping.Json, cancellation);
        }
        catch (JsonException e)
        {
            return (null, new OdmImportRefusal(false, $"mapping: {e.Message}"));
        }
        if (mapping is null) return (null, new OdmImportRefusal(false, "mapping: empty (null)"));
        return OdmMappingCheck.Problems(mapping) is { Count: > 0 } problems
            ? (null, new OdmImportRefusal(false, $"mapping: {string.Join("; ", problems)}"))
            : (mapping, null);
    }
}
