using System.Globalization;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Clinical.Course;
using TrialMonitor.Clinical.Molecular;

namespace TrialMonitor.Api.Audit.Replay;

/// <summary>A derived value an event changed, as an auditor reads it: before → after.</summary>
public sealed record DerivedChange(string Field, string? Before, string? After);

/// <summary>
/// What the rules concluded about a patient, as the short displays an auditor compares from one
/// event to the next (the full assessment is on the replayed chart). The molecular conclusions
/// are named as the schema names them (OPTIMAL, FAILURE, MR4_5).
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
    string? Discrepancies,
    string? MolecularLevels,
    string? Milestone3,
    string? Milestone6,
    string? Milestone12,
    string? MolecularStatus,
    string? MmrReachedOn,
    string? MmrLostOn,
    bool PcrOverdue)
{
    /// <summary>The level of each PCR result in force by its entry key, in the order they were recorded.</summary>
    internal IReadOnlyList<(string EntryKey, string Level)> Levels { get; init; } = [];

    public static DerivedState Of(PatientAssessment assessment, MolecularResponse molecular, IEnumerable<MolecularRecorded> results)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(molecular);
        ArgumentNullException.ThrowIfNull(results);
        var levels = results.Select(r => (r.EntryKey, Level(r.Molecular))).ToList();
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
            Joined(assessment.Discrepancies.Select(d => $"{d.Kind} on {Date(d.AssessedOn)}: reported {d.Reported}, derived {d.Derived}")),
            Joined(levels.Select(l => $"{l.EntryKey}: {l.Item2}")),
            Milestone(molecular, 3),
            Milestone(molecular, 6),
            Milestone(molecular, 12),
            molecular.CurrentStatus is { } status ? Name(status) : null,
            molecular.MmrReachedOn is { } reached ? Date(reached) : null,
            molecular.MmrLostOn is { } lost ? Date(lost) : null,
            molecular.PcrOverdue)
        {
            Levels = levels,
        };
    }

    /// <summary>The fields in the order an auditor reads them, with their display names.</summary>
    public IEnumerable<(string Field, string? Value)> Fields() => Sections().SelectMany(section => section);

    /// <summary>
    /// The fields that differ; before an enrolment every field counts as absent. A result's level is
    /// named by its entry key, so a result recorded or voided appears or disappears with it.
    /// </summary>
    public static IReadOnlyList<DerivedChange> Changes(DerivedState? before, DerivedState? after)
    {
        var was = before?.Fields().ToDictionary(f => f.Field, f => f.Value) ?? [];
        var now = after?.Fields().ToDictionary(f => f.Field, f => f.Value) ?? [];
        // Section by section, so the level of a result recorded since comes with the levels of the others.
        var sections = before is null ? after?.Sections() ?? []
            : after is null ? before.Sections()
            : before.Sections().Zip(after.Sections(), (b, a) => b.Concat(a));
        var names = sections.SelectMany(section => section.Select(f => f.Field).Distinct());
        return [.. names
            .Select(name => new DerivedChange(name, was.GetValueOrDefault(name), now.GetValueOrDefault(name)))
            .Where(c => !string.Equals(c.Before, c.After, StringComparison.Ordinal))];
    }

    /// <summary>The assessment's values, the level of each result, then the molecular conclusions.</summary>
    private IEnumerable<(string Field, string? Value)>[] Sections() =>
    [
        [
            ("cytogeneticResponse", CytogeneticResponse),
            ("hematologicResponse", HematologicResponse),
            ("protocolStatus", ProtocolStatus),
            ("table2Row", Table2Row),
            ("improvement", Improvement),
            ("dailyDose", DailyDose),
            ("bestHematologicAfterEscalation", BestHematologicAfterEscalation),
            ("labToxicity", LabToxicity),
            ("discrepancies", Discrepancies),
        ],
        Levels.Select(l => ($"level.{l.EntryKey}", (string?)l.Level)),
        [
            ("milestone.3", Milestone3),
            ("milestone.6", Milestone6),
            ("milestone.12", Milestone12),
            ("molecularStatus", MolecularStatus),
            ("mmrReachedOn", MmrReachedOn),
            ("mmrLostOn", MmrLostOn),
            ("pcrOverdue", PcrOverdue ? "true" : "false"),
        ],
    ];

    /// <summary>The milestone's verdict, e.g. OPTIMAL or NOT_ASSESSED.</summary>
    private static string Milestone(MolecularResponse molecular, int month) => Name(molecular.Milestone(month).Assessment);

    private static string Name(MilestoneAssessment assessment) => assessment switch
    {
        MilestoneAssessment.NotAssessed => "NOT_ASSESSED",
        _ => assessment.ToString().ToUpperInvariant(),
    };

    /// <summary>The level with the result it rests on, e.g. "MMR (0.09 %)".</summary>
    private static string Level(MolecularAssessment result) => Clinical.Molecular.MolecularLevels.Of(result) switch
    {
        MolecularLevel.Above10 => "ABOVE_10",
        MolecularLevel.Above1 => "ABOVE_1",
        MolecularLevel.Above0_1 => "ABOVE_0_1",
        MolecularLevel.NotEvaluable => "NOT_EVALUABLE",
        var level => level.ToString().ToUpperInvariant(),
    } + $" ({result.BcrAbl1PercentIs.ToString("0.##########", CultureInfo.InvariantCulture)} %)";

    private static string? Joined(IEnumerable<string> parts)
    {
        var text = string.Join("; ", parts);
        return text.Length == 0 ? null : text;
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
