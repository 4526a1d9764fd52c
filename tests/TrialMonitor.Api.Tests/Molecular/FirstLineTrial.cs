using Marten;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Molecular;

/// <summary>
/// An ELN-2020 trial with its data cut-off on 2025-01-31 and eleven patients, recorded once for a test class
/// through the GraphQL mutations (the tests only read it). Day 0 is 2024-01-01 unless said otherwise: the
/// milestone days are then 2024-04-01 (91), 2024-07-01 (182) and 2024-12-31 (365), the cut-off is day 396.
/// </summary>
public sealed class FirstLineTrial
{
    public const string Cutoff = "2025-01-31";

    private FirstLineTrial(Guid trialId, IReadOnlyDictionary<string, Guid> patients)
    {
        TrialId = trialId;
        Patients = patients;
    }

    public Guid TrialId { get; }

    /// <summary>Patient ids by subject id.</summary>
    public IReadOnlyDictionary<string, Guid> Patients { get; }

    public static async Task<FirstLineTrial> RecordAsync(AppFixture app)
    {
        await app.Host.ResetAllMartenDataAsync();
        var client = new RecordingClient(app);
        var trial = await client.RegisterTrialAsync("ELN-2020", Cutoff);
        var patients = new Dictionary<string, Guid>();
        async Task<Guid> Enrol(string subject) => patients[subject] = await client.EnrolAsync(trial, subject);

        // 001 never started therapy (no day 0); every level boundary of DOMAIN.md's table, the door's least copies (1).
        var p = await Enrol("001");
        await client.PcrAsync(p, "2024-02-01", 10.5m, 50_000);
        await client.PcrAsync(p, "2024-02-02", 10m, 50_000);
        await client.PcrAsync(p, "2024-02-03", 1m, 50_000);
        await client.PcrAsync(p, "2024-02-04", 0.1m, 50_000);
        await client.PcrAsync(p, "2024-02-05", 0.01m, 10_000);
        await client.PcrAsync(p, "2024-02-06", 0.01m, 9_999);
        await client.PcrAsync(p, "2024-02-07", 0.0032m, 32_000);
        await client.PcrAsync(p, "2024-02-08", 0.0032m, 31_999);
        await client.PcrAsync(p, "2024-02-09", 0.001m, 100_000);
        await client.PcrAsync(p, "2024-02-10", 0.001m, 99_999);
        await client.PcrAsync(p, "2024-02-11", 0m, 10_000);
        await client.PcrAsync(p, "2024-02-12", 0m, 9_999);
        await client.PcrAsync(p, "2024-02-13", 0m, 1);
        await client.PcrAsync(p, "2024-02-14", 0m, 100_000);

        // 002: > 10 % at 3 months confirmed 30 days later.
        p = await Enrol("002");
        await client.StartAsync(p, "2024-01-01");
        await client.PcrAsync(p, "2024-04-01", 25m, 50_000);
        await client.PcrAsync(p, "2024-05-01", 12m, 50_000);
        await client.PcrAsync(p, "2024-07-01", 5m, 50_000);
        await client.PcrAsync(p, "2024-12-31", 0.5m, 50_000);

        // 003: > 10 % at 3 months confirmed 91 days later; nothing in the 12-month window, which closed the day before the cut-off.
        p = await Enrol("003");
        await client.StartAsync(p, "2024-01-01");
        await client.PcrAsync(p, "2024-04-01", 25m, 50_000);
        await client.PcrAsync(p, "2024-07-01", 12m, 50_000);

        // 004: the second > 10 % result 92 days after the 3-month one, too late to confirm it.
        p = await Enrol("004");
        await client.StartAsync(p, "2024-01-01");
        await client.PcrAsync(p, "2024-04-01", 25m, 50_000);
        await client.PcrAsync(p, "2024-07-02", 12m, 50_000);
        await client.PcrAsync(p, "2024-12-31", 3m, 50_000);

        // 005: a result 30 days before the 3-month day (in), one 31 days before the 6-month day (out), two results
        // 10 days either side of the 12-month day; MMR reached on the earlier of those, lost on the later.
        p = await Enrol("005");
        await client.StartAsync(p, "2024-01-01");
        await client.PcrAsync(p, "2024-03-02", 5m, 50_000);
        await client.PcrAsync(p, "2024-05-31", 2m, 50_000);
        await client.PcrAsync(p, "2024-12-21", 0.05m, 50_000);
        await client.PcrAsync(p, "2025-01-10", 0.2m, 50_000);

        // 006: optimal at every milestone, MMR reached on day 365 itself.
        p = await Enrol("006");
        await client.StartAsync(p, "2024-01-01");
        await client.PcrAsync(p, "2024-04-01", 8m, 50_000);
        await client.PcrAsync(p, "2024-07-01", 0.8m, 50_000);
        await client.PcrAsync(p, "2024-12-31", 0.1m, 32_000);

        // 007: day 0 on 2024-01-02, so the cut-off is its 12-month day + 30 (window still open) and its day 395
        // (no current status yet); a result dated after the cut-off is not read.
        p = await Enrol("007");
        await client.StartAsync(p, "2024-01-02");
        await client.PcrAsync(p, "2024-04-02", 4m, 50_000);
        await client.PcrAsync(p, "2024-07-02", 0.05m, 50_000);
        await client.PcrAsync(p, "2025-02-15", 0.5m, 50_000);

        // 008: the last evaluable result 122 days before the cut-off; a later undetectable one on 5,000 copies counts for nothing.
        p = await Enrol("008");
        await client.StartAsync(p, "2024-01-01");
        await client.PcrAsync(p, "2024-04-01", 3m, 50_000);
        await client.PcrAsync(p, "2024-07-01", 0.5m, 50_000);
        await client.PcrAsync(p, "2024-10-01", 0.09m, 50_000);
        await client.PcrAsync(p, "2024-12-15", 0m, 5_000);

        // 009: the last result 123 days before the cut-off.
        p = await Enrol("009");
        await client.StartAsync(p, "2024-01-01");
        await client.PcrAsync(p, "2024-04-01", 12m, 50_000);
        await client.PcrAsync(p, "2024-06-20", 6m, 50_000);
        await client.PcrAsync(p, "2024-09-30", 1.5m, 50_000);

        // 010: day 0 on 2024-09-01 (152 days before the cut-off), no result.
        p = await Enrol("010");
        await client.StartAsync(p, "2024-09-01");

        // 011: no result, off therapy since 2024-06-01.
        p = await Enrol("011");
        await client.StartAsync(p, "2024-01-01");
        await client.DiscontinueAsync(p, "2024-06-01");

        return new FirstLineTrial(trial, patients);
    }
}

/// <summary>Records <see cref="FirstLineTrial"/> at most once per test class that reads it.</summary>
public sealed class FirstLineTrialFixture
{
    private readonly object gate = new();
    private Task<FirstLineTrial>? recorded;

    public Task<FirstLineTrial> RecordedAsync(AppFixture app)
    {
        lock (gate) return recorded ??= FirstLineTrial.RecordAsync(app);
    }
}
