using GraphQL;
using GraphQL.Types;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Patients.Entries;
using TrialMonitor.Api.Patients.Recording;

namespace TrialMonitor.Api.GraphQL.Schema.Recording;

/// <summary>One mutation per entry kind of <see cref="EntryKinds"/>: patientId, entryKey, the value, correction, expectedVersion.</summary>
public static class EntryMutations
{
    public static void AddEntryMutations(this ObjectGraphType mutation)
    {
        foreach (var kind in EntryKinds.All)
        {
            var field = mutation.Field<NonNullGraphType<EntryPayloadType>>(kind.Mutation)
                .AuthorizeWithRoles(Roles.Coordinator)
                .EntryOf();
            field.FieldType.Arguments!.Add(new QueryArgument(ValueArgumentType(kind)) { Name = kind.Argument });
            field.EntryOptions()
                .ResolveAsync(async ctx => await ctx.RecordAsync(new RecordEntry(
                    kind.Record(ctx.PatientId(), ctx.EntryKey(), ctx.GetArgument(kind.ValueType, kind.Argument)!),
                    ctx.Correction(), ctx.ExpectedVersion())));
        }
    }

    /// <summary>The value's input type as the schema maps its CLR type (a record's ...Input type, or the Date scalar).</summary>
    private static Type ValueArgumentType(EntryKind kind) =>
        typeof(NonNullGraphType<>).MakeGenericType(typeof(GraphQLClrInputTypeReference<>).MakeGenericType(kind.ValueType));
}
