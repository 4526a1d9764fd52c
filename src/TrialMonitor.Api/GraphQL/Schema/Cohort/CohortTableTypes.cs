using GraphQL.Types;
using TrialMonitor.Api.GraphQL.Schema.Common;
using TrialMonitor.Clinical.Cohort;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.GraphQL.Schema.Cohort;

// The cohort records as the Clinical project computes them; only their dictionaries and tuples
// are reshaped into lists, which GraphQL can type.

public sealed class Table1Type : RecordGraphType<Table1>
{
    public Table1Type() : base(t => t.Rows, t => t.DiseaseGroupAtStandardDose)
    {
        Name = "Table1";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<Table1RowType>>>>("rows")
            .Description("The rows in the order and wording the paper prints them.")
            .Resolve(ctx => ctx.Source.Rows);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DiseaseGroupCountType>>>>("diseaseGroupAtStandardDose")
            .Resolve(ctx => ctx.Source.DiseaseGroupAtStandardDose);
    }
}

public sealed class Table1RowType : ObjectGraphType<(string Characteristic, PatientCount Count)>
{
    public Table1RowType()
    {
        Name = "Table1Row";
        Field<NonNullGraphType<StringGraphType>>("characteristic").Resolve(ctx => ctx.Source.Characteristic);
        Field<NonNullGraphType<RecordGraphType<PatientCount>>>("count").Resolve(ctx => ctx.Source.Count);
    }
}

public sealed class DiseaseGroupCountType : ObjectGraphType<KeyValuePair<DiseaseGroup, PatientCount>>
{
    public DiseaseGroupCountType()
    {
        Name = "DiseaseGroupCount";
        Field("group", c => c.Key);
        Field<NonNullGraphType<RecordGraphType<PatientCount>>>("count").Resolve(ctx => ctx.Source.Value);
    }
}

public sealed class Table2Type : ObjectGraphType<Table2>
{
    public Table2Type()
    {
        Name = "Table2";
        Field(t => t.Lines).Description("Cytogenetic rows, their 'any CG resistance/relapse' total (row null), then hematologic rows.");
        Field(t => t.UnclassifiedSubjectIds).Description("Escalated patients the rules could not place in a row.");
    }
}

public sealed class DispositionType : RecordGraphType<Disposition>
{
    public DispositionType() : base(d => d.DiscontinuedBy, d => d.DiedOf)
    {
        Name = "Disposition";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DiscontinuationCountType>>>>("discontinuedBy").Resolve(ctx => ctx.Source.DiscontinuedBy);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DeathCauseCountType>>>>("diedOf").Resolve(ctx => ctx.Source.DiedOf);
    }
}

public sealed class DiscontinuationCountType : ObjectGraphType<KeyValuePair<DiscontinuationReason, int>>
{
    public DiscontinuationCountType()
    {
        Name = "DiscontinuationCount";
        Field("reason", c => c.Key);
        Field("patients", c => c.Value);
    }
}

public sealed class DeathCauseCountType : ObjectGraphType<KeyValuePair<CauseOfDeath, int>>
{
    public DeathCauseCountType()
    {
        Name = "DeathCauseCount";
        Field("cause", c => c.Key);
        Field("patients", c => c.Value);
    }
}

public sealed class DoseReductionsType : RecordGraphType<DoseReductions>
{
    public DoseReductionsType() : base(d => d.OtherToxicityTerms)
    {
        Name = "DoseReductions";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ToxicityTermCountType>>>>("otherToxicityTerms")
            .Description("Patients by the toxicity term of their first reduction after escalation, other than PANCYTOPENIA.")
            .Resolve(ctx => ctx.Source.OtherToxicityTerms);
    }
}

public sealed class ToxicityTermCountType : ObjectGraphType<KeyValuePair<string, int>>
{
    public ToxicityTermCountType()
    {
        Name = "ToxicityTermCount";
        Field("term", c => c.Key, nullable: false);
        Field("patients", c => c.Value);
    }
}

/// <summary>A line of Table 3; a class of its own so that its page types read Table3LineConnection and Table3LineEdge.</summary>
public sealed class Table3LineType : RecordGraphType<Table3Line>;
