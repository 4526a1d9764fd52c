using System.Text.Json.Nodes;
using Marten;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Tests.Alerts;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Auth;

/// <summary>A trial at MDACC and SITE-2, a patient at each with a recorded blood count, and an open alert at MDACC.</summary>
public sealed record AccessScenario(Guid Trial, Guid Patient, Guid OtherSitePatient, Guid Alert)
{
    public const string Site = "MDACC";
    public const string OtherSite = "SITE-2";
    public const string RecordedEntry = "CBC-1";

    public static async Task<AccessScenario> CreateAsync(AppFixture app)
    {
        var trial = await app.Bus.Trial();
        var patient = await app.Bus.EnrolledPatient(trial, "001", Site);
        var other = await app.Bus.EnrolledPatient(trial, "002", OtherSite);
        await app.Bus.Counts(patient, RecordedEntry, neutrophils: 3m);
        await app.Bus.Toxicity(patient, "TOX-1", 3);
        var alert = (await app.Alerts()).Single();
        return new AccessScenario(trial, patient, other, alert.Id);
    }

    private static int ownPatients;

    /// <summary>The same scenario but for a new patient at <see cref="Site"/> with its own <see cref="RecordedEntry"/>.</summary>
    public async Task<AccessScenario> WithPatientOfItsOwnAsync(AppFixture app)
    {
        var patient = await app.Bus.EnrolledPatient(Trial, $"OWN-{Interlocked.Increment(ref ownPatients)}", Site);
        await app.Bus.Counts(patient, RecordedEntry, neutrophils: 3m);
        return this with { Patient = patient };
    }

    /// <summary>A token of one role; a coordinator works at <see cref="Site"/> only, a lab for the trial's code.</summary>
    public static string Authorization(AppFixture app, string role, string? site = Site) =>
        "Bearer " + app.Token($"matrix-{role}", [role], role == Roles.Coordinator && site is not null ? [site] : [], role == Roles.Lab ? [TrialCode] : []);

    /// <summary>The code <see cref="Given.Trial"/> registers the trial with.</summary>
    public const string TrialCode = "CML-110";

    public static async Task<long> EventCount(AppFixture app)
    {
        await using var session = app.Store.QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync();
    }

    public static IReadOnlyList<string> Codes(JsonNode response) =>
        response["errors"]?.AsArray().Select(error => (string?)error!["extensions"]?["code"] ?? "").ToList() ?? [];
}
