namespace TrialMonitor.Api.Commands;

/// <summary>
/// An option a verb takes: <c>--name</c>, with a value named <paramref name="Value"/> (null for a flag); given at most once
/// unless <paramref name="Repeatable"/>; <paramref name="ValueOptional"/> when the value may be left off (<c>--link [BASE_URL]</c>).
/// </summary>
public sealed record VerbOption(string Name, string? Value = null, bool Repeatable = false, bool ValueOptional = false);
