using TrialMonitor.Api.GraphQL.Schema.Subscriptions;
using GraphQLSchema = GraphQL.Types.Schema;

namespace TrialMonitor.Api.GraphQL.Schema;

/// <summary>The GraphQL schema of the trial console (printed to schema.graphql at the repository root).</summary>
public sealed class TrialMonitorSchema : GraphQLSchema
{
    public TrialMonitorSchema(IServiceProvider services) : base(services)
    {
        Query = services.GetRequiredService<TrialMonitorQuery>();
        Mutation = services.GetRequiredService<TrialMonitorMutation>();
        Subscription = services.GetRequiredService<ChangeSubscriptions>();
        ClinicalTypeMappings.Register(this);
    }
}
