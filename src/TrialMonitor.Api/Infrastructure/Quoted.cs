using System.Globalization;
using System.Text;

namespace TrialMonitor.Api.Infrastructure;

/// <summary>
/// A value a client or an operator sent, as a refusal shows it: in quotes, control characters as \u escapes (so the
/// refusal stays one line and a NUL cannot cut it short), a long value cut with its length named.
/// </summary>
public static class Quoted
{
    private const int ShownCharacters = 80;

    public static string Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var quoted = new StringBuilder("'");
        foreach (var c in value.AsSpan(0, Math.Min(value.Length, ShownCharacters)))
        {
            if (char.IsControl(c)) quoted.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            else quoted.Append(c);
        }
        if (value.Length > ShownCharacters) quoted.Append(CultureInfo.InvariantCulture, $"…' ({value.Length} characters)");
        else quoted.Append('\'');
        return quoted.ToString();
    }
}
