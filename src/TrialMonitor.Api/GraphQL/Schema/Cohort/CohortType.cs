using GraphQL;
using GraphQL.Types;
using TrialMonitor.Api.GraphQL.Schema.Common;
using TrialMonitor.Api.GraphQL.Schema.Molecular;
using TrialMonitor.Clinical.Cohort;

namespace TrialMonitor.Api.GraphQL.Schema.Cohort;

/// <summary>The paper's cohort views of a trial (Kantarjian, Blood 2003, Tables 1-3 and the text), as of the data cut-off.</summary>
public sealed class CohortType : ObjectGraphType<CohortReport>
{
    public CohortType()
    {
        Name = "Cohort";
        Field(c => c.AsOf, nullable: true).Description("The trial's data cut-off; nothing dated after it is read.");
        Field(c => c.CriteriaSet).Description("The criteria set the views are evaluated under: the trial's, or the one asked for.");
        Field<NonNullGraphType<Table1Type>>("table1").Resolve(ctx => ctx.Source.Table1);
        Field<NonNullGraphType<Table2Type>>("table2").Resolve(ctx => ctx.Source.Table2);
        Field(c => c.Table3).Description("Patients whose cytogenetic response improved after escalation, in the paper's order.");
        Connection<Table3LineType>("table3Page")
            .Description($"Table 3 a page at a time, in the same order ({Table3Pages.DefaultPageSize} lines unless `first` says otherwise, at most {Table3Pages.MaxPageSize}).")
            .PageSize(Table3Pages.DefaultPageSize)
            // The raw argument: GraphQL.NET's ctx.First reads a negative `first` as absent instead of refusing it.
            .Resolve(ctx => Table3Pages.Page(ctx.Source.Table3, ctx.GetArgument<int?>("first"), ctx.After));
        Field(c => c.ImprovementDurationCurve).Description(
            "The duration of improvement after escalation as a Kaplan–Meier curve over the Table 3 episodes (days from the first "
            + "documenting assessment, censored while ongoing): one point per day with an end or a censoring, the 95 % band on the "
            + "log(−log) scale from Greenwood's variance, the median with its band (null when not reached).");
        Field<NonNullGraphType<DispositionType>>("disposition").Resolve(ctx => ctx.Source.Disposition);
        Field<NonNullGraphType<DoseReductionsType>>("doseReductions").Resolve(ctx => ctx.Source.DoseReductions);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RecordGraphType<DoseAfterEscalation>>>>>("doseIntensity")
            .Description("The median daily dose 3 and 6 months after escalation, over the patients still on therapy that day.")
            .Resolve(ctx => new[] { ctx.Source.DoseAt3Months, ctx.Source.DoseAt6Months });
        Field(c => c.FollowUp);
        Field(c => c.MonthsOnStandardDose, nullable: true).Description("From the start of 400 mg to escalation.");
        Field(c => c.Discrepancies);
        Field<NonNullGraphType<MolecularCohortType>>("molecular")
            .Description("Beyond the paper: the molecular response (ELN-2020) of the patients, whatever the trial's criteria set.")
            .Resolve(ctx => ctx.Source.Molecular);
    }
}
