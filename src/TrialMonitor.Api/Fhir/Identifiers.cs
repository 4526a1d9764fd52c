using Hl7.Fhir.Model;

namespace TrialMonitor.Api.Fhir;

/// <summary>A business identifier as a key (system|value): the first identifier with a value.</summary>
public static class Identifiers
{
    public static string? Key(IEnumerable<Identifier> identifiers) =>
        identifiers.FirstOrDefault(i => !string.IsNullOrWhiteSpace(i.Value)) is { } identifier ? $"{identifier.System}|{identifier.Value}" : null;

    public static string? Key(Identifier? identifier) => identifier is { Value: { Length: > 0 } value } ? $"{identifier.System}|{value}" : null;
}
