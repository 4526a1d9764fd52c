using GraphQL.Types;
using Marten;
using TrialMonitor.Api.GraphQL.Schema.Common;
using TrialMonitor.Api.GraphQL.Schema.Trials;
using TrialMonitor.Api.Patients;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.GraphQL.Schema.Patients;

/// <summary>The patient chart: the entries in force and what the clinical rules conclude from them.</summary>
public sealed class PatientType : ObjectGraphType<PatientChart>
{
    public PatientType(IDocumentStore store)
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

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<BloodCountEntryType>>>>("bloodCounts").Resolve(ctx => ctx.Source.BloodCounts);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MarrowEntryType>>>>("marrow").Resolve(ctx => ctx.Source.Marrow);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CytogeneticsEntryType>>>>("cytogenetics").Resolve(ctx => ctx.Source.Cytogenetics);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MolecularEntryType>>>>("molecular").Resolve(ctx => ctx.Source.Molecular);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PhysicalExamEntryType>>>>("exams").Resolve(ctx => ctx.Source.Exams);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DoseEntryType>>>>("doses").Resolve(ctx => ctx.Source.Doses);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ToxicityEntryType>>>>("toxicities").Resolve(ctx => ctx.Source.Toxicities);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReportedResponseEntryType>>>>("reportedResponses").Resolve(ctx => ctx.Source.ReportedResponses);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TransformationEntryType>>>>("transformations").Resolve(ctx => ctx.Source.Transformations);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DiscontinuationEntryType>>>>("discontinuations").Resolve(ctx => ctx.Source.Discontinuations);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DeathEntryType>>>>("deaths").Resolve(ctx => ctx.Source.Deaths);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FollowUpContactEntryType>>>>("followUpContacts").Resolve(ctx => ctx.Source.FollowUpContacts);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CorrectionType>>>>("corrections").Resolve(ctx => ctx.Source.Corrections);
    }
}
