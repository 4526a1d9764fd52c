using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Entries.Kinds;
using TrialMonitor.Api.Patients.Recording;
using TrialMonitor.Api.Tests.Support;
using TrialMonitor.Clinical.Course;
using Wolverine;

namespace TrialMonitor.Api.Tests.Audit;

/// <summary>A patient course with a correction, recorded as a named coordinator; GraphQL and HTTP as a given role.</summary>
public static class AuditScenario
{
    public const string Coordinator = "dr.lee";
    public const string CorrectionReason = "karyotype re-read: 20 of 20 metaphases, not 30 %";

    public static DeliveryOptions As(string user, string? reason = null)
    {
        var options = new DeliveryOptions { CorrelationId = Guid.NewGuid().ToString() }
            .WithHeader(EventMetadata.User, user)
            .WithHeader(EventMetadata.Role, Roles.Coordinator)
            .WithHeader(EventMetadata.Source, EventMetadata.Sources.Api)
            .WithHeader(WriteScope.Header, WriteScope.AllSites.HeaderValue);
        return reason is null ? options : options.WithHeader(EventMetadata.Reason, reason);
    }

    public static CytogeneticAssessment Karyotype(decimal ph, DateOnly on) => new(on, ph, CytogeneticMethod.Karyotype, 20, false);

    /// <summary>Standard dose, resistance, escalation, a partial response, then its correction: 7 events.</summary>
    public static async Task RecordCourseWithCorrection(this IMessageBus bus, Guid patient)
    {
        await bus.InvokeAsync<EntryResult>(new RecordEntry(new DoseChanged(patient, "D1", new DoseChange(Given.EnrolledOn, DoseAction.Started, 400, "daily", null))), As(Coordinator));
        await bus.InvokeAsync<EntryResult>(new RecordEntry(new CytogeneticsRecorded(patient, "CG1", Karyotype(100m, new(2001, 3, 1)))), As(Coordinator));
        await bus.InvokeAsync<EntryResult>(new RecordEntry(new DoseChanged(patient, "D2", new DoseChange(new(2001, 3, 15), DoseAction.Escalated, 800, "400 mg twice daily", null))), As(Coordinator));
        await bus.InvokeAsync<EntryResult>(new RecordEntry(new CytogeneticsRecorded(patient, "CG2", Karyotype(30m, new(2001, 9, 1)))), As(Coordinator));
        await bus.InvokeAsync<EntryResult>(new RecordEntry(new CytogeneticsRecorded(patient, "CG2b", Karyotype(0m, new(2001, 9, 1))),
            new Correction("CG2", CorrectionReason)), As(Coordinator, CorrectionReason));
    }

    public static async Task<JsonNode> GraphQL(this AppFixture app, string query, object? variables = null, string role = Roles.Auditor)
    {
        var token = app.Token($"{role}-1", [role]);
        var response = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { query, variables }).ToUrl("/graphql");
            s.WithRequestHeader("Accept", "application/graphql-response+json");
            s.WithRequestHeader("Authorization", new AuthenticationHeaderValue("Bearer", token).ToString());
            s.IgnoreStatusCode();
        });
        return JsonNode.Parse(await response.ReadAsTextAsync())!;
    }

    /// <summary>The data of a response that must have no errors.</summary>
    public static JsonNode Data(this JsonNode response)
    {
        Assert.True(response["errors"] is null, response.ToJsonString());
        return response["data"]!;
    }
}
