using GraphQL;
using GraphQL.Types;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.GraphQL.Schema.Common;
using TrialMonitor.Api.Patients.RecordingOutcomes;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.GraphQL.Schema.Recording;

public static class OutcomeMutations
{
    public static void AddOutcomeMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<EntryPayloadType>>("diagnoseTransformation")
            .AuthorizeWithRoles(Roles.Coordinator)
            .EntryOf().Argument<NonNullGraphType<ClinicalInputType<Transformation>>>("transformation").EntryOptions()
            .ResolveAsync(async ctx => await ctx.RecordAsync(new DiagnoseTransformation(
                ctx.PatientId(), ctx.EntryKey(), ctx.GetArgument<Transformation>("transformation"), ctx.Correction(), ctx.ExpectedVersion())));

        mutation.Field<NonNullGraphType<EntryPayloadType>>("discontinueTherapy")
            .AuthorizeWithRoles(Roles.Coordinator)
            .EntryOf().Argument<NonNullGraphType<ClinicalInputType<Discontinuation>>>("discontinuation").EntryOptions()
            .ResolveAsync(async ctx => await ctx.RecordAsync(new DiscontinueTherapy(
                ctx.PatientId(), ctx.EntryKey(), ctx.GetArgument<Discontinuation>("discontinuation"), ctx.Correction(), ctx.ExpectedVersion())));

        mutation.Field<NonNullGraphType<EntryPayloadType>>("recordDeath")
            .AuthorizeWithRoles(Roles.Coordinator)
            .EntryOf().Argument<NonNullGraphType<ClinicalInputType<Death>>>("death").EntryOptions()
            .ResolveAsync(async ctx => await ctx.RecordAsync(new RecordDeath(
                ctx.PatientId(), ctx.EntryKey(), ctx.GetArgument<Death>("death"), ctx.Correction(), ctx.ExpectedVersion())));

        mutation.Field<NonNullGraphType<EntryPayloadType>>("recordFollowUpContact")
            .AuthorizeWithRoles(Roles.Coordinator)
            .EntryOf().Argument<NonNullGraphType<IsoDateGraphType>>("contactOn").EntryOptions()
            .ResolveAsync(async ctx => await ctx.RecordAsync(new RecordFollowUpContact(
                ctx.PatientId(), ctx.EntryKey(), ctx.GetArgument<DateOnly>("contactOn"), ctx.Correction(), ctx.ExpectedVersion())));
    }
}
