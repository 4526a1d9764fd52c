using GraphQL;
using TrialMonitor.Api.Door;

namespace TrialMonitor.Api.GraphQL.Schema.Cohort;

/// <summary>
/// The criteria sets a reader asks the cohort views for, by the exact names a trial is registered
/// with; an unknown name is refused as bad input naming the argument, the value and the known sets.
/// </summary>
public static class CriteriaSetArguments
{
    public const string CriteriaSet = "criteriaSet";
    public const string CriteriaSets = "criteriaSets";

    public const string CriteriaSetDescription = "Evaluate the same events under this criteria set (e.g. \"ELN-2013\") instead of the trial's own.";

    /// <summary>The requested set, or null for the trial's own.</summary>
    public static string? CriteriaSetArgument(this IResolveFieldContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var value = context.GetArgument<string?>(CriteriaSet);
        if (value is not null) new FieldChecks().CriteriaSet(value, CriteriaSet).ThrowIfAny();
        return value;
    }

    /// <summary>At least two different known sets, each once, in the order given.</summary>
    public static IReadOnlyList<string> CriteriaSetsArgument(this IResolveFieldContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var values = context.GetArgument<List<string>>(CriteriaSets);
        var checks = new FieldChecks();
        for (var i = 0; i < values.Count; i++) checks.CriteriaSet(values[i], $"{CriteriaSets}[{i}]");
        checks
            .Require(values.Count >= 2, CriteriaSets, $"at least two criteria sets are needed to compare (got {values.Count})")
            .Require(values.Distinct(StringComparer.Ordinal).Count() == values.Count, CriteriaSets,
                $"each criteria set at most once (got {string.Join(", ", values)})")
            .ThrowIfAny();
        return values;
    }
}
