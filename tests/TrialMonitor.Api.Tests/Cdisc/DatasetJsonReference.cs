using System.Text.Json;
using Json.Schema;

namespace TrialMonitor.Api.Tests.Cdisc;

/// <summary>
/// CDISC's own Dataset-JSON v1.1 schema and examples (../shared/testdata/cdisc/dataset-json, see the README
/// there), found in the nearest <c>shared/testdata</c> above the repository, and a dataset as the tests read it.
/// </summary>
public static class DatasetJsonReference
{
    // Built with its own $id as base URI: JsonSchema.Net 8 otherwise registers the document twice and refuses.
    private static readonly Lazy<JsonSchema> LazySchema = new(() =>
    {
        var text = File.ReadAllText(PathOf("dataset.schema.json"));
        var id = JsonDocument.Parse(text).RootElement.GetProperty("$id").GetString()!;
        return JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri(id));
    });

    public static JsonSchema Schema => LazySchema.Value;

    /// <summary>An official example, e.g. "dm.json".</summary>
    public static JsonDocument Example(string fileName) => JsonDocument.Parse(File.ReadAllText(PathOf(fileName)));

    /// <summary>The schema's verdict with every error, for an assertion message that says what failed.</summary>
    public static (bool Valid, string Errors) Validate(JsonElement dataset)
    {
        var result = Schema.Evaluate(dataset, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"));
        return (result.IsValid, string.Join("\n", errors));
    }

    private static string PathOf(string fileName)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TrialMonitor.sln"))) directory = directory.Parent;
        for (var above = directory?.Parent; above is not null; above = above.Parent)
        {
            var path = Path.Combine(above.FullName, "shared", "testdata", "cdisc", "dataset-json", fileName);
            if (File.Exists(path)) return path;
        }
        throw new InvalidOperationException($"No shared/testdata/cdisc/dataset-json/{fileName} above the repository of {AppContext.BaseDirectory}.");
    }
}
