using GraphQL.Types;
using Marten;
using TrialMonitor.Api.Cohort;
using TrialMonitor.Api.GraphQL.Schema.Alerts;
using TrialMonitor.Api.GraphQL.Schema.Audit;
using TrialMonitor.Api.GraphQL.Schema.Cohort;
using TrialMonitor.Api.GraphQL.Schema.Patients;
using TrialMonitor.Api.GraphQL.Schema.Trials;
using TrialMonitor.Api.GraphQL.Schema.Users;

namespace TrialMonitor.Api.GraphQL.Schema;

/// <summary>Reads the same Marten documents the write path keeps current (Trial, PatientChart).</summary>
public sealed class TrialMonitorQuery : ObjectGraphType
{
    public TrialMonitorQuery(IDocumentStore store, CohortViews cohorts, TimeProvider clock)
    {
        Name = "Query";
        this.AddTrialQueries(store);
        this.AddPatientQueries(store);
        this.AddEntryKindQueries();
        this.AddCohortQueries(store, cohorts);
        this.AddAlertQueries(store);
        this.AddAuditQueries(store, clock);
        this.AddUserQueries(store);
    }
}
