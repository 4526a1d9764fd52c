using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace TrialMonitor.Api.Tests.Support;

/// <summary>
/// The traces and metrics of the host that captures them (<see cref="AppFixture"/>), exported in memory (the OpenTelemetry in-memory exporter):
/// the latest spans (bounded, the whole run makes many) and every metrics export.
/// </summary>
public static class TelemetryCapture
{
    private const int KeptSpans = 20_000;

    public static BoundedCollection<Activity> Spans { get; } = new(KeptSpans);

    public static BoundedCollection<MetricSnapshot> Metrics { get; } = new(KeptSpans);

    public static void AddTo(IServiceCollection services)
    {
        // A new host's exports start afresh: a stopped host's last export (flushed as it was disposed) would read as its.
        Spans.Clear();
        Metrics.Clear();
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics));
    }
}

/// <summary>A thread-safe collection that keeps only its latest items (the exporters write from their own threads).</summary>
public sealed class BoundedCollection<T>(int capacity) : ICollection<T>
{
    private readonly LinkedList<T> items = new();

    public int Count
    {
        get
        {
            lock (items) return items.Count;
        }
    }

    public bool IsReadOnly => false;

    public void Add(T item)
    {
        lock (items)
        {
            items.AddLast(item);
            if (items.Count > capacity) items.RemoveFirst();
        }
    }

    public IReadOnlyList<T> Snapshot()
    {
        lock (items) return [.. items];
    }

    public void Clear()
    {
        lock (items) items.Clear();
    }

    public bool Contains(T item)
    {
        lock (items) return items.Contains(item);
    }

    public void CopyTo(T[] array, int arrayIndex)
    {
        lock (items) items.CopyTo(array, arrayIndex);
    }

    public bool Remove(T item)
    {
        lock (items) return items.Remove(item);
    }

    public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
