using System.Globalization;
using GraphQL.Types;
using Marten;
using TrialMonitor.Api.Alerts;
using TrialMonitor.Api.GraphQL.Schema.Common;
using TrialMonitor.Api.GraphQL.Schema.Patients;

namespace TrialMonitor.Api.GraphQL.Schema.Alerts;

/// <summary>An alert for safety monitors, as the alert projection stores it.</summary>
public sealed class AlertType : ObjectGraphType<Alert>
{
    public AlertType(IDocumentStore store)
    {
        Name = "Alert";
        Description = "A safety alert: the patient, study, site and clinical date, the event that raised it, and who acknowledged it and when.";
        Field(a => a.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field<NonNullGraphType<StringGraphType>>("cursor")
            .Description("The alert's place in the alert feed as of its latest change (raised, acknowledged, withdrawn): "
                + "pass the last cursor received as `after` to the `alerts` subscription to resume there.")
            .Resolve(ctx => AlertCursor.Format(ctx.Source.Position));
        Field(a => a.Status);
        Field(a => a.Kind);
        Field(a => a.TrialId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(a => a.StudyCode);
        Field(a => a.Site);
        Field(a => a.PatientId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(a => a.SubjectId);
        Field<NonNullGraphType<PatientType>>("patient").Resolve(ctx => ctx.LoadChart(store, ctx.Source.PatientId));
        Field(a => a.Term, nullable: true).Description("The CTCAE term of a toxicity alert; the milestone of a molecular milestone failure (e.g. 12-month milestone).");
        Field(a => a.Grade, nullable: true).Description("The CTCAE grade of a toxicity alert.");
        Field(a => a.ClinicalOn).Description("The clinical date the alert refers to (collection, onset, effective or diagnosis date; for a molecular alert the PCR result's collection).");
        Field(a => a.Description);
        Field<NonNullGraphType<AlertCauseType>>("cause").Resolve(ctx => ctx.Source.Cause);
        Field<RecordGraphType<AlertAcknowledgement>>("acknowledgement")
            .Description("Who acknowledged the alert, when and with what comment; null while it is open.")
            .Resolve(ctx => ctx.Source.Acknowledgement);
        Field<RecordGraphType<AlertWithdrawal>>("withdrawal")
            .Description("The correction that removed the alert's cause; the alert is kept, withdrawn.")
            .Resolve(ctx => ctx.Source.Withdrawal);
    }
}

/// <summary>The event that raised an alert.</summary>
public sealed class AlertCauseType : ObjectGraphType<AlertCause>
{
    public AlertCauseType()
    {
        Name = "AlertCause";
        Field(c => c.EventId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.EventType);
        Field(c => c.EntryKey, nullable: true).Description("The entry (lab accession number, form id) the event recorded.");
        Field<NonNullGraphType<IntGraphType>>("streamVersion").Description("The event's version in the patient's stream.")
            .Resolve(ctx => (int)ctx.Source.StreamVersion);
        Field<NonNullGraphType<StringGraphType>>("sequence").Description("The event's global sequence in the store.")
            .Resolve(ctx => ctx.Source.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(c => c.RecordedAt);
    }
}

/// <summary>Feed positions as the opaque strings clients hold.</summary>
public static class AlertCursor
{
    public static string Format(long position) => position.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string? cursor, out long position)
    {
        position = 0;
        return string.IsNullOrEmpty(cursor)
            || (long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out position) && position >= 0);
    }
}
