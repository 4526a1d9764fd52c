using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrialMonitor.Api.GraphQL.Transport;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.GraphQL.SchemaTests;

/// <summary>
/// Queries and mutations are POSTed to /graphql, as the console sends them. Subscriptions run on the
/// registered schema and executer directly (the socket protocol is the transport's to test), in a
/// request scope, serialized as a client receives them.
/// </summary>
public sealed class GraphQLOperations(AppFixture app)
{
    /// <param name="authorization">The Authorization header, e.g. "Bearer " + a token; by default the fixture's (every role).</param>
    public async Task<JsonNode> ExecuteAsync(string query, object? variables = null, string? authorization = null)
    {
        var response = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { query, variables }).ToUrl("/graphql");
            s.WithRequestHeader("Accept", "application/graphql-response+json");
            if (authorization is not null) s.WithRequestHeader("Authorization", authorization);
            s.IgnoreStatusCode();
        });
        return JsonNode.Parse(await response.ReadAsTextAsync())!;
    }

    /// <summary>Starts a subscription; values arrive as the serialized results of each event.</summary>
    /// <param name="user">Whom it runs as; by default every role (<see cref="TestTokens.EveryonePrincipal"/>).</param>
    public async Task<Subscription> SubscribeAsync(string query, object? variables = null, ClaimsPrincipal? user = null)
    {
        var scope = app.Host.Services.CreateAsyncScope();
        var result = await Execute(scope.ServiceProvider, query, variables, user ?? TestTokens.EveryonePrincipal);
        if (result.Streams is not { Count: 1 } streams)
        {
            await scope.DisposeAsync();
            throw new InvalidOperationException("Not a subscription: " + Serialize(result).ToJsonString());
        }
        return new Subscription(scope, streams.Values.Single());
    }

    /// <summary>
    /// An operation run once as a socket runs it, with the transport's own validation rules (its authorization among
    /// them): the result as executed, a subscription's streams not read.
    /// </summary>
    public async Task<ExecutionResult> ExecuteAsOnSocketAsync(string query, object? variables, ClaimsPrincipal user)
    {
        await using var scope = app.Host.Services.CreateAsyncScope();
        var rules = scope.ServiceProvider.GetRequiredService<IOptions<GraphQLTransportOptions>>().Value.ValidationRules;
        return await Execute(scope.ServiceProvider, query, variables, user, [.. DocumentValidator.CoreRules, .. rules]);
    }

    private static Task<ExecutionResult> Execute(IServiceProvider services, string query, object? variables, ClaimsPrincipal user,
        IEnumerable<IValidationRule>? validationRules = null)
    {
        var serializer = services.GetRequiredService<IGraphQLTextSerializer>();
        return services.GetRequiredService<IDocumentExecuter>().ExecuteAsync(new ExecutionOptions
        {
            Schema = services.GetRequiredService<ISchema>(),
            Query = query,
            Variables = variables is null ? null : serializer.Deserialize<Inputs>(JsonSerializer.Serialize(variables)),
            RequestServices = services,
            UserContext = new Dictionary<string, object?>(),
            User = user,
            ValidationRules = validationRules,
            ThrowOnUnhandledException = false,
        });
    }

    private static JsonNode Serialize(ExecutionResult result) =>
        JsonNode.Parse(TransportErrorInfoProvider.Serializer.Serialize(result))!;

    public sealed class Subscription : IObserver<ExecutionResult>, IAsyncDisposable
    {
        private readonly AsyncServiceScope scope;
        private readonly IDisposable subscription;
        private readonly Queue<TaskCompletionSource<JsonNode>> waiting = new();
        private readonly Queue<JsonNode> received = new();

        internal Subscription(AsyncServiceScope scope, IObservable<ExecutionResult> stream)
        {
            this.scope = scope;
            subscription = stream.Subscribe(this);
        }

        /// <summary>The next value pushed, or a TimeoutException: nothing polls or sleeps.</summary>
        public Task<JsonNode> NextAsync(TimeSpan? timeout = null)
        {
            lock (received)
            {
                var next = received.Count > 0 ? Task.FromResult(received.Dequeue()) : Enqueue();
                return next.WaitAsync(timeout ?? TimeSpan.FromSeconds(10));
            }
        }

        private Task<JsonNode> Enqueue()
        {
            var completion = new TaskCompletionSource<JsonNode>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting.Enqueue(completion);
            return completion.Task;
        }

        public void OnNext(ExecutionResult value)
        {
            var json = Serialize(value);
            lock (received)
            {
                if (waiting.Count > 0) waiting.Dequeue().TrySetResult(json);
                else received.Enqueue(json);
            }
        }

        public void OnError(Exception error)
        {
            lock (received)
            {
                while (waiting.Count > 0) waiting.Dequeue().TrySetException(error);
            }
        }

        public void OnCompleted()
        {
        }

        public async ValueTask DisposeAsync()
        {
            subscription.Dispose();
            await scope.DisposeAsync();
        }
    }
}
