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
    private static readonly OffsetPaging Paging = new("table3", DefaultPageSize, MaxPageSize);

    public static Connection<Table3Line> Page(IReadOnlyList<Table3Line> table3, int? first, string? after)
    {
        ArgumentNullException.ThrowIfNull(table3);
        var (size, offset) = Paging.Window(first, after);
        return Paging.Connection([.. table3.Skip(offset).Take(size)], offset, table3.Count);
    }
}
