using Marten;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Odm.Mapping;
using TrialMonitor.Api.Odm.Reading;
using TrialMonitor.Api.Patients.Chart;
using TrialMonitor.Api.Patients.Correcting;
using TrialMonitor.Api.Patients.Recording;
using Wolverine;

namespace TrialMonitor.Api.Odm.Importing;

/// <summary>
/// An import's writes through the door, committed or in a dry run only decided (<see cref="IOdmWriter"/>): finds or
/// enrols each subject's patient, keeps the subject's write model current after each command, counts what was done and
/// reports every refusal of the door.
/// </summary>
public sealed class OdmWrites(IOdmWriter writer, IDocumentStore store, OdmImportRequest request, OdmImportSummary summary,
    Action<OdmImportRow> refused)
{
    private readonly string correlationId = Guid.NewGuid().ToString();

    /// <summary>The subject's patient: found in the trial by its subject id, else enrolled; null (and the subject's Refusal set) when it cannot be.</summary>
    public async Task<ImportedPatient?> PatientOfAsync(OdmSubjectImport subject, OdmItemGroup group, OdmMapping mapping, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(mapping);
        if (subject.Refusal is not null) return null;
        if (subject.Patient is { } current) return current;
        if (subject.PatientId is { } known) return subject.Patient = await ImportedPatient.LoadAsync(store, known, cancellation);
        var subjectId = mapping.SubjectIdOf(group.SubjectKey);
        await using (var session = store.QuerySession())
        {
            var existing = await session.Query<PatientChart>().FirstOrDefaultAsync(p => p.TrialId == request.TrialId && p.SubjectId == subjectId, cancellation);
            if (existing is not null)
            {
                subject.PatientId = existing.Id;
                return subject.Patient = await ImportedPatient.LoadAsync(store, existing.Id, cancellation);
            }
        }
        var (enrolment, problem) = OdmEnrolments.Of(mapping, request.TrialId, group.SiteOid, subjectId, subject.EnrolmentItems);
        if (enrolment is null)
        {
            subject.Refusal = problem;
            return null;
        }
        try
        {
            var (result, patient) = await writer.EnrolAsync(enrolment, Actor(group, null), cancellation);
            if (!result.AlreadyRecorded) summary.Enrolled++;
            subject.PatientId = enrolment.PatientId;
            return subject.Patient = patient;
        }
        catch (Exception e) when (e is InvalidInputException or WriteForbiddenException)
        {
            subject.Refusal = $"subject '{subjectId}' could not be enrolled: " + (e is InvalidInputException invalid ? string.Join("; ", invalid.Errors) : e.Message);
            return null;
        }
    }

    /// <summary>Records, corrects or voids; a refusal is reported against the items of the group's fields.</summary>
    public async Task WriteAsync(OdmSubjectImport subject, OdmItemGroup group, OdmGroupMapping rule, IReadOnlyDictionary<string, string?> values,
        object command, string? reason, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(values);
        try
        {
            var (result, patient) = await writer.WriteAsync(subject.Patient!, command, Actor(group, reason), cancellation);
            subject.Patient = patient;
            if (result.AlreadyRecorded)
            {
                summary.AlreadyRecorded++;
                return;
            }
            if (command is VoidEntry) summary.Voided++;
            else
            {
                summary.Appended++;
                if (command is RecordEntry { Correction: not null }) summary.Corrected++;
            }
        }
        catch (InvalidInputException invalid)
        {
            foreach (var error in invalid.Errors)
            {
                var field = error.Field[(error.Field.IndexOf('.', StringComparison.Ordinal) + 1)..];
                var item = rule.Fields.TryGetValue(field, out var f) ? f.Item : null;
                refused(new OdmImportRow(group.LineOf(item), group.Path + (item is null ? "" : $"/ItemData[{item}]"), error.Field,
                    item is not null ? values.GetValueOrDefault(item) : null, error.Reason));
            }
        }
        catch (Exception e) when (e is WriteForbiddenException or VersionConflictException)
        {
            refused(new OdmImportRow(group.Line, group.Path, "", null, e.Message));
        }
    }

    private DeliveryOptions Actor(OdmItemGroup group, string? reason) =>
        WriteActor.Import(request.User, request.Role, request.Scope, request.FileName, group.Path, reason, correlationId);
}
