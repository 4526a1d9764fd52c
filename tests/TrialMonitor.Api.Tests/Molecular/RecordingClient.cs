using System.Globalization;
using System.Text.Json.Nodes;
using TrialMonitor.Api.Tests.Audit;
using TrialMonitor.Api.Tests.GraphQL.SchemaTests;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Molecular;

/// <summary>A trial and its patients recorded through the GraphQL mutations, as a client of the API records them.</summary>
public sealed class RecordingClient(AppFixture app)
{
    public GraphQLOperations Graph { get; } = new(app);

    /// <param name="dataCutoffOn">yyyy-MM-dd, or null for none (the molecular response is then known on today).</param>
    public async Task<Guid> RegisterTrialAsync(string criteriaSet, string? dataCutoffOn)
    {
        var trial = Guid.NewGuid();
        var cutoff = dataCutoffOn is null ? "null" : $"\"{dataCutoffOn}\"";
        await SendAsync($$"""
            mutation($t: ID!) { registerTrial(trialId: $t, code: "FL-{{criteriaSet}}", title: "First-line imatinib", sites: ["MDACC"],
              settings: { criteriaSet: "{{criteriaSet}}", dataCutoffOn: {{cutoff}} }) { id } }
            """, new { t = trial });
        return trial;
    }

    /// <summary>Enrolled on 2023-12-15, diagnosed on 2023-12-01.</summary>
    public async Task<Guid> EnrolAsync(Guid trial, string subjectId)
    {
        var patient = Guid.NewGuid();
        await SendAsync("""
            mutation($p: ID!, $t: ID!, $s: String!) { enrolPatient(patientId: $p, trialId: $t, enrolledOn: "2023-12-15",
              baseline: { subjectId: $s, site: "MDACC", ageAtEnrolment: 50, sex: FEMALE, diagnosedOn: "2023-12-01", ecog: 0,
                spleenCmBelowCostalMargin: 0, hepatomegaly: false, clonalEvolution: false, diseaseGroupAtStandardDose: CYTOGENETIC_RESISTANCE })
              { version } }
            """, new { p = patient, t = trial, s = subjectId });
        return patient;
    }

    /// <summary>The first dose: day 0.</summary>
    public Task StartAsync(Guid patient, string on) => SendAsync($$"""
        mutation($p: ID!) { changeDose(patientId: $p, entryKey: "DOSE-START",
          dose: { effectiveOn: "{{on}}", action: STARTED, dailyDoseMg: 400, schedule: "daily" }) { version } }
        """, new { p = patient });

    public Task DiscontinueAsync(Guid patient, string on) => SendAsync($$"""
        mutation($p: ID!) { discontinueTherapy(patientId: $p, entryKey: "OFF",
          discontinuation: { effectiveOn: "{{on}}", reason: PATIENT_DECISION }) { version } }
        """, new { p = patient });

    /// <summary>A BCR-ABL1 result, its values written into the document as a client's form would send them.</summary>
    public Task PcrAsync(Guid patient, string on, decimal percentIs, int copies) => SendAsync($$"""
        mutation($p: ID!) { recordMolecular(patientId: $p, entryKey: "PCR-{{on}}",
          molecular: { collectedOn: "{{on}}", bcrAbl1PercentIs: {{percentIs.ToString(CultureInfo.InvariantCulture)}}, abl1ControlCopies: {{copies}} }) { version } }
        """, new { p = patient });

    private async Task SendAsync(string mutation, object variables) => (await Graph.ExecuteAsync(mutation, variables)).Data();

    public async Task<JsonNode> QueryAsync(string query, object variables) => (await Graph.ExecuteAsync(query, variables)).Data();
}
