using GraphQL;
using GraphQL.Types;
using Marten;
using TrialMonitor.Api.Audit.Chain;
using TrialMonitor.Api.Audit.Corrections;
using TrialMonitor.Api.Audit.Replay;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.GraphQL.Schema.Cohort;
using TrialMonitor.Api.GraphQL.Schema.Common;
using TrialMonitor.Api.GraphQL.Schema.Patients;

namespace TrialMonitor.Api.GraphQL.Schema.Audit;

/// <summary>Replay for auditors: a patient's history, a patient or a cohort as it stood at a past point, a trial's corrections.</summary>
public static class AuditQueries
{
    public static void AddAuditQueries(this ObjectGraphType query, IDocumentStore store, TimeProvider clock)
    {
        query.Field<PatientHistoryType>("patientHistory")
            .Description("Every event of a patient with its metadata and the derived state after it; null for an unknown patient. "
                         + "Admins see who recorded what and when, not the clinical values (data, changes, derived, state).")
            .Argument<NonNullGraphType<IdGraphType>>("patientId")
            .AuthorizeWithRoles(Roles.Auditor, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                await using var session = store.QuerySession();
                return await PatientAudit.HistoryAsync(session, ctx.IdArgument("patientId"), ctx.CancellationToken);
            });

        query.Field<PatientType>("patientAsOf")
            .Description("The patient as the system held it at a stream version or a recorded time (what it knew then; give at most one), "
                         + "evaluated as of a clinical date when given (later observations ignored). Null when nothing was recorded yet.")
            .Argument<NonNullGraphType<IdGraphType>>("patientId")
            .Argument<IntGraphType>("version", "The stream version: the state after that event.")
            .Argument<DateTimeOffsetGraphType>("recordedAt", "A past moment: every event stored until then.")
            .Argument<IsoDateGraphType>("clinicalDate", "Evaluate the rules as they could have been applied on this clinical date.")
            .AuthorizeWithRoles(Roles.Auditor)
            .ResolveAsync(async ctx =>
            {
                await using var session = store.QuerySession();
                return await PatientAudit.AsOfAsync(session, ctx.IdArgument("patientId"), ctx.GetArgument<int?>("version"),
                    ctx.GetArgument<DateTimeOffset?>("recordedAt"), ctx.GetArgument<DateOnly?>("clinicalDate"), ClinicalDates.Today(clock),
                    ctx.CancellationToken);
            });

        query.Field<CohortType>("cohortAsOf")
            .Description("The cohort views of a trial as the system showed them at a past recorded time (e.g. an interim cut-off); "
                         + "null when the trial was not registered yet.")
            .Argument<NonNullGraphType<IdGraphType>>("trialId")
            .Argument<NonNullGraphType<DateTimeOffsetGraphType>>("recordedAt")
            .Argument<StringGraphType>(CriteriaSetArguments.CriteriaSet, CriteriaSetArguments.CriteriaSetDescription)
            .AuthorizeWithRoles(Roles.Auditor)
            .ResolveAsync(async ctx =>
            {
                await using var session = store.QuerySession();
                return await CohortAsOf.ForTrialAsync(session, ctx.IdArgument("trialId"), ctx.GetArgument<DateTimeOffset>("recordedAt"),
                    ctx.CriteriaSetArgument(), ctx.CancellationToken);
            });

        // Coordinators too, for their sites' patients: they correct those entries and read those charts.
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CorrectionImpactType>>>>("corrections")
            .Description("The trial's corrections and voids, in the order they were recorded, each with what it changed (as the patient history's "
                         + "changes name it); only those recorded at or after `since` when given. A coordinator's: their sites' patients.")
            .Argument<NonNullGraphType<IdGraphType>>("trialId")
            .Argument<DateTimeOffsetGraphType>("since", "Only corrections recorded at or after this moment.")
            .AuthorizeWithRoles(Roles.Auditor, Roles.Coordinator)
            .ResolveAsync(async ctx =>
            {
                await using var session = store.QuerySession();
                return await TrialCorrections.ForTrialAsync(session, ctx.IdArgument("trialId"), ctx.GetArgument<DateTimeOffset?>("since"),
                    SiteAccess.ReadableSites(ctx.User), ctx.CancellationToken);
            });

        query.Field<NonNullGraphType<AuditChainVerificationType>>("verifyAuditChain")
            .Description("Recomputes a patient's (or any stream's) hash chain from the stored events and names the first broken link.")
            .Argument<NonNullGraphType<IdGraphType>>("patientId")
            .AuthorizeWithRoles(Roles.Auditor, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                await using var session = store.QuerySession();
                return await AuditChainVerifier.VerifyStreamAsync(session, ctx.IdArgument("patientId"), ctx.CancellationToken);
            });

        query.Field<NonNullGraphType<TrialAuditChainVerificationType>>("verifyTrialAuditChain")
            .Description("Verifies the trial's stream and every patient stream of the trial.")
            .Argument<NonNullGraphType<IdGraphType>>("trialId")
            .AuthorizeWithRoles(Roles.Auditor, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                await using var session = store.QuerySession();
                return await AuditChainVerifier.VerifyTrialAsync(session, ctx.IdArgument("trialId"), ctx.CancellationToken);
            });
    }
}
