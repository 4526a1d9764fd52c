using TrialMonitor.Api.Tests.GraphQL.SchemaTests;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Patients.Entries;

/// <summary>The units the kinds declare reach a client through GraphQL, as the patient page reads them to label its charts.</summary>
public sealed class EntryKindsQueryTests(AppFixture app) : IntegrationTest(app)
{
    private GraphQLOperations Graph { get; } = new(app);

    [Fact]
    public async Task Each_kind_lists_the_units_of_its_measured_fields()
    {
        var response = await Graph.ExecuteAsync("{ entryKinds { chartField units { field unit } } }");

        var kinds = MutationTests.Data(response)["entryKinds"]!.AsArray()
            .ToDictionary(k => (string)k!["chartField"]!, k => k!["units"]!.AsArray().ToDictionary(u => (string)u!["field"]!, u => (string)u!["unit"]!));
        Assert.Equal(("10^9/L", "g/dL", "10^9/L"), (kinds["bloodCounts"]["wbc"], kinds["bloodCounts"]["hemoglobin"], kinds["bloodCounts"]["lowerLimits.platelets"]));
        Assert.Equal("mg", kinds["doses"]["dailyDoseMg"]);
        Assert.Equal(new Dictionary<string, string> { ["bcrAbl1PercentIs"] = "%", ["abl1ControlCopies"] = "copies" }, kinds["molecular"]);
        Assert.Empty(kinds["followUpContacts"]);
    }
}
