using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Patients.Entries;

namespace TrialMonitor.Api.GraphQL.Schema.Patients;

/// <summary>
/// A chart entry still in force with the key it was recorded under, one type per entry kind; the value
/// is named like the mutation argument that records it (recordBloodCount(count: ...) gives BloodCountEntry.count).
/// </summary>
[DoNotRegister] // built by PatientType, one instance per entry kind
public sealed class EntryType : ObjectGraphType<IPatientEntry>
{
    public EntryType(EntryKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        Name = kind.Name + "Entry";
        Field<NonNullGraphType<StringGraphType>>("entryKey")
            .Description("The key the entry was recorded under (lab accession number or form id).")
            .Resolve(ctx => ctx.Source.EntryKey);
        AddField(new FieldType
        {
            Name = kind.Argument,
            Type = typeof(NonNullGraphType<>).MakeGenericType(typeof(GraphQLClrOutputTypeReference<>).MakeGenericType(kind.ValueType)),
            Resolver = new FuncFieldResolver<IPatientEntry, object>(ctx => kind.ValueOf(ctx.Source)),
        });
    }
}

/// <summary>A correction: the entry voided, why, and the entry that replaced it (none when simply voided).</summary>
public sealed class CorrectionType : ObjectGraphType<EntryVoided>
{
    public CorrectionType()
    {
        Name = "Correction";
        Field(e => e.VoidedEntryKey);
        Field(e => e.Reason);
        Field(e => e.ReplacementEntryKey, nullable: true);
    }
}
