using System.Globalization;
using System.Text.RegularExpressions;
using TrialMonitor.Api.Infrastructure;

namespace TrialMonitor.Api.Cdisc;

/// <summary>
/// The as-of time of an export (<c>?asOf=</c>, <c>--as-of</c>): an ISO 8601 date or date-time, UTC unless it states an
/// offset, not later than now. Only ISO 8601: "03/04/2026" would be read as March 4 where a clinic may mean April 3.
/// Not in the future: an export "as of" a time to come would change with what is recorded until then.
/// </summary>
public static partial class AsOfTime
{
    public const string Example = "2026-11-29T12:00:00Z";

    /// <returns>Null when <paramref name="text"/> is such a time, else the problem, naming the argument as <paramref name="name"/>.</returns>
    public static string? Problem(string text, string name, DateTimeOffset now, out DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(text);
        at = default;
        if (!Iso8601().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at))
        {
            // A '+' in a URL's query string reads as a space.
            var plus = text.Contains(' ', StringComparison.Ordinal) ? " (write a '+' in a URL as %2B)" : "";
            return $"{name} {Quoted.Of(text)} is not an ISO 8601 date-time such as {Example}{plus}";
        }
        return at > now
            ? $"{name} {Quoted.Of(text)} is later than now ({now.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}): an export as of a time to come could still change"
            : null;
    }

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,7})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso8601();
}
