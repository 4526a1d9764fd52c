using Microsoft.Extensions.Caching.Memory;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Alerts;

/// <summary>
/// The running course of each patient as the alert projection left it after its last batch, at the version
/// of the last event it applied: the next batch takes it instead of refolding the patient's stream, so a
/// live write costs the same on a long history as on a short one. A course is a function of the events up
/// to its version (and the settings it was started with), so it stays right whether or not the batch that
/// computed it committed; it is taken out while a batch works on it and put back at the batch's end.
/// </summary>
/// <param name="patientsHeld">At most this many patients' courses are held; the others are refolded when written to.</param>
public sealed class RecentCourses(long patientsHeld) : IDisposable
{
    public const long DefaultPatientsHeld = 20_000;

    private readonly MemoryCache courses = new(new MemoryCacheOptions { SizeLimit = patientsHeld });

    private sealed record Held(long Version, ClinicalSettings Settings, RunningCourse Course);

    /// <summary>The patient's course after <paramref name="version"/>, started with these settings, if held; it is no longer held after.</summary>
    public RunningCourse? Take(Guid patientId, long version, ClinicalSettings settings)
    {
        if (!courses.TryGetValue(patientId, out Held? held)) return null;
        courses.Remove(patientId);
        return held!.Version == version && held.Settings == settings ? held.Course : null;
    }

    public void Keep(Guid patientId, long version, ClinicalSettings settings, RunningCourse course) =>
        courses.Set(patientId, new Held(version, settings, course), new MemoryCacheEntryOptions { Size = 1 });

    public void Dispose() => courses.Dispose();
}
