using System.Security.Cryptography;
using System.Text;
using Marten;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Api.Trials;
using TrialMonitor.Api.Trials.Registering;
using TrialMonitor.Clinical.Course;
using Wolverine;

namespace TrialMonitor.Api.DemoCohort;

/// <summary>
/// Loads a reconstructed cohort through the write path, as coordinators would have entered it.
/// Every command is idempotent (entry keys, deterministic ids), so an interrupted load is completed
/// by running it again.
/// </summary>
public static class DemoCohortLoader
{
    public static Guid PatientId(Guid trialId, string subjectId) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{trialId:N}/{subjectId}")).AsSpan(0, 16));

    /// <param name="progress">Told the number of patients loaded so far, after each patient.</param>
    public static async Task LoadAsync(Func<IMessageBus> newBus, IDocumentStore store, RegisterTrial trial,
        IReadOnlyList<PatientCourse> courses, IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        // Every event of one load is recorded as an import by the loader, under one correlation id.
        var import = WriteActor.Internal("demo-cohort-loader", EventMetadata.Sources.Import, WriteScope.AllSites);
        await using (var session = store.QuerySession())
        {
            if (await session.LoadAsync<Trial>(trial.TrialId, cancellation) is null)
                await newBus().InvokeAsync<Trial>(trial, import, cancellation);
            else if (await session.Query<PatientChart>().CountAsync(c => c.TrialId == trial.TrialId, cancellation) == courses.Count)
            {
                progress?.Report(courses.Count);
                return;
            }
        }

        var loaded = 0;
        // Patients are independent streams: load a few at once, each patient's entries in order.
        await Parallel.ForEachAsync(courses, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellation },
            async (course, ct) =>
            {
                var bus = newBus(); // a bus is a per-scope context: one per concurrent writer
                foreach (var command in CourseCommands.For(PatientId(trial.TrialId, course.Baseline.SubjectId), trial.TrialId, course))
                    await bus.RecordAsync(command, import, ct);
                progress?.Report(Interlocked.Increment(ref loaded));
            });
    }
}
