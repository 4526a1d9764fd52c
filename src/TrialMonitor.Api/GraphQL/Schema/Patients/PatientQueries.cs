using GraphQL;
using GraphQL.Types;
using Marten;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.GraphQL.Schema.Common;
using TrialMonitor.Api.Patients.Chart;

namespace TrialMonitor.Api.GraphQL.Schema.Patients;

public static class PatientQueries
{
    public static void AddPatientQueries(this ObjectGraphType query, IDocumentStore store)
    {
        query.Connection<PatientType>("patients")
            .Description("A trial's patients, filtered and sorted (by subject id unless orderBy says otherwise); a coordinator's, of their sites only.")
            .AuthorizeWithRoles(Roles.PatientReaders)
            .Argument<NonNullGraphType<IdGraphType>>("trialId")
            .Argument<PatientFilterType>("filter")
            .Argument<PatientOrderType>("orderBy")
            .PageSize(PatientPages.DefaultPageSize)
            .ResolveAsync(async ctx =>
            {
                await using var session = store.QuerySession();
                return await PatientPages.LoadAsync(session, ctx.IdArgument("trialId"),
                    ctx.GetArgument<PatientFilter?>("filter"), ctx.GetArgument<PatientOrder?>("orderBy"),
                    // The raw argument: GraphQL.NET's ctx.First reads a negative `first` as absent instead of refusing it.
                    ctx.GetArgument<int?>("first"), ctx.After, SiteAccess.ReadableSites(ctx.User), ctx.CancellationToken);
            });

        query.Field<PatientType>("patient")
            .Description("A patient's chart; FORBIDDEN for a coordinator of another site.")
            .AuthorizeWithRoles(Roles.PatientReaders)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                await using var session = store.QuerySession();
                var chart = await session.LoadAsync<PatientChart>(ctx.IdArgument("id"), ctx.CancellationToken);
                SiteAccess.EnsureCanRead(ctx, chart);
                return chart;
            });
    }
}
