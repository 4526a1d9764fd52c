namespace TrialMonitor.Api.Door;

/// <summary>One refused input field: its path as the client sent it and why it was refused.</summary>
public sealed record FieldError(string Field, string Reason)
{
    public override string ToString() => $"{Field}: {Reason}";
}

/// <summary>Thrown by a handler's validation before any event is returned, so nothing is appended.</summary>
public sealed class InvalidInputException(IReadOnlyList<FieldError> errors)
    : Exception("Invalid input: " + string.Join("; ", errors))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;

    public static void ThrowIfAny(IReadOnlyList<FieldError> errors)
    {
        if (errors.Count > 0) throw new InvalidInputException(errors);
    }
}
