using System.Collections;
using System.Globalization;
using GraphQL;
using GraphQL.Types;
using TrialMonitor.Api.GraphQL.Schema.Common;
using TrialMonitor.Clinical.Cohort;
using TrialMonitor.Clinical.Cytogenetics;

namespace TrialMonitor.Api.GraphQL.Schema.Cohort;

public sealed class PatientDifferencesType : RecordGraphType<PatientDifferences>
{
    public PatientDifferencesType() => Description = "A patient on whom the criteria sets disagree, with every field they disagree on.";
}

public sealed class FieldDifferenceType : RecordGraphType<FieldDifference>
{
    public FieldDifferenceType() : base(d => d.Values)
    {
        Description = "A field on which the criteria sets disagree, each set's value in the order the sets were asked for: "
                      + "cytogenetic.<date> (a karyotype's category; cytogenetic.<date>.fish for FISH), protocolStatus (the indications), "
                      + "protocolStatus.indicatedOn, table2.row, table3.improvedCategory, table3.byFish, table3.start, table3.end, table3.censored.";
        // One value per set asked for, each set at most once: the complexity analysis need not price it as a list of unknown length.
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CriteriaSetValueType>>>>("values")
            .Resolve(ctx => ctx.Source.Values)
            .WithComplexityImpact(1, CytogeneticCriteria.Names.Count);
    }
}

/// <summary>One set's value, as the schema spells it elsewhere (enum values in UPPER_SNAKE, ISO dates).</summary>
public sealed class CriteriaSetValueType : RecordGraphType<CriteriaSetValue>
{
    public CriteriaSetValueType() : base(v => v.Value)
    {
        Description = "One criteria set's value of a field.";
        Field<StringGraphType>("value")
            .Description("E.g. PARTIAL, CYTOGENETIC_RESISTANCE_35_TO_90, 2001-03-05, true; several indications comma-separated. "
                         + "Null where the set concludes nothing: a result it cannot evaluate, no indication, no row, no Table 3 line.")
            .Resolve(ctx => Display(ctx.Source.Value));
    }

    private static string? Display(object? value) => value switch
    {
        null => null,
        Enum e => e.ToString().ToConstantCase(),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IEnumerable items => string.Join(", ", items.Cast<object>().Select(Display)),
        _ => throw new ArgumentException($"no display for a compared value of type {value.GetType().Name}", nameof(value)),
    };
}
