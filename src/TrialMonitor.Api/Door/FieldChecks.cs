using System.Globalization;
using TrialMonitor.Clinical.Cytogenetics;

namespace TrialMonitor.Api.Door;

/// <summary>
/// Collects field errors with the checks every input shares. Each refusal names the field (as the
/// client sent it), the value and the limit with its unit. <see cref="Under"/> gives checks of a
/// nested input that add to the same errors with the field names prefixed.
/// </summary>
public sealed class FieldChecks
{
    private static readonly System.Buffers.SearchValues<char> ControlCharacters =
        System.Buffers.SearchValues.Create([.. Enumerable.Range(0, 0xA0).Select(c => (char)c).Where(char.IsControl)]);

    private readonly List<FieldError> errors;
    private readonly string prefix;

    public FieldChecks() : this([], "")
    {
    }

    private FieldChecks(List<FieldError> errors, string prefix)
    {
        this.errors = errors;
        this.prefix = prefix;
    }

    public IReadOnlyList<FieldError> Errors => errors;

    /// <summary>Checks of the input at <paramref name="path"/>: "count" then "wbc" names "count.wbc".</summary>
    public FieldChecks Under(string path) => new(errors, Path(path));

    public FieldChecks Fail(string field, string reason)
    {
        errors.Add(new FieldError(Path(field), reason));
        return this;
    }

    public FieldChecks Require(bool condition, string field, string reason) =>
        condition ? this : Fail(field, reason);

    public FieldChecks NotBlank(string? value, string field) =>
        Require(!string.IsNullOrWhiteSpace(value), field, "is required and must not be blank");

    /// <summary>Free text a person typed (a term, a schedule, a reason): not blank, at most <paramref name="maxLength"/> characters.</summary>
    public FieldChecks Text(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) return Fail(field, "is required and must not be blank");
        return Require(value.Length <= maxLength, field, $"must be at most {maxLength} characters (got {value.Length})");
    }

    /// <summary>A key that identifies a record: 1 to <paramref name="maxLength"/> printable characters, not blank.</summary>
    public FieldChecks Key(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) return Fail(field, "is required and must not be blank");
        if (value.Length > maxLength) return Fail(field, $"must be at most {maxLength} characters (got {value.Length})");
        var at = value.AsSpan().IndexOfAny(ControlCharacters);
        return Require(at < 0, field, $"must be printable characters only (got U+{(at < 0 ? 0 : (int)value[at]):X4} at position {at + 1})");
    }

    /// <summary>A measured value within what a clinic could have measured, the unit in the message.</summary>
    public FieldChecks Between(decimal? value, decimal min, decimal max, string field, string unit) =>
        Require(value is null || (value >= min && value <= max), field,
            $"must be between {Show(min)} and {Show(max)}{Unit(unit)} (got {Show(value)}{Unit(unit)})");

    public FieldChecks Between(int value, int min, int max, string field, string unit = "") =>
        Require(value >= min && value <= max, field, $"must be between {min} and {max}{Unit(unit)} (got {value}{Unit(unit)})");

    public FieldChecks AtLeast(decimal? value, decimal min, string field, string unit) =>
        Require(value is null || value >= min, field, $"must be at least {Show(min)}{Unit(unit)} (got {Show(value)}{Unit(unit)})");

    public FieldChecks NotBefore(DateOnly value, DateOnly earliest, string field, string what) =>
        Require(value >= earliest, field, $"{value:yyyy-MM-dd} is before {what} ({earliest:yyyy-MM-dd})");

    public FieldChecks NotAfter(DateOnly value, DateOnly latest, string field, string what) =>
        Require(value <= latest, field, $"{value:yyyy-MM-dd} is after {what} ({latest:yyyy-MM-dd})");

    /// <summary>A criteria set by the exact name a trial is registered with, e.g. "ELN-2013".</summary>
    public FieldChecks CriteriaSet(string? value, string field) =>
        Require(value is not null && CytogeneticCriteria.Names.Contains(value), field,
            $"'{value}' is not one of {string.Join(", ", CytogeneticCriteria.Names)}");

    public void ThrowIfAny() => InvalidInputException.ThrowIfAny(errors);

    private string Path(string field) =>
        prefix.Length == 0 ? field : field.Length == 0 ? prefix : $"{prefix}.{field}";

    private static string Unit(string unit) => unit.Length == 0 ? "" : unit.StartsWith('%') ? " %" : " " + unit;

    private static string Show(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "nothing";
}
