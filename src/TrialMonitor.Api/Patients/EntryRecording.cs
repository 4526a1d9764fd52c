using TrialMonitor.Api.Validation;

namespace TrialMonitor.Api.Patients;

/// <summary>Names an earlier entry that a new one replaces, and why (corrections always say why).</summary>
public sealed record Correction(string SupersedesEntryKey, string Reason);

/// <summary>What a command did: the entry's key, the stream version after it, and whether it was a repeat.</summary>
public sealed record EntryResult(Guid PatientId, string EntryKey, long Version, bool AlreadyRecorded);

/// <summary>
/// The rules every clinical entry shares: the patient must exist, an entry key is recorded once
/// (a repeat with the same content is acknowledged without appending; different content is refused),
/// a correction names an existing entry and a reason, and a client that says which version it decided
/// on is refused when the stream has moved since.
/// </summary>
public static class EntryRecording
{
    public static (EntryResult Result, IReadOnlyList<object> Events) Decide(
        Guid patientId,
        Patient? patient,
        string entryKey,
        object entry,
        Correction? correction,
        Action<FieldChecks, Patient> validate,
        long? expectedVersion = null)
    {
        patient = RequireEnrolled(patientId, patient);
        var checks = new FieldChecks();
        checks.NotBlank(entryKey, "entryKey");
        validate(checks, patient);
        CheckCorrection(checks, patient, correction, "correction.supersedesEntryKey", "correction.reason");

        if (patient.Entries.TryGetValue(entryKey, out var existing))
        {
            checks.Require(existing.Equals(entry), "entryKey",
                $"'{entryKey}' was already recorded for this patient with different content; record a correction instead");
            checks.ThrowIfAny();
            return (new EntryResult(patient.Id, entryKey, patient.Version, AlreadyRecorded: true), []);
        }

        // A repeat is acknowledged whatever version the client saw; a new entry needs the version it was decided on.
        VersionConflictException.ThrowIfStale(patient.Id, expectedVersion, patient.Version);
        checks.ThrowIfAny();
        object[] events = correction is null
            ? [entry]
            : [new EntryVoided(patient.Id, correction.SupersedesEntryKey, correction.Reason.Trim(), entryKey), entry];
        return (new EntryResult(patient.Id, entryKey, patient.Version + events.Length, AlreadyRecorded: false), events);
    }

    public static Patient RequireEnrolled(Guid patientId, Patient? patient) => patient
        ?? throw new InvalidInputException([new FieldError("patientId", $"no patient is enrolled with id {patientId}")]);

    public static void CheckCorrection(FieldChecks checks, Patient patient, Correction? correction, string keyField, string reasonField)
    {
        if (correction is null) return;
        checks.NotBlank(correction.Reason, reasonField);
        checks.Require(patient.Entries.ContainsKey(correction.SupersedesEntryKey), keyField,
            $"no entry '{correction.SupersedesEntryKey}' was recorded for this patient");
        checks.Require(!patient.VoidedEntryKeys.Contains(correction.SupersedesEntryKey), keyField,
            $"entry '{correction.SupersedesEntryKey}' was already corrected or voided");
    }
}
