using GraphQL.Types.Relay.DataObjects;
using TrialMonitor.Api.GraphQL.Schema.Common;
using TrialMonitor.Clinical.Cohort;

namespace TrialMonitor.Api.GraphQL.Schema.Cohort;

/// <summary>
/// A page of Table 3 in the paper's order, cut from the cohort report (which is cached per trial,
/// so paging through a 10 000-patient trial does not recompute it per page).
/// </summary>
public static class Table3Pages
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 500;
    private const string List = "table3";

    public static Connection<Table3Line> Page(IReadOnlyList<Table3Line> table3, int? first, string? after)
    {
        ArgumentNullException.ThrowIfNull(table3);
        var size = first ?? DefaultPageSize;
        if (size is < 0 or > MaxPageSize) throw InputErrors.Field("first", $"must be between 0 and {MaxPageSize} (got {size})");
        var offset = after is null ? 0 : OffsetCursor.Parse(List, after) + 1;

        var edges = table3.Skip(offset).Take(size)
            .Select((line, i) => new Edge<Table3Line> { Cursor = OffsetCursor.Of(List, offset + i), Node = line })
            .ToList();
        return new Connection<Table3Line>
        {
            TotalCount = table3.Count,
            Edges = edges,
            PageInfo = new PageInfo
            {
                StartCursor = edges.FirstOrDefault()?.Cursor,
                EndCursor = edges.LastOrDefault()?.Cursor,
                HasPreviousPage = offset > 0,
                HasNextPage = offset + edges.Count < table3.Count,
            },
        };
    }
}
