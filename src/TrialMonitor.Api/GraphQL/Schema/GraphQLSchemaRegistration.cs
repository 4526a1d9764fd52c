using GraphQL;
using Marten;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TrialMonitor.Api.GraphQL.Errors;
using TrialMonitor.Api.GraphQL.Schema.Common;
using TrialMonitor.Api.GraphQL.Schema.Errors;
using TrialMonitor.Api.GraphQL.Schema.Subscriptions;
using TrialMonitor.Api.GraphQL.Transport;

namespace TrialMonitor.Api.GraphQL.Schema;

public static class GraphQLSchemaRegistration
{
    /// <summary>The schema, its graph types, the change hub behind subscriptions and the error mappings of its mutations.</summary>
    public static IServiceCollection AddTrialMonitorGraphQL(this IServiceCollection services)
    {
        services.AddSingleton<ChartChanges>();
        services.AddSingleton<ChartChangePublisher>();
        services.AddHostedService<ChartChangeListener>();
        services.ConfigureMarten((provider, options) => options.Listeners.Add(provider.GetRequiredService<ChartChangePublisher>()));
        // The exceptions the write path throws at these mutations, as the transport shows them to clients.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGraphQLErrorMapper, InvalidInputErrorMapper>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGraphQLErrorMapper, ConflictErrorMapper>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGraphQLErrorMapper, WriteForbiddenErrorMapper>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGraphQLErrorMapper, DatabaseUnavailableErrorMapper>());
        services.AddTransient(typeof(ClinicalInputType<>));
        services.AddTransient(typeof(RecordGraphType<>));

        services.AddGraphQL(builder => builder
            .AddSchema<TrialMonitorSchema>()
            .AddSystemTextJson()
            .AddGraphTypes(typeof(TrialMonitorSchema).Assembly));
        return services;
    }
}
