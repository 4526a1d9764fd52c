using System.Globalization;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Audit.Replay;

/// <summary>A derived value an event changed, as an auditor reads it: before → after.</summary>
public sealed record DerivedChange(string Field, string? Before, string? After);

/// <summary>
/// What the rules concluded about a patient, as the short displays an auditor compares from one
/// event to the next (the full assessment is on the replayed chart).
/// </summary>
public sealed record DerivedState(
    string? CytogeneticResponse,
    string? HematologicResponse,
    string ProtocolStatus,
    string? Table2Row,
    string? Improvement,
    string? DailyDose,
    string? BestHematologicAfterEscalation,
    string? LabToxicity,
    string? Discrepancies)
{
    public static DerivedState Of(PatientAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return new(
            assessment.LatestCytogenetic is { } cg
                ? $"{cg.Category}{(cg.ByFish ? "*" : "")} ({Number(cg.PhPositivePercent)}% Ph+ on {Date(cg.AssessedOn)})"
                : null,
            assessment.LatestHematologic?.ToString(),
            assessment.ProtocolStatus.EscalationIndicated
                ? $"escalation indicated: {string.Join(", ", assessment.ProtocolStatus.Indications)}"
                  + (assessment.ProtocolStatus.IndicatedOn is { } on ? $" (on {Date(on)})" : "")
                : "no escalation indicated",
            assessment.Table2Row?.ToString(),
            assessment.Improvement?.Display,
            assessment.CurrentDailyDoseMg is { } mg ? $"{mg} mg" : null,
            assessment.BestHematologicAfterEscalation?.ToString(),
            Joined(assessment.LabToxicityGrades.Select(g => $"{g.Term} grade {g.Grade} ({Date(g.CollectedOn)})")),
            Joined(assessment.Discrepancies.Select(d => $"{d.Kind} on {Date(d.AssessedOn)}: reported {d.Reported}, derived {d.Derived}")));
    }

    /// <summary>The fields in the order an auditor reads them, with their display names.</summary>
    public IEnumerable<(string Field, string? Value)> Fields()
    {
        yield return ("cytogeneticResponse", CytogeneticResponse);
        yield return ("hematologicResponse", HematologicResponse);
        yield return ("protocolStatus", ProtocolStatus);
        yield return ("table2Row", Table2Row);
        yield return ("improvement", Improvement);
        yield return ("dailyDose", DailyDose);
        yield return ("bestHematologicAfterEscalation", BestHematologicAfterEscalation);
        yield return ("labToxicity", LabToxicity);
        yield return ("discrepancies", Discrepancies);
    }

    /// <summary>The fields that differ; before an enrolment every field counts as absent.</summary>
    public static IReadOnlyList<DerivedChange> Changes(DerivedState? before, DerivedState? after)
    {
        var was = before?.Fields().ToDictionary(f => f.Field, f => f.Value) ?? [];
        var now = after?.Fields().ToDictionary(f => f.Field, f => f.Value) ?? [];
        var names = (before ?? after)?.Fields().Select(f => f.Field) ?? [];
        return [.. names
            .Select(name => new DerivedChange(name, was.GetValueOrDefault(name), now.GetValueOrDefault(name)))
            .Where(c => !string.Equals(c.Before, c.After, StringComparison.Ordinal))];
    }

    private static string? Joined(IEnumerable<string> parts)
    {
        var text = string.Join("; ", parts);
        return text.Length == 0 ? null : text;
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
