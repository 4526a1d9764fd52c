using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Odm.Importing;
using TrialMonitor.Api.Patients.Entries;

namespace TrialMonitor.Api.Fhir;

/// <summary>
/// Entry keys of a lab's results: the kind and the identifier of the report (else of the Observation), so the same
/// Bundle sent again finds the entries it made. A correction is keyed as an ODM import's is (<see cref="OdmEntryKeys.Changed"/>:
/// the key its chain started from, ~ and a digest of the value).
/// </summary>
public static partial class FhirEntryKeys
{
    private const int DigestLength = 12;

    public static string Of(EntryKind kind, string identifier)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var key = $"FHIR:{kind.Name}:{identifier}";
        // Room for a correction's suffix within the door's limit.
        return key.Length <= EntryRecording.MaxEntryKeyLength - DigestLength - 1 ? key
            : $"FHIR:{kind.Name}:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(identifier)))[..40];
    }

    /// <summary>The key the chain of corrections an entry belongs to started from.</summary>
    public static string Chain(string key) => CorrectionSuffix().Replace(key, "");

    [GeneratedRegex("~[0-9A-F]{12}$")]
    private static partial Regex CorrectionSuffix();
}
