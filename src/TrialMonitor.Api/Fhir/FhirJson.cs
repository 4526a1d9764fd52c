using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace TrialMonitor.Api.Fhir;

/// <summary>FHIR R4 JSON in and out, read and written with Firely's SDK.</summary>
public static class FhirJson
{
    public const string MediaType = "application/fhir+json";

    public const string Version = "4.0.1";

    /// <summary>Where the FHIR endpoints are served (FHIR's base URL).</summary>
    public const string Base = "/fhir/r4";

    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());
    private static readonly FhirJsonSerializer Serializer = new();

    /// <summary>A resource as the client sent it; throws <see cref="DeserializationFailedException"/> naming what is wrong.</summary>
    public static Resource Parse(string json) => Deserializer.DeserializeResource(json);

    public static T Parse<T>(string json) where T : Resource => Deserializer.Deserialize<T>(json);

    public static string Serialize(Base resource) => Serializer.SerializeToString(resource);

    public static IResult Result(Resource resource, int status) =>
        Results.Content(Serialize(resource), MediaType, Encoding.UTF8, status);

    /// <summary>FHIR's JSON media type, or plain JSON (which FHIR servers take too).</summary>
    public static bool IsFhirJson(string? contentType) =>
        contentType is not null && (contentType.StartsWith(MediaType, StringComparison.OrdinalIgnoreCase)
                                    || contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase));
}
