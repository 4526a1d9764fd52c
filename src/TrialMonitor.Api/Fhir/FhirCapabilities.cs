using Hl7.Fhir.Model;
using TrialMonitor.Api.Auth;

namespace TrialMonitor.Api.Fhir;

/// <summary>GET /fhir/r4/metadata: what TrialMonitor takes and answers, from the lab tests the entry kinds declare and the unit table.</summary>
public static class FhirCapabilities
{
    public static CapabilityStatement Statement(string baseUrl) => new()
    {
        Status = PublicationStatus.Active,
        Date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Kind = CapabilityStatementKind.Instance,
        Software = new CapabilityStatement.SoftwareComponent { Name = "TrialMonitor" },
        Implementation = new CapabilityStatement.ImplementationComponent { Description = "TrialMonitor: lab results of CML trials", Url = baseUrl },
        FhirVersion = FHIRVersion.N4_0_1,
        Format = [FhirJson.MediaType],
        Rest =
        [
            new CapabilityStatement.RestComponent
            {
                Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                Documentation = "POST a transaction (all or nothing) or batch Bundle of Observations and DiagnosticReports. "
                                + $"Results recorded: {LabCodes.Describe()}. The Observations of one DiagnosticReport (or of one specimen "
                                + "and collection) become one blood count; each is keyed by its identifier (the report's, else the "
                                + "Observation's), so a Bundle sent again records nothing twice. Status final records; amended and "
                                + "corrected correct what the same identifier recorded; entered-in-error withdraws it; registered, "
                                + "preliminary, cancelled and unknown are answered as not recorded. The subject is "
                                + $"{LabSubject.Expected}.",
                Security = new CapabilityStatement.SecurityComponent
                {
                    Description = $"A bearer token (Authorization: Bearer <token>). To send results: role {Roles.Coordinator} (the "
                                  + $"patients of the token's sites) or {Roles.Lab} (every site of the trials the token names). To search: "
                                  + $"{Roles.SafetyMonitor}, {Roles.Auditor}, or {Roles.Coordinator} of the subject's site.",
                },
                Interaction =
                [
                    new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.Transaction },
                    new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.Batch },
                ],
                Resource =
                [
                    new CapabilityStatement.ResourceComponent
                    {
                        Type = "Observation",
                        Documentation = "Sent in a transaction or batch; searched for the results in force, as they were sent.",
                        Interaction = [new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType }],
                        SearchParam =
                        [
                            new CapabilityStatement.SearchParamComponent
                            {
                                Name = "subject", Type = SearchParamType.Reference,
                                Documentation = $"required, by identifier: subject:identifier={LabSubject.SystemPrefix}<trial code>|<subject id>",
                            },
                            new CapabilityStatement.SearchParamComponent { Name = "code", Type = SearchParamType.Token, Documentation = "the LOINC code" },
                        ],
                    },
                    new CapabilityStatement.ResourceComponent
                    {
                        Type = "DiagnosticReport",
                        Documentation = "Sent in a transaction or batch with its Observations: they become one blood count keyed by its identifier.",
                    },
                ],
            },
        ],
    };
}
