using Marten.Events;
using TrialMonitor.Api.Alerts;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Api.Patients.Recording;
using TrialMonitor.Api.Tests.Support;
using TrialMonitor.Clinical.Course;
using Wolverine;

namespace TrialMonitor.Api.Tests.Alerts;

/// <summary>Recording steps and reads the alert tests share.</summary>
internal static class AlertScenario
{
    // How long the async daemon may take to catch up: a freshly loaded demo trial (thousands of events
    // at once) on a 2-core CI machine shared with the rest of the suite took more than one minute.
    public static readonly TimeSpan DaemonTimeout = TimeSpan.FromMinutes(3);

    public static DateOnly Day(int year, int month, int day = 1) => new(year, month, day);

    public static Task<EntryResult> Toxicity(this IMessageBus bus, Guid patient, string key, int grade, string term = "Nausea") =>
        bus.InvokeAsync<EntryResult>(new RecordEntry(new ToxicityReported(patient, key, new ReportedToxicity(Day(2000, 5), term, grade))), TestWriter.AllSites);

    public static Task<EntryResult> Counts(this IMessageBus bus, Guid patient, string key, decimal neutrophils, decimal platelets = 250m) =>
        bus.InvokeAsync<EntryResult>(new RecordEntry(new BloodCountRecorded(patient, key,
            new BloodCount(Day(2000, 5), 6m, neutrophils, platelets, 13m, 0m, 1m, 0m, new LowerLimitsOfNormal(4m, 1.8m, 140m, 12m)))), TestWriter.AllSites);

    public static Task<EntryResult> Dose(this IMessageBus bus, Guid patient, string key, DateOnly on, DoseAction action, int mg, string? reason = null) =>
        bus.InvokeAsync<EntryResult>(new RecordEntry(new DoseChanged(patient, key, new DoseChange(on, action, mg, "daily", reason))), TestWriter.AllSites);

    public static Task<EntryResult> Karyotype(this IMessageBus bus, Guid patient, string key, DateOnly on, decimal ph) =>
        bus.InvokeAsync<EntryResult>(new RecordEntry(new CytogeneticsRecorded(patient, key, new CytogeneticAssessment(on, ph, CytogeneticMethod.Karyotype, 20, false))), TestWriter.AllSites);

    /// <summary>Every alert once the async daemon has caught up, in feed order.</summary>
    public static async Task<IReadOnlyList<Alert>> Alerts(this AppFixture app)
    {
        await app.Store.WaitForNonStaleProjectionDataAsync(DaemonTimeout);
        await using var session = app.Store.QuerySession();
        return await AlertFeed.AfterAsync(session, 0, limit: 10_000);
    }

    public static async Task<IReadOnlyList<Alert>> AlertsOf(this AppFixture app, Guid patient) =>
        [.. (await app.Alerts()).Where(a => a.PatientId == patient)];
}
