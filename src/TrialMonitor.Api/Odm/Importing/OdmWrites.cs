using Marten;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Odm.Mapping;
using TrialMonitor.Api.Odm.Reading;
using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Patients.Correcting;
using TrialMonitor.Api.Patients.Enrolling;
using TrialMonitor.Api.Validation;
using Wolverine;

namespace TrialMonitor.Api.Odm.Importing;

/// <summary>
/// Sends an import's commands through <see cref="PatientWrites"/> as a mutation would, or in a dry run takes the
/// handlers' own decisions without committing them. The subject's write model is loaded once and kept current by
/// folding the events each command decided, so an item group costs one command, not a reload of the stream.
/// Counts what was done and reports every refusal of the door.
/// </summary>
public sealed class OdmWrites(IMessageBus bus, IDocumentStore store, TimeProvider clock, OdmImportRequest request, OdmImportSummary summary,
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
        if (subject.PatientId is { } known) return subject.Patient = await LoadAsync(known, cancellation);
        var subjectId = mapping.SubjectIdOf(group.SubjectKey);
        await using (var session = store.QuerySession())
        {
            var existing = await session.Query<PatientChart>().FirstOrDefaultAsync(p => p.TrialId == request.TrialId && p.SubjectId == subjectId, cancellation);
            if (existing is not null)
            {
                subject.PatientId = existing.Id;
                return subject.Patient = await LoadAsync(existing.Id, cancellation);
            }
        }
        var (enrolment, problem) = OdmEnrolments.Of(mapping, request.TrialId, group.SiteOid, subjectId, subject.EnrolmentItems);
        if (enrolment is null)
        {
            subject.Refusal = problem;
            return null;
        }
        var actor = Actor(group, null);
        try
        {
            if (request.DryRun)
            {
                await using var session = store.QuerySession();
                await EnrolPatientHandler.Handle(enrolment, session, EnvelopeOf(actor), clock, cancellation);
                subject.Patient = ImportedPatient.Enrolled(
                    new PatientEnrolled(enrolment.PatientId, enrolment.TrialId, enrolment.EnrolledOn, enrolment.Baseline));
                summary.Enrolled++;
            }
            else if (!(await bus.SendAsync(enrolment, actor, cancellation)).AlreadyRecorded) summary.Enrolled++;
        }
        catch (Exception e) when (e is InvalidInputException or WriteForbiddenException)
        {
            subject.Refusal = $"subject '{subjectId}' could not be enrolled: " + (e is InvalidInputException invalid ? string.Join("; ", invalid.Errors) : e.Message);
            return null;
        }
        subject.PatientId = enrolment.PatientId;
        return subject.Patient ??= await LoadAsync(enrolment.PatientId, cancellation);
    }

    /// <summary>Records, corrects or voids; a refusal is reported against the items of the group's fields.</summary>
    public async Task WriteAsync(OdmSubjectImport subject, OdmItemGroup group, OdmGroupMapping rule, IReadOnlyDictionary<string, string?> values,
        object command, string? reason, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(values);
        var actor = Actor(group, reason);
        try
        {
            var result = request.DryRun ? Decide(subject, command, actor) : await bus.SendAsync(command, actor, cancellation);
            if (result.AlreadyRecorded)
            {
                summary.AlreadyRecorded++;
                return;
            }
            if (!request.DryRun) await FollowAsync(subject, command, actor, result, cancellation);
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

    /// <summary>After a command committed: its events folded into the subject's write model (reloaded when another writer moved the stream).</summary>
    private async Task FollowAsync(OdmSubjectImport subject, object command, DeliveryOptions actor, EntryResult result, CancellationToken cancellation)
    {
        try
        {
            Decide(subject, command, actor);
            if (subject.Patient!.Patient.Version != result.Version) subject.Patient = await LoadAsync(result.PatientId, cancellation);
        }
        catch (Exception e) when (e is InvalidInputException or WriteForbiddenException or VersionConflictException)
        {
            subject.Patient = await LoadAsync(result.PatientId, cancellation);
        }
    }

    private EntryResult Decide(OdmSubjectImport subject, object command, DeliveryOptions actor)
    {
        var patient = subject.Patient!;
        var access = WriteAccess.Of(EnvelopeOf(actor));
        var (result, events) = command switch
        {
            RecordEntry record => EntryRecording.Decide(record, patient.Patient, patient.Named(EntryRecording.KeysNamedBy(record)), access, ClinicalDates.Today(clock)),
            VoidEntry voiding => VoidEntryHandler.Decide(voiding, patient.Patient, patient.Named(voiding.EntryKey), access),
            _ => throw new ArgumentOutOfRangeException(nameof(command)),
        };
        subject.Patient = patient.After(events);
        return result;
    }

    private DeliveryOptions Actor(OdmItemGroup group, string? reason) =>
        WriteActor.Import(request.User, request.Role, request.Sites, request.FileName, group.Path, reason, correlationId);

    private static Envelope EnvelopeOf(DeliveryOptions actor)
    {
        var envelope = new Envelope();
        foreach (var (name, value) in actor.Headers) envelope.Headers[name] = value;
        return envelope;
    }

    private async Task<ImportedPatient> LoadAsync(Guid patientId, CancellationToken cancellation)
    {
        await using var session = store.QuerySession();
        return await ImportedPatient.LoadAsync(session, patientId, cancellation)
            ?? throw new InvalidOperationException($"patient {patientId} has no stream");
    }
}
