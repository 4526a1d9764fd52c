using GraphQL;
using GraphQL.Types;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.GraphQL.Schema.Common;
using TrialMonitor.Api.Patients.Correcting;
using TrialMonitor.Api.Patients.Enrolling;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.GraphQL.Schema.Recording;

public static class EnrolmentMutations
{
    public static void AddEnrolmentMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<EntryPayloadType>>("enrolPatient")
            .AuthorizeWithRoles(Roles.Coordinator)
            .Description("Starts the patient's stream. The client chooses the patient id, so a retried enrolment is acknowledged, not duplicated.")
            .Argument<NonNullGraphType<IdGraphType>>("patientId")
            .Argument<NonNullGraphType<IdGraphType>>("trialId")
            .Argument<NonNullGraphType<IsoDateGraphType>>("enrolledOn")
            .Argument<NonNullGraphType<ClinicalInputType<Baseline>>>("baseline")
            .ResolveAsync(async ctx => await ctx.RecordAsync(new EnrolPatient(
                ctx.PatientId(), ctx.IdArgument("trialId"), ctx.GetArgument<DateOnly>("enrolledOn"), ctx.GetArgument<Baseline>("baseline"))));

        mutation.Field<NonNullGraphType<EntryPayloadType>>("voidEntry")
            .AuthorizeWithRoles(Roles.Coordinator)
            .Description("Withdraws an entry recorded in error; it stays in the stream, marked void, with the reason.")
            .EntryOf()
            .Argument<NonNullGraphType<StringGraphType>>("reason")
            .ExpectedVersion()
            .ResolveAsync(async ctx => await ctx.RecordAsync(new VoidEntry(
                ctx.PatientId(), ctx.EntryKey(), ctx.GetArgument<string>("reason"), ctx.ExpectedVersion())));
    }
}
