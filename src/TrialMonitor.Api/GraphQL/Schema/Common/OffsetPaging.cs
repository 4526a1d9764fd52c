using System.Globalization;
using System.Text;
using GraphQL.Types.Relay.DataObjects;

namespace TrialMonitor.Api.GraphQL.Schema.Common;

/// <summary>
/// Forward paging of a totally ordered list (Relay connections). Cursors are opaque offsets tagged
/// with the list's name, so that a cursor of one list is refused by another.
/// </summary>
public sealed class OffsetPaging(string list, int defaultPageSize, int maxPageSize)
{
    /// <summary>The page asked for: how many items from which offset; BAD_USER_INPUT naming "first" or "after" otherwise.</summary>
    public (int Size, int Offset) Window(int? first, string? after)
    {
        var size = first ?? defaultPageSize;
        if (size < 0 || size > maxPageSize) throw InputErrors.Field("first", $"must be between 0 and {maxPageSize} (got {size})");
        return (size, after is null ? 0 : Parse(after) + 1);
    }

    /// <summary>The connection of one page that starts at <paramref name="offset"/> of <paramref name="total"/> items.</summary>
    public Connection<T> Connection<T>(IReadOnlyList<T> page, int offset, int total)
    {
        ArgumentNullException.ThrowIfNull(page);
        var edges = page.Select((node, i) => new Edge<T> { Cursor = Cursor(offset + i), Node = node }).ToList();
        return new Connection<T>
        {
            TotalCount = total,
            Edges = edges,
            PageInfo = new PageInfo
            {
                StartCursor = edges.FirstOrDefault()?.Cursor,
                EndCursor = edges.LastOrDefault()?.Cursor,
                HasPreviousPage = offset > 0,
                HasNextPage = offset + page.Count < total,
            },
        };
    }

    private string Cursor(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{list}:{offset.ToString(CultureInfo.InvariantCulture)}"));

    private int Parse(string cursor)
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
