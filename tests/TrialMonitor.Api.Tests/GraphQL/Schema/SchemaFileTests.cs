using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.GraphQL.SchemaTests;

/// <summary>
/// schema.graphql at the repository root is the contract clients read; this test fails when the code
/// schema drifts from it. After an intended change, regenerate the file and review its diff:
///   UPDATE_SCHEMA=1 dotnet test tests/TrialMonitor.Api.Tests --filter "FullyQualifiedName~SchemaFileTests"
/// </summary>
[Collection(SharedHost.Name)]
public sealed class SchemaFileTests(AppFixture app)
{
    [Fact]
    public async Task The_code_schema_matches_schema_graphql()
    {
        var printed = app.Host.Services.GetRequiredService<ISchema>().Print().ReplaceLineEndings("\n").TrimEnd() + "\n";
        var file = Path.Combine(RepositoryRoot(), "schema.graphql");

        var checkedIn = File.Exists(file) ? (await File.ReadAllTextAsync(file)).ReplaceLineEndings("\n") : null;
        if (Environment.GetEnvironmentVariable("UPDATE_SCHEMA") == "1" && checkedIn != printed)
        {
            // Rewriting is not passing: the run that rewrote the file fails so the diff is reviewed before it is committed.
            await File.WriteAllTextAsync(file, printed);
            Assert.Fail($"{file} was rewritten from the code schema: review its diff, then run the test again without UPDATE_SCHEMA.");
        }

        Assert.True(checkedIn is not null, $"{file} is missing: run the test with UPDATE_SCHEMA=1 to write it");
        Assert.True(checkedIn == printed,
            "The schema in code differs from schema.graphql. If the change is intended, regenerate the file with "
            + "UPDATE_SCHEMA=1 dotnet test tests/TrialMonitor.Api.Tests --filter \"FullyQualifiedName~SchemaFileTests\" and review its diff.\n"
            + FirstDifference(checkedIn, printed));
    }

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "(end of file)";
            var a = i < actualLines.Length ? actualLines[i] : "(end of schema)";
            if (e != a) return $"First difference at line {i + 1}:\n  schema.graphql: {e}\n  code:           {a}";
        }
        return "";
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrialMonitor.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("TrialMonitor.sln not found above " + AppContext.BaseDirectory);
    }
}
