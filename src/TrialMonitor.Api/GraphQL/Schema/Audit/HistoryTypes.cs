using GraphQL;
using GraphQL.Types;
using TrialMonitor.Api.Audit.Replay;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.GraphQL.Schema.Common;
using TrialMonitor.Api.GraphQL.Schema.Patients;

namespace TrialMonitor.Api.GraphQL.Schema.Audit;

public sealed class PatientHistoryType : ObjectGraphType<PatientHistory>
{
    public PatientHistoryType()
    {
        Name = "PatientHistory";
        Description = "A patient's stream event by event, with what the rules concluded after each event.";
        Field(h => h.PatientId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(h => h.TrialId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(h => h.SubjectId);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PatientHistoryEntryType>>>>("events")
            .Description("In stream order (version 1 is the enrolment).")
            .Resolve(ctx => ctx.Source.Entries.Select(e => new HistoryEntryOf(ctx.Source, e)));
    }
}

/// <summary>An entry with the history it belongs to, so the chart after it can be replayed on demand.</summary>
public sealed record HistoryEntryOf(PatientHistory History, HistoryEntry Entry);

public sealed class PatientHistoryEntryType : ObjectGraphType<HistoryEntryOf>
{
    public PatientHistoryEntryType()
    {
        Name = "PatientHistoryEntry";
        Field<NonNullGraphType<IdGraphType>>("eventId").Resolve(ctx => ctx.Source.Entry.Event.EventId);
        Field<NonNullGraphType<IntGraphType>>("version").Description("Stream version: 1 is the enrolment.").Resolve(ctx => (int)ctx.Source.Entry.Event.Version);
        Field<NonNullGraphType<LongGraphType>>("sequence").Description("Position in the whole event store.").Resolve(ctx => ctx.Source.Entry.Event.Sequence);
        Field<NonNullGraphType<StringGraphType>>("type").Description("The event, e.g. CytogeneticsRecorded or EntryVoided.").Resolve(ctx => ctx.Source.Entry.Event.Type);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("recordedAt").Description("When it was stored (not its clinical date).").Resolve(ctx => ctx.Source.Entry.Event.RecordedAt);
        Field<StringGraphType>("user").Description("Who recorded it.").Resolve(ctx => ctx.Source.Entry.Event.User);
        Field<StringGraphType>("role").Description("The role they recorded it in.").Resolve(ctx => ctx.Source.Entry.Event.Role);
        Field<StringGraphType>("source").Description("console, api, import, fhir or system.").Resolve(ctx => ctx.Source.Entry.Event.Source);
        Field<StringGraphType>("reason").Description("Why (corrections always say why).").Resolve(ctx => ctx.Source.Entry.Event.Reason);
        Field<StringGraphType>("correlationId").Description("Shared by every event of one request.").Resolve(ctx => ctx.Source.Entry.Event.CorrelationId);
        // Clinical values: auditors only. Admins see who did what, when and why, not what was recorded.
        Field<NonNullGraphType<StringGraphType>>("data").Description("The event as recorded, as JSON (auditors only).")
            .AuthorizeWithRoles(Roles.Auditor)
            .Resolve(ctx => ctx.Source.Entry.Event.DataJson);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RecordGraphType<DerivedChange>>>>>("changes")
            .Description("What this event changed, before and after (auditors only): the derived values, the level of each PCR result "
                         + "(level.<entryKey>), the molecular milestones (milestone.3, milestone.6, milestone.12, as known on the day the event "
                         + "was recorded or the trial's data cut-off), molecularStatus, mmrReachedOn, mmrLostOn, pcrOverdue, and the alerts it "
                         + "raised or withdrew (alert.<KIND>). A correction's void names what the whole correction changed, up to its replacement.")
            .AuthorizeWithRoles(Roles.Auditor)
            .Resolve(ctx => ctx.Source.Entry.Changes);
        Field<RecordGraphType<DerivedState>>("derived")
            .Description("What the rules concluded after this event, in short (auditors only).")
            .AuthorizeWithRoles(Roles.Auditor)
            .Resolve(ctx => ctx.Source.Entry.After);
        Field<PatientType>("state")
            .Description("The whole chart after this event, as the system held it then (auditors only).")
            .AuthorizeWithRoles(Roles.Auditor)
            .Resolve(ctx => ctx.Source.History.StateAfter(ctx.Source.Entry.Index));
    }
}
