using GraphQL;
using GraphQL.Types;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.GraphQL.Schema.Common;
using TrialMonitor.Api.GraphQL.Schema.Recording;
using TrialMonitor.Api.Trials;
using TrialMonitor.Api.Trials.AddingSites;
using TrialMonitor.Api.Trials.Registering;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.GraphQL.Schema.Trials;

public static class TrialMutations
{
    public static void AddTrialMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<TrialType>>("registerTrial")
            .AuthorizeWithRoles(Roles.Admin)
            .Description("Registers a trial with its sites and the clinical settings (criteria set, FISH cut-off) its patients are assessed under.")
            .Argument<NonNullGraphType<IdGraphType>>("trialId")
            .Argument<NonNullGraphType<StringGraphType>>("code")
            .Argument<NonNullGraphType<StringGraphType>>("title")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("sites")
            .Argument<NonNullGraphType<ClinicalInputType<ClinicalSettings>>>("settings")
            .ResolveAsync(async ctx => await ctx.SendAsync<Trial>(new RegisterTrial(
                ctx.IdArgument("trialId"), ctx.GetArgument<string>("code"), ctx.GetArgument<string>("title"),
                ctx.GetArgument<List<string>>("sites"), ctx.GetArgument<ClinicalSettings>("settings"))));

        mutation.Field<NonNullGraphType<TrialType>>("addTrialSite")
            .AuthorizeWithRoles(Roles.Admin)
            .Description("Opens a further site of a registered trial; coordinators can then enrol patients there.")
            .Argument<NonNullGraphType<IdGraphType>>("trialId")
            .Argument<NonNullGraphType<StringGraphType>>("site")
            .ResolveAsync(async ctx => await ctx.SendAsync<Trial>(new AddTrialSite(ctx.IdArgument("trialId"), ctx.GetArgument<string>("site"))));
    }
}
