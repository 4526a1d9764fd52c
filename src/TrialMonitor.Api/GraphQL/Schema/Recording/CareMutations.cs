using GraphQL;
using GraphQL.Types;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.GraphQL.Schema.Common;
using TrialMonitor.Api.Patients.Dosing;
using TrialMonitor.Api.Patients.RecordingExams;
using TrialMonitor.Api.Patients.ReportingResponses;
using TrialMonitor.Api.Patients.ReportingToxicity;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.GraphQL.Schema.Recording;

public static class CareMutations
{
    public static void AddCareMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<EntryPayloadType>>("recordPhysicalExam")
            .AuthorizeWithRoles(Roles.Coordinator)
            .EntryOf().Argument<NonNullGraphType<ClinicalInputType<PhysicalExam>>>("exam").EntryOptions()
            .ResolveAsync(async ctx => await ctx.RecordAsync(new RecordPhysicalExam(
                ctx.PatientId(), ctx.EntryKey(), ctx.GetArgument<PhysicalExam>("exam"), ctx.Correction(), ctx.ExpectedVersion())));

        mutation.Field<NonNullGraphType<EntryPayloadType>>("changeDose")
            .AuthorizeWithRoles(Roles.Coordinator)
            .EntryOf().Argument<NonNullGraphType<ClinicalInputType<DoseChange>>>("dose").EntryOptions()
            .ResolveAsync(async ctx => await ctx.RecordAsync(new ChangeDose(
                ctx.PatientId(), ctx.EntryKey(), ctx.GetArgument<DoseChange>("dose"), ctx.Correction(), ctx.ExpectedVersion())));

        mutation.Field<NonNullGraphType<EntryPayloadType>>("reportToxicity")
            .AuthorizeWithRoles(Roles.Coordinator)
            .EntryOf().Argument<NonNullGraphType<ClinicalInputType<ReportedToxicity>>>("toxicity").EntryOptions()
            .ResolveAsync(async ctx => await ctx.RecordAsync(new ReportToxicity(
                ctx.PatientId(), ctx.EntryKey(), ctx.GetArgument<ReportedToxicity>("toxicity"), ctx.Correction(), ctx.ExpectedVersion())));

        mutation.Field<NonNullGraphType<EntryPayloadType>>("reportResponse")
            .AuthorizeWithRoles(Roles.Coordinator)
            .EntryOf().Argument<NonNullGraphType<ClinicalInputType<ReportedResponse>>>("response").EntryOptions()
            .ResolveAsync(async ctx => await ctx.RecordAsync(new ReportResponse(
                ctx.PatientId(), ctx.EntryKey(), ctx.GetArgument<ReportedResponse>("response"), ctx.Correction(), ctx.ExpectedVersion())));
    }
}
