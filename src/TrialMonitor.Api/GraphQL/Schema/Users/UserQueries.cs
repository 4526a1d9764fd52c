using GraphQL;
using GraphQL.Types;
using Marten;
using Npgsql;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Door;

namespace TrialMonitor.Api.GraphQL.Schema.Users;

/// <summary>A user as known from what they recorded: the user and role headers of appended events.</summary>
public sealed record KnownUser(string User, string Role, DateTimeOffset FirstRecordedAt, DateTimeOffset LastRecordedAt, long EventCount);

public sealed class KnownUserType : ObjectGraphType<KnownUser>
{
    public KnownUserType()
    {
        Name = "KnownUser";
        Description = "A user known from what they recorded (the user and role headers of stored events); tokens are minted by ./ops/token and there is no user directory.";
        Field(u => u.User).Description("The JWT sub the events were recorded under (or system / import).");
        Field(u => u.Role).Description("The role they recorded in.");
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("firstRecordedAt").Resolve(ctx => ctx.Source.FirstRecordedAt);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("lastRecordedAt").Resolve(ctx => ctx.Source.LastRecordedAt);
        Field<NonNullGraphType<IntGraphType>>("eventCount").Resolve(ctx => (int)ctx.Source.EventCount);
    }
}

public static class UserQueries
{
    public static void AddUserQueries(this ObjectGraphType query, IDocumentStore store)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<KnownUserType>>>>("users")
            .Description("Users known from what they recorded: each user and role found in the headers of stored events, with when they first and last recorded and how many events. There is no user directory (tokens are minted by ./ops/token), so a user who has recorded nothing is not listed.")
            .AuthorizeWithRoles(Roles.Admin)
            .ResolveAsync(async ctx => await KnownUsersAsync(store, ctx.CancellationToken));
    }

    public static async Task<IReadOnlyList<KnownUser>> KnownUsersAsync(IDocumentStore store, CancellationToken ct)
    {
        var table = $"{store.Options.Events.DatabaseSchemaName}.mt_events";
        var sql = $"""
            select headers ->> '{EventMetadata.User}', headers ->> '{EventMetadata.Role}', min(timestamp), max(timestamp), count(*)
            from {table}
            where headers ->> '{EventMetadata.User}' is not null
            group by 1, 2
            order by 1, 2
            """;
        await using var session = store.QuerySession();
        var connection = (NpgsqlConnection)session.Connection!;
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var users = new List<KnownUser>();
        while (await reader.ReadAsync(ct))
        {
            users.Add(new KnownUser(reader.GetString(0), reader.IsDBNull(1) ? "" : reader.GetString(1),
                reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetInt64(4)));
        }
        return users;
    }
}
