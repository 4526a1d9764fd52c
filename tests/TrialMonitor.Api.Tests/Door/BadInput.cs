using System.Text.Json.Nodes;

namespace TrialMonitor.Api.Tests.Door;

/// <summary>Whose record a bad input is aimed at.</summary>
public enum Target
{
    /// <summary>A patient diagnosed 1997-06-01, enrolled 2000-03-01, with an entry "EXISTING".</summary>
    Patient,

    /// <summary>The same, who died on 2001-01-01.</summary>
    DeadPatient,
}

/// <summary>
/// One input no clinic could have sent: a valid mutation (<see cref="BadInputCorpus"/>'s template for
/// <paramref name="Mutation"/>) spoiled in one place, and the field the refusal must name. When
/// <paramref name="Shown"/> is given, the message must show it (the value or the limit as sent).
/// </summary>
public sealed record BadInput(string Name, string Mutation, string Field, Action<JsonObject> Spoil, Target Target = Target.Patient,
    string? Shown = null, string Code = "BAD_USER_INPUT")
{
    public override string ToString() => Name;
}
