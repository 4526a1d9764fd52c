using System.Text;
using System.Text.Json.Nodes;
using TrialMonitor.Api.Tests.Audit;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Odm;

/// <summary>
/// Every field of a GraphQL type down to its scalars, from the schema itself (introspection), leaving out what names
/// a trial's or a patient's identity rather than its data (ids, cursors, recording times, the trial's code), so two
/// trials holding the same data answer the same.
/// </summary>
internal static class GraphQLSelection
{
    private static readonly HashSet<string> IdentityFields =
        ["id", "trialId", "patientId", "eventId", "cursor", "sequence", "recordedAt", "at", "lastRecordedAt", "version", "streamVersion", "studyCode", "trial"];

    private static readonly HashSet<string> IdentityTypes = ["Patient", "Trial"];

    private const string Introspection = """
        { __schema { types { name fields { name args { name } type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }
        """;

    public static async Task<string> Of(AppFixture app, string typeName)
    {
        var types = (await app.GraphQL(Introspection)).Data()["__schema"]!["types"]!.AsArray()
            .ToDictionary(t => (string)t!["name"]!, t => t!["fields"] as JsonArray);
        var selection = new StringBuilder();
        Write(types, typeName, selection);
        return selection.ToString();
    }

    private static void Write(Dictionary<string, JsonArray?> types, string typeName, StringBuilder selection)
    {
        selection.Append("{ ");
        foreach (var field in types[typeName]!.Select(f => f!))
        {
            var name = (string)field["name"]!;
            if (IdentityFields.Contains(name) || field["args"]!.AsArray().Count > 0) continue;
            var type = field["type"]!;
            while (type["ofType"] is { } inner && type["name"] is null) type = inner;
            var named = (string)type["name"]!;
            if ((string)type["kind"]! is "SCALAR" or "ENUM") selection.Append(name).Append(' ');
            else if (!IdentityTypes.Contains(named))
            {
                selection.Append(name).Append(' ');
                Write(types, named, selection);
            }
        }
        selection.Append("} ");
    }
}
