using System.Security.Cryptography;
using System.Text;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Odm.Mapping;
using TrialMonitor.Api.Odm.Reading;

namespace TrialMonitor.Api.Odm.Importing;

/// <summary>
/// Entry keys from the ODM keys (study event and repeat key, form and repeat key, item group and repeat
/// key; the subject is the stream), or the FormRepeatKey of TrialMonitor's own export (the entry's own key), so
/// importing a file again finds the entries it made. A changed value
/// is recorded under the key followed by ~ and a digest of the value, correcting the entry in force.
/// </summary>
public static class OdmEntryKeys
{
    private const int DigestLength = 12;

    public static string Of(OdmItemGroup group, OdmEntryKeySource source = OdmEntryKeySource.OdmKeys)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (source == OdmEntryKeySource.FormRepeatKey && !string.IsNullOrEmpty(group.FormRepeatKey)) return group.FormRepeatKey;
        var key = $"ODM:{group.StudyEventOid}[{group.StudyEventRepeatKey}]/{group.FormOid}[{group.FormRepeatKey}]/{group.ItemGroupOid}[{group.ItemGroupRepeatKey}]";
        // Room for a correction's suffix within the door's limit.
        return key.Length <= EntryRecording.MaxEntryKeyLength - DigestLength - 1 ? key : "ODM:" + Digest(key, 40);
    }

    public static string Changed(string key, object value) => key + "~" + Digest(System.Text.Json.JsonSerializer.Serialize(value), DigestLength);

    /// <summary>The entry of this ODM key in force on the patient (the key itself or its latest correction), if any.</summary>
    public static string? InForce(ImportedPatient patient, string key)
    {
        ArgumentNullException.ThrowIfNull(patient);
        return patient.Recorded.Keys
            .Where(k => (k == key || k.StartsWith(key + "~", StringComparison.Ordinal)) && !patient.IsVoided(k))
            .FirstOrDefault();
    }

    private static string Digest(string text, int length) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..length];
}
