namespace TrialMonitor.Api.Validation;

/// <summary>Collects field errors with the checks every clinical entry shares.</summary>
public sealed class FieldChecks
{
    private readonly List<FieldError> errors = [];

    public IReadOnlyList<FieldError> Errors => errors;

    public FieldChecks Fail(string field, string reason)
    {
        errors.Add(new FieldError(field, reason));
        return this;
    }

    public FieldChecks Require(bool condition, string field, string reason) =>
        condition ? this : Fail(field, reason);

    public FieldChecks NotBlank(string? value, string field) =>
        Require(!string.IsNullOrWhiteSpace(value), field, "is required and must not be blank");

    public FieldChecks NotNegative(decimal? value, string field) =>
        Require(value is null or >= 0, field, $"must not be negative (got {value})");

    public FieldChecks Percentage(decimal? value, string field) =>
        Require(value is null or (>= 0 and <= 100), field, $"must be between 0 and 100 % (got {value})");

    public FieldChecks Between(int value, int min, int max, string field) =>
        Require(value >= min && value <= max, field, $"must be between {min} and {max} (got {value})");

    public FieldChecks NotBefore(DateOnly value, DateOnly earliest, string field, string what) =>
        Require(value >= earliest, field, $"{value:yyyy-MM-dd} is before {what} ({earliest:yyyy-MM-dd})");

    public void ThrowIfAny() => InvalidInputException.ThrowIfAny(errors);
}
