using GraphQL.DataLoader;
using GraphQL.Resolvers;
using GraphQL.Types;
using Marten;
using TrialMonitor.Api.GraphQL.Schema.Common;
using TrialMonitor.Api.GraphQL.Schema.Molecular;
using TrialMonitor.Api.GraphQL.Schema.Trials;
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Api.Patients.Entries;

namespace TrialMonitor.Api.GraphQL.Schema.Patients;

/// <summary>The patient chart: the entries in force and what the clinical rules conclude from them.</summary>
public sealed class PatientType : ObjectGraphType<PatientChart>
{
    public PatientType(IDocumentStore store, TimeProvider clock)
    {
        Name = "Patient";
        Field(c => c.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.TrialId, type: typeof(NonNullGraphType<IdGraphType>));
        Field<NonNullGraphType<TrialType>>("trial").Resolve(ctx => ctx.LoadTrial(store, ctx.Source.TrialId));
        Field(c => c.SubjectId);
        Field(c => c.Site);
        Field(c => c.EnrolledOn);
        Field<NonNullGraphType<IntGraphType>>("version")
            .Description("Stream version: pass it as expectedVersion to refuse a write if the patient changed since.")
            .Resolve(ctx => (int)ctx.Source.Version);
        Field(c => c.LastRecordedAt).Description("When the last entry was recorded (not its clinical date).");
        Field(c => c.Baseline);
        Field(c => c.Assessment).Description("What the rules derive from the entries in force under the trial's settings.");
        Field<NonNullGraphType<MolecularResponseType>>("molecularResponse")
            .Description("What ELN-2020 concludes from the BCR-ABL1 results, whatever the trial's criteria set.")
            .Resolve(ctx => MolecularResponseType.Resolve(ctx, store, clock));

        foreach (var kind in EntryKinds.All)
        {
            AddField(new FieldType
            {
                Name = kind.ChartField,
                ResolvedType = new NonNullGraphType(new ListGraphType(new NonNullGraphType(new EntryType(kind)))),
                Resolver = new FuncFieldResolver<PatientChart, IDataLoaderResult<IEnumerable<IPatientEntry>>>(ctx =>
                    ctx.LoadEntries(store, ctx.Source).Then(entries => entries.Where(e => EntryKinds.Of(e) == kind))),
            });
        }
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CorrectionType>>>>("corrections").Resolve(ctx => ctx.Source.Corrections);
    }
}
