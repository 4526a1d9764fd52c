using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Patients.Entries;
using TrialMonitor.Api.Patients.Recording;

namespace TrialMonitor.Api.Door;

/// <summary>Names an earlier entry that a new one replaces, and why (corrections always say why).</summary>
public sealed record Correction(string SupersedesEntryKey, string Reason);

/// <summary>What a command did: the entry's key, the stream version after it, and whether it was a repeat.</summary>
public sealed record EntryResult(Guid PatientId, string EntryKey, long Version, bool AlreadyRecorded);

/// <summary>
/// The door every clinical entry passes, whoever sends it: the patient must exist and be at a site the
/// writer may write to, the entry must be within what a clinic could have measured (its kind's checks
/// and the clinical date rules), an entry key is recorded once (a repeat with the same content is
/// acknowledged without appending; different content is refused), a correction names an existing entry
/// and a reason, and a client that says which version it decided on is refused when the stream has moved since.
/// </summary>
public static class EntryRecording
{
    public const int MaxEntryKeyLength = 128;
    public const int MaxReasonLength = 2_000;

    public static (EntryResult Result, IReadOnlyList<object> Events) Decide(RecordEntry command, Patient? patient, RecordedEntries recorded,
        WriteScope scope, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(scope);
        var entry = command.Entry;
        patient = RequireEnrolled(entry.PatientId, patient);
        scope.EnsureCanWrite(patient.Site, $"Patient {patient.Id}");
        var kind = EntryKinds.Of(entry);
        var checks = new FieldChecks().Key(entry.EntryKey, "entryKey", MaxEntryKeyLength);
        kind.Check(checks, entry);
        checks.ClinicalDate(kind, entry.ClinicalOn, patient, command.Correction is not null, today);
        CheckCorrection(checks, recorded, command.Correction, "correction.supersedesEntryKey", "correction.reason");
        checks.ThrowIfAny();

        if (recorded.Recorded(entry.EntryKey) is { } existing)
        {
            checks.Require(existing.Equals(entry), "entryKey",
                $"'{entry.EntryKey}' was already recorded for this patient with different content; record a correction instead");
            checks.ThrowIfAny();
            return (new EntryResult(patient.Id, entry.EntryKey, recorded.LatestVersion(patient.Version), AlreadyRecorded: true), []);
        }

        // A repeat is acknowledged whatever version the client saw; a new entry needs the version it was decided on.
        VersionConflictException.ThrowIfStale(patient.Id, command.ExpectedVersion, patient.Version);
        object[] events = command.Correction is not { } correction
            ? [entry]
            : [new EntryVoided(patient.Id, correction.SupersedesEntryKey, correction.Reason.Trim(), entry.EntryKey), entry];
        return (new EntryResult(patient.Id, entry.EntryKey, patient.Version + events.Length, AlreadyRecorded: false), events);
    }

    public static Patient RequireEnrolled(Guid patientId, Patient? patient) => patient
        ?? throw new InvalidInputException([new FieldError("patientId", $"no patient is enrolled with id {patientId}")]);

    /// <summary>The keys of the earlier entries a command needs to see: its own (a repeat) and the one it corrects.</summary>
    public static string?[] KeysNamedBy(RecordEntry command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return [command.Entry.EntryKey, command.Correction?.SupersedesEntryKey];
    }

    public static void CheckCorrection(FieldChecks checks, RecordedEntries recorded, Correction? correction, string keyField, string reasonField)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(recorded);
        if (correction is null) return;
        checks.Text(correction.Reason, reasonField, MaxReasonLength);
        checks.Require(recorded.Recorded(correction.SupersedesEntryKey) is not null, keyField,
            $"no entry '{correction.SupersedesEntryKey}' was recorded for this patient");
        checks.Require(!recorded.IsVoided(correction.SupersedesEntryKey), keyField,
            $"entry '{correction.SupersedesEntryKey}' was already corrected or voided");
    }
}
