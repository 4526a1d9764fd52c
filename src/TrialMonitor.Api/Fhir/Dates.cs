using System.Globalization;
using Hl7.Fhir.Model;
using TrialMonitor.Api.Door;

namespace TrialMonitor.Api.Fhir;

/// <summary>
/// The clinical date of a result: the day its specimen was collected, as the lab wrote it (effectiveDateTime, the
/// start of effectivePeriod, effectiveInstant), in the lab's own time zone.
/// </summary>
public static class Dates
{
    /// <returns>The date (null when none is given: a DiagnosticReport may give it) and the element it was read from.</returns>
    public static (DateOnly? Date, string Element) Collection(FieldChecks checks, DataType? effective, string path)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var (text, element) = effective switch
        {
            FhirDateTime dateTime => (dateTime.Value, "effectiveDateTime"),
            Period period => (period.Start, "effectivePeriod.start"),
            Instant instant => (instant.Value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "effectiveInstant"),
            null => (null, "effective[x]"),
            _ => (null, $"effective{effective.TypeName}"),
        };
        if (text is null)
        {
            if (effective is not null) checks.Fail(element, "must be a dateTime, a Period with a start or an instant: the day the specimen was collected");
            return (null, $"{path}.{element}");
        }
        if (text.Length < 10 || !DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            checks.Fail(element, $"must give the day the specimen was collected (got '{text}')");
            return (null, $"{path}.{element}");
        }
        return (date, $"{path}.{element}");
    }
}
