using GraphQL.Types;
using TrialMonitor.Api.GraphQL.Schema.Common;
using TrialMonitor.Api.Trials;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.GraphQL.Schema.Trials;

public sealed class TrialType : ObjectGraphType<Trial>
{
    public TrialType()
    {
        Name = "Trial";
        Description = "A trial and the protocol settings its patients are assessed under.";
        Field(t => t.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(t => t.Code);
        Field(t => t.Title);
        Field(t => t.Sites);
        Field<NonNullGraphType<RecordGraphType<ClinicalSettings>>>("settings").Resolve(ctx => ctx.Source.Settings);
        Field<NonNullGraphType<IntGraphType>>("version").Description("Stream version of the trial.").Resolve(ctx => (int)ctx.Source.Version);
    }
}
