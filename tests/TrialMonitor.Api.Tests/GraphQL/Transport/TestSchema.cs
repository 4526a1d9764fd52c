using System.Collections.Concurrent;
using GraphQL;
using GraphQL.Types;
using TrialMonitor.Api.Door;

namespace TrialMonitor.Api.Tests.GraphQL.Transport;

/// <summary>A schema just big enough to exercise the transport: no domain, no database.</summary>
public sealed class TestSchema : Schema
{
    public TestSchema(IServiceProvider services, TestQuery query, TestMutation mutation, TestSubscription subscription)
        : base(services)
    {
        Query = query;
        Mutation = mutation;
        Subscription = subscription;
    }
}

public sealed class TestQuery : ObjectGraphType
{
    public const string SecretMessage = "connection string Password=hunter2";

    public TestQuery()
    {
        Name = "Query";
        Field<StringGraphType>("hello")
            .Argument<StringGraphType>("name")
            .Resolve(context => $"Hello, {context.GetArgument<string?>("name") ?? "world"}");
        Field<StringGraphType>("boom").Resolve(_ => throw new InvalidOperationException(SecretMessage));
        Field<StringGraphType>("refused").Resolve(_ => throw new InvalidInputException(
            [new FieldError("dose", "must not be negative (got -5)"), new FieldError("date", "is required and must not be blank")]));
        Field<NodeType>("root").Resolve(_ => new Node(1));
        Field<StringGraphType>("userName").Resolve(context => context.User?.Identity?.Name);
        Field<StringGraphType>("fromUserContext")
            .Resolve(context => context.UserContext.TryGetValue("greeting", out var greeting) ? greeting as string : null);
    }
}

public sealed record Node(int Level);

/// <summary>A self-nesting type, so a query can be made as deep and as wide as a test needs.</summary>
public sealed class NodeType : ObjectGraphType<Node>
{
    public NodeType()
    {
        Name = "Node";
        Field<IntGraphType>("level").Resolve(context => context.Source.Level);
        Field<NodeType>("child").Resolve(context => new Node(context.Source.Level + 1));
        Field<ListGraphType<NodeType>>("children").Resolve(context =>
            Enumerable.Range(0, 2).Select(_ => new Node(context.Source.Level + 1)));
    }
}

public sealed class TestMutation : ObjectGraphType
{
    private int count;

    public TestMutation()
    {
        Name = "Mutation";
        Field<IntGraphType>("increment").Resolve(_ => Interlocked.Increment(ref count));
    }
}

public sealed class TestSubscription : ObjectGraphType
{
    public TestSubscription(TestEvents events)
    {
        Name = "Subscription";
        Field<StringGraphType>("ticks")
            .Argument<NonNullGraphType<StringGraphType>>("topic")
            .ResolveStream(context => events.Topic(context.GetArgument<string>("topic")))
            .Resolve(context => context.Source as string);
        Field<StringGraphType>("refusedTicks")
            .Argument<NonNullGraphType<StringGraphType>>("topic")
            .ResolveStream(context => events.Topic(context.GetArgument<string>("topic")))
            .Resolve(_ => throw new InvalidOperationException(TestQuery.SecretMessage));
    }
}

/// <summary>Event streams the tests publish to, one per topic so tests never share one.</summary>
public sealed class TestEvents
{
    private readonly ConcurrentDictionary<string, TestTopic> topics = new();

    public TestTopic Topic(string name) => topics.GetOrAdd(name, _ => new TestTopic());
}

public sealed class TestTopic : IObservable<object>
{
    private readonly Lock gate = new();
    private readonly List<IObserver<object>> observers = [];
    private readonly List<(int Count, TaskCompletionSource Reached)> waiters = [];

    public int SubscriberCount
    {
        get
        {
            lock (gate) return observers.Count;
        }
    }

    public IDisposable Subscribe(IObserver<object> observer)
    {
        lock (gate)
        {
            observers.Add(observer);
            Signal();
        }
        return new Unsubscriber(this, observer);
    }

    /// <summary>Completes once exactly <paramref name="count"/> observers are subscribed.</summary>
    public Task WhenSubscribers(int count)
    {
        lock (gate)
        {
            if (observers.Count == count) return Task.CompletedTask;
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((count, reached));
            return reached.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    public void Publish(string value)
    {
        foreach (var observer in Snapshot()) observer.OnNext(value);
    }

    public void Fail(Exception error)
    {
        foreach (var observer in Snapshot()) observer.OnError(error);
    }

    public void Complete()
    {
        foreach (var observer in Snapshot()) observer.OnCompleted();
    }

    private IObserver<object>[] Snapshot()
    {
        lock (gate) return [.. observers];
    }

    private void Signal()
    {
        foreach (var waiter in waiters.Where(waiter => waiter.Count == observers.Count).ToList())
        {
            waiters.Remove(waiter);
            waiter.Reached.TrySetResult();
        }
    }

    private sealed class Unsubscriber(TestTopic topic, IObserver<object> observer) : IDisposable
    {
        public void Dispose()
        {
            lock (topic.gate)
            {
                topic.observers.Remove(observer);
                topic.Signal();
            }
        }
    }
}
