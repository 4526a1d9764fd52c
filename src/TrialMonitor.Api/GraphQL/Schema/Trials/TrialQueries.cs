using GraphQL;
using GraphQL.Types;
using Marten;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.GraphQL.Schema.Common;
using TrialMonitor.Api.Trials;

namespace TrialMonitor.Api.GraphQL.Schema.Trials;

public static class TrialQueries
{
    public static void AddTrialQueries(this ObjectGraphType query, IDocumentStore store)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<TrialType>>>>("trials")
            .Description("Every registered trial, by code.")
            .AuthorizeWithRoles([.. Roles.All])
            .ResolveAsync(async ctx =>
            {
                await using var session = store.QuerySession();
                return await session.Query<Trial>().OrderBy(t => t.Code).ToListAsync(ctx.CancellationToken);
            });

        query.Field<TrialType>("trial")
            .AuthorizeWithRoles([.. Roles.All])
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                await using var session = store.QuerySession();
                return await session.LoadAsync<Trial>(ctx.IdArgument("id"), ctx.CancellationToken);
            });
    }
}
