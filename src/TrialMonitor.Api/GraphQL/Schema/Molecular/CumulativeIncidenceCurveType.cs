using GraphQL.Types;
using TrialMonitor.Api.GraphQL.Schema.Common;
using TrialMonitor.Clinical.Cohort;

namespace TrialMonitor.Api.GraphQL.Schema.Molecular;

/// <summary>
/// A Kaplan–Meier curve of the time to an event read as its cumulative incidence: the fields of a SurvivalCurve,
/// each point also with 1 − S(t) and its band (the survival band turned over), so a client plots the incidence as it is.
/// </summary>
public sealed class CumulativeIncidenceCurveType : RecordGraphType<SurvivalCurve>
{
    public CumulativeIncidenceCurveType() : base(c => c.Points)
    {
        Name = "CumulativeIncidenceCurve";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CumulativeIncidencePointType>>>>("points")
            .Description("One point per day with an event or a censoring.")
            .Resolve(ctx => ctx.Source.Points);
    }
}

public sealed class CumulativeIncidencePointType : RecordGraphType<SurvivalPoint>
{
    public CumulativeIncidencePointType()
    {
        Name = "CumulativeIncidencePoint";
        Field<NonNullGraphType<FloatGraphType>>("incidence")
            .Description("1 − survival: the share who had the event by this day.")
            .Resolve(ctx => 1 - ctx.Source.Survival);
        Field<FloatGraphType>("incidenceLower")
            .Description("1 − upper: the lower end of the incidence's 95 % band (null where survival has reached 0).")
            .Resolve(ctx => 1 - ctx.Source.Upper);
        Field<FloatGraphType>("incidenceUpper")
            .Description("1 − lower: the upper end of the incidence's 95 % band (null where survival has reached 0).")
            .Resolve(ctx => 1 - ctx.Source.Lower);
    }
}
