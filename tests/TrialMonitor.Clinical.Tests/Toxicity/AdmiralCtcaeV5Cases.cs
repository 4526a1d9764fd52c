using System.Text.Json;
using TrialMonitor.Clinical.Toxicity;

namespace TrialMonitor.Clinical.Tests.Toxicity;

/// <summary>The 212 cases of admiral's own CTCAE v5 tests (tests/testdata/ctcae_v5_admiral.json).</summary>
public sealed class AdmiralCtcaeV5Cases
{
    private sealed record Case(string? Term, decimal? Value, decimal? Lln, string? Unit, int? ExpectedGrade, string Note);

    private static readonly Lazy<IReadOnlyList<Case>> Cases = new(Load);

    public static TheoryData<int, string> AllCases()
    {
        var data = new TheoryData<int, string>();
        for (var i = 0; i < Cases.Value.Count; i++)
        {
            var c = Cases.Value[i];
            data.Add(i, $"{c.Term ?? "(no term)"} {c.Value?.ToString() ?? "(no value)"} {c.Unit ?? "(no unit)"} LLN {c.Lln?.ToString() ?? "-"} => {c.ExpectedGrade?.ToString() ?? "no grade"}");
        }

        return data;
    }

    [Fact]
    public void The_file_holds_all_212_cases() => Assert.Equal(212, Cases.Value.Count);

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Grades_as_admiral_does(int index, string description)
    {
        var c = Cases.Value[index];

        var grade = CtcaeV5Grading.Grade(c.Term, c.Value, c.Lln, c.Unit);

        Assert.True(c.ExpectedGrade == grade, $"{description}: got {grade?.ToString() ?? "no grade"} ({c.Note})");
    }

    private static IReadOnlyList<Case> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(ExternalTestData.PathOf("ctcae_v5_admiral.json")));
        return [.. document.RootElement.GetProperty("cases").EnumerateArray().Select(e => new Case(
            StringOrNull(e.GetProperty("term")),
            DecimalOrNull(e.GetProperty("value")),
            DecimalOrNull(e.GetProperty("lln")),
            StringOrNull(e.GetProperty("unit")),
            StringOrNull(e.GetProperty("expected_grade")) is { } g ? int.Parse(g, System.Globalization.CultureInfo.InvariantCulture) : null,
            e.GetProperty("note").GetString() ?? ""))];
    }

    private static string? StringOrNull(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetString();

    private static decimal? DecimalOrNull(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDecimal();
}
