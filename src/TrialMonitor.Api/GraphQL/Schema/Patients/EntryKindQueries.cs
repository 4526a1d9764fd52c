using GraphQL;
using GraphQL.Types;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Patients.Entries;

namespace TrialMonitor.Api.GraphQL.Schema.Patients;

/// <summary>A kind of clinical entry as declared once (<see cref="EntryKinds"/>): what a client labels its values with.</summary>
public sealed class EntryKindType : ObjectGraphType<EntryKind>
{
    public EntryKindType()
    {
        Name = "EntryKind";
        Description = "A kind of clinical entry as it is declared: its names in the schema and the units of its measured fields.";
        Field<NonNullGraphType<StringGraphType>>("name").Description("Names the entry type: BloodCount gives BloodCountEntry.").Resolve(ctx => ctx.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("chartField").Description("The patient's list of these entries (bloodCounts).")
            .Resolve(ctx => ctx.Source.ChartField);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FieldUnitType>>>>("units")
            .Description("The unit of each measured field of the value; a field with no unit is not listed.")
            .Resolve(ctx => ctx.Source.Units);
    }
}

public sealed class FieldUnitType : ObjectGraphType<KeyValuePair<string, string>>
{
    public FieldUnitType()
    {
        Name = "FieldUnit";
        Field<NonNullGraphType<StringGraphType>>("field").Description("The field's path in the value (wbc, lowerLimits.wbc).").Resolve(ctx => ctx.Source.Key);
        Field<NonNullGraphType<StringGraphType>>("unit").Description("As stored and exported (10^9/L, g/dL, %).").Resolve(ctx => ctx.Source.Value);
    }
}

public static class EntryKindQueries
{
    public static void AddEntryKindQueries(this ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<EntryKindType>>>>("entryKinds")
            .Description("Every kind of clinical entry, in the order of the patient's lists, with the units of its measured fields.")
            .AuthorizeWithRoles([.. Roles.All])
            .Resolve(_ => EntryKinds.All);
    }
}
