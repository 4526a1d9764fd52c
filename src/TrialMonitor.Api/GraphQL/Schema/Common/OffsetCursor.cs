using System.Globalization;
using System.Text;

namespace TrialMonitor.Api.GraphQL.Schema.Common;

/// <summary>
/// Opaque cursors of the paged lists: an offset into a totally ordered list, tagged with the list's
/// name so that a cursor of one list is refused by another.
/// </summary>
public static class OffsetCursor
{
    public static string Of(string list, int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{list}:{offset.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>The offset of the item the cursor names; BAD_USER_INPUT naming "after" otherwise.</summary>
    public static int Parse(string list, string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            var prefix = list + ":";
            if (text.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
                return offset;
        }
        catch (FormatException)
        {
        }
        throw InputErrors.Field("after", "is not a cursor of this list");
    }
}
