using GraphQL.DI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace TrialMonitor.Api.GraphQL.Transport;

public static class GraphQLTransportRegistration
{
    /// <summary>
    /// Registers the GraphQL HTTP and WebSocket transport for whatever <c>ISchema</c> is registered.
    /// Register <see cref="IGraphQLErrorMapper"/>s to show chosen exceptions to clients. Schemas built by dependency
    /// injection answer graphql-js's full introspection query and count introspection one per field (<see cref="ModernIntrospection"/>).
    /// </summary>
    public static IServiceCollection AddGraphQLTransport(this IServiceCollection services, Action<GraphQLTransportOptions>? configure = null)
    {
        services.AddOptions<GraphQLTransportOptions>();
        if (configure is not null) services.Configure(configure);
        services.AddLogging();
        services.AddSingleton<ResultErrorSanitizer>();
        services.AddSingleton<GraphQLRequestRunner>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureSchema, ModernIntrospection>());
        // Sockets need the WebSocket middleware ahead of routing; a startup filter puts it there.
        if (!services.Any(service => service.ImplementationType == typeof(WebSocketsStartupFilter)))
        {
            services.AddTransient<IStartupFilter, WebSocketsStartupFilter>();
        }
        return services;
    }

    /// <summary>
    /// Serves GraphQL over HTTP (GET and POST) and graphql-transport-ws sockets at <paramref name="pattern"/>.
    /// <paramref name="configure"/> adjusts the registered options for this endpoint only.
    /// </summary>
    public static IEndpointConventionBuilder MapGraphQLTransport(
        this IEndpointRouteBuilder endpoints, string pattern = "/graphql", Action<GraphQLTransportOptions>? configure = null)
    {
        var services = endpoints.ServiceProvider;
        var options = services.GetRequiredService<IOptions<GraphQLTransportOptions>>().Value.Copy();
        configure?.Invoke(options);
        var handler = new GraphQLHttpHandler(
            options, services.GetRequiredService<GraphQLRequestRunner>(), services.GetRequiredService<ILogger<GraphQLHttpHandler>>());
        return endpoints.Map(pattern, handler.HandleAsync).WithDisplayName("GraphQL " + pattern);
    }

    private sealed class WebSocketsStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseWebSockets();
            next(app);
        };
    }
}
