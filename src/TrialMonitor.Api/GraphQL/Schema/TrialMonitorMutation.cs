using GraphQL.Types;
using TrialMonitor.Api.GraphQL.Schema.Alerts;
using TrialMonitor.Api.GraphQL.Schema.Recording;
using TrialMonitor.Api.GraphQL.Schema.Trials;

namespace TrialMonitor.Api.GraphQL.Schema;

/// <summary>One mutation per command of Patients/ (one per entry kind) and Trials/, each sent through the Wolverine write path.</summary>
public sealed class TrialMonitorMutation : ObjectGraphType
{
    public TrialMonitorMutation()
    {
        Name = "Mutation";
        this.AddTrialMutations();
        this.AddEnrolmentMutations();
        this.AddEntryMutations();
        this.AddAlertMutations();
    }
}
