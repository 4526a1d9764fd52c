using GraphQL;
using GraphQL.Types;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.GraphQL.Schema.Common;
using TrialMonitor.Api.Patients.RecordingLabs;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.GraphQL.Schema.Recording;

public static class LabMutations
{
    public static void AddLabMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<EntryPayloadType>>("recordBloodCount")
            .AuthorizeWithRoles(Roles.Coordinator)
            .EntryOf().Argument<NonNullGraphType<ClinicalInputType<BloodCount>>>("count").EntryOptions()
            .ResolveAsync(async ctx => await ctx.RecordAsync(new RecordBloodCount(
                ctx.PatientId(), ctx.EntryKey(), ctx.GetArgument<BloodCount>("count"), ctx.Correction(), ctx.ExpectedVersion())));

        mutation.Field<NonNullGraphType<EntryPayloadType>>("recordMarrow")
            .AuthorizeWithRoles(Roles.Coordinator)
            .EntryOf().Argument<NonNullGraphType<ClinicalInputType<MarrowAssessment>>>("marrow").EntryOptions()
            .ResolveAsync(async ctx => await ctx.RecordAsync(new RecordMarrow(
                ctx.PatientId(), ctx.EntryKey(), ctx.GetArgument<MarrowAssessment>("marrow"), ctx.Correction(), ctx.ExpectedVersion())));

        mutation.Field<NonNullGraphType<EntryPayloadType>>("recordCytogenetics")
            .AuthorizeWithRoles(Roles.Coordinator)
            .EntryOf().Argument<NonNullGraphType<ClinicalInputType<CytogeneticAssessment>>>("cytogenetics").EntryOptions()
            .ResolveAsync(async ctx => await ctx.RecordAsync(new RecordCytogenetics(
                ctx.PatientId(), ctx.EntryKey(), ctx.GetArgument<CytogeneticAssessment>("cytogenetics"), ctx.Correction(), ctx.ExpectedVersion())));

        mutation.Field<NonNullGraphType<EntryPayloadType>>("recordMolecular")
            .AuthorizeWithRoles(Roles.Coordinator)
            .EntryOf().Argument<NonNullGraphType<ClinicalInputType<MolecularAssessment>>>("molecular").EntryOptions()
            .ResolveAsync(async ctx => await ctx.RecordAsync(new RecordMolecular(
                ctx.PatientId(), ctx.EntryKey(), ctx.GetArgument<MolecularAssessment>("molecular"), ctx.Correction(), ctx.ExpectedVersion())));
    }
}
