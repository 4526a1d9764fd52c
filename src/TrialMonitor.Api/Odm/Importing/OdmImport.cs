using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using JasperFx.Events;
using Marten;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Odm.Mapping;
using TrialMonitor.Api.Odm.Reading;
using TrialMonitor.Api.Patients;
using TrialMonitor.Api.Patients.Correcting;
using TrialMonitor.Api.Patients.Enrolling;
using TrialMonitor.Api.Validation;
using TrialMonitor.Clinical.Course;
using Wolverine;

namespace TrialMonitor.Api.Odm.Importing;

/// <summary>
/// Imports the clinical data of an ODM file through the write path: each mapped item group becomes one
/// command (enrolment, entry, correction, void) sent through <see cref="PatientWrites"/> as a mutation
/// would be, so it meets the same door. Items are merged per item group across the file (an audit
/// stream sends one item at a time); a group missing a field waits for it and is reported at the end.
/// A dry run takes the handlers' decisions on the write model without committing them.
/// </summary>
public sealed class OdmImport(IMessageBus bus, IDocumentStore store, TimeProvider clock)
{
    private readonly Dictionary<string, SubjectState> subjects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string?>> merged = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (OdmItemGroup Group, List<OdmValueProblem> Missing)> waiting = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, ImportedPatient> dryRunPatients = [];
    private readonly OdmImportSummary summary = new();
    private OdmMapping mapping = null!;
    private OdmImportRequest request = null!;
    private Action<OdmImportRow> refused = null!;
    private readonly string correlationId = Guid.NewGuid().ToString();

    public async Task<OdmImportSummary> RunAsync(Stream file, OdmMapping odmMapping, OdmImportRequest importRequest, Action<OdmImportRow> onRefused,
        Action<OdmImportProgress>? onProgress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        mapping = odmMapping ?? throw new ArgumentNullException(nameof(odmMapping));
        request = importRequest ?? throw new ArgumentNullException(nameof(importRequest));
        refused = row =>
        {
            summary.RefusedRows++;
            onRefused(row);
        };
        summary.DryRun = request.DryRun;
        var watch = Stopwatch.StartNew();
        var lastProgress = TimeSpan.Zero;
        foreach (var group in OdmReader.Read(file))
        {
            summary.ItemGroups++;
            summary.ItemsRead += group.Items.Count;
            await ImportAsync(group, cancellation);
            if (onProgress is not null && watch.Elapsed - lastProgress > TimeSpan.FromSeconds(1))
            {
                lastProgress = watch.Elapsed;
                onProgress(new OdmImportProgress(summary.ItemsRead, summary.Appended, summary.RefusedRows, watch.Elapsed,
                    file.CanSeek && file.Length > 0 ? (double)file.Position / file.Length : null));
            }
        }
        foreach (var subject in subjects.Values.Where(s => s.PatientId is null && s.Refusal is null && s.FirstSeen is not null))
        {
            if (await PatientOfAsync(subject, subject.FirstSeen!, cancellation) is null)
                refused(new OdmImportRow(subject.FirstSeen!.Line, subject.FirstSeen.Path, "enrolment", null, subject.Refusal!));
        }
        foreach (var (group, missing) in waiting.Values)
            foreach (var problem in missing)
                refused(new OdmImportRow(group.Line, group.Path, problem.Field, null, problem.Reason));
        summary.Elapsed = watch.Elapsed;
        return summary;
    }

    private async Task ImportAsync(OdmItemGroup group, CancellationToken cancellation)
    {
        if (mapping.Ignores(group))
        {
            summary.IgnoredGroups++;
            return;
        }
        var subject = subjects.TryGetValue(group.SubjectKey, out var known) ? known : subjects[group.SubjectKey] = new SubjectState();
        if (mapping.IsEnrolmentGroup(group))
        {
            var enrolmentItems = mapping.Enrolment.Fields.Values.Select(f => f.Item).OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (var item in group.Items)
            {
                if (enrolmentItems.Contains(item.ItemOid)) subject.EnrolmentItems[item.ItemOid] = item.TransactionType == OdmItemGroup.Remove ? null : item.Value;
                else if (!mapping.IgnoresItem(item.ItemOid)) Unmapped(group, item, "no field of the enrolment reads it");
            }
            subject.FirstSeen ??= group;
            // Enrolled as soon as the file has said all the enrolment needs; else at the subject's first entry, or at the end.
            if (subject.PatientId is null && subject.Refusal is null && Enrolment(group, mapping.SubjectIdOf(group.SubjectKey), subject).Problem is null
                && await PatientOfAsync(subject, group, cancellation) is null)
                refused(new OdmImportRow(group.Line, group.Path, "enrolment", null, subject.Refusal!));
            return;
        }
        var rule = mapping.GroupFor(group);
        if (rule is null)
        {
            foreach (var item in group.Items) Unmapped(group, item, $"item group {group.ItemGroupOid} of form {group.FormOid} is not in the mapping");
            return;
        }
        var kind = EntryKinds.All.SingleOrDefault(k => k.Name == rule.Kind)
            ?? throw new InvalidDataException($"the mapping names kind '{rule.Kind}'; the kinds are {string.Join(", ", EntryKinds.All.Select(k => k.Name))}");
        var mappedItems = rule.Fields.Values.Select(f => f.Item).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var groupKey = group.SubjectKey + "|" + group.Path;
        var values = merged.TryGetValue(groupKey, out var m) ? m : merged[groupKey] = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var item in group.Items)
        {
            if (mappedItems.Contains(item.ItemOid)) values[item.ItemOid] = item.TransactionType == OdmItemGroup.Remove ? null : item.Value;
            else if (!mapping.IgnoresItem(item.ItemOid)) Unmapped(group, item, $"no field of the {kind.Name} mapping reads it");
        }

        var patient = await PatientOfAsync(subject, group, cancellation);
        if (patient is null)
        {
            foreach (var item in group.Items.Where(i => mappedItems.Contains(i.ItemOid)))
                refused(new OdmImportRow(item.Line, group.ItemPath(item), item.ItemOid, item.Value, subject.Refusal!));
            return;
        }
        var key = OdmEntryKeys.Of(group);
        var audit = group.LatestAudit;
        if (group.IsRemoval)
        {
            waiting.Remove(groupKey);
            if (OdmEntryKeys.InForce(patient, key) is not { } removed) return;
            var reason = audit?.ReasonForChange ?? $"removed in the EDC ({Who(audit)})";
            await WriteAsync(group, rule, values, new VoidEntry(patient.Id, removed, reason), reason, cancellation);
            return;
        }

        var problems = new List<OdmValueProblem>();
        var json = OdmValues.Read(kind.ValueType, rule.Fields, values, problems);
        if (json is null) return;
        if (problems.Count > 0 && problems.All(p => p.Value is null))
        {
            waiting[groupKey] = (group, problems);
            return;
        }
        waiting.Remove(groupKey);
        if (problems.Count > 0)
        {
            foreach (var p in problems) refused(new OdmImportRow(LineOf(group, p.ItemOid), group.Path + (p.ItemOid is null ? "" : $"/ItemData[{p.ItemOid}]"), p.Field, p.Value, p.Reason));
            return;
        }
        var value = OdmValues.ToValue(json, kind.ValueType);
        var inForce = OdmEntryKeys.InForce(patient, key);
        // The entry in force, or one this file voided later (read again, its removal follows), already says this.
        var recorded = inForce ?? (patient.Has(key) ? key : null);
        if (recorded is not null && kind.ValueOf(patient.Entry(recorded)).Equals(value))
        {
            summary.AlreadyRecorded++;
            return;
        }
        var insert = group.TransactionType == "Insert";
        if (inForce is null && !patient.Has(key) || insert)
        {
            await WriteAsync(group, rule, values, new RecordEntry(kind.Record(patient.Id, key, value)), null, cancellation);
            return;
        }
        var changedKey = OdmEntryKeys.Changed(key, value);
        if (patient.Has(changedKey))
        {
            summary.AlreadyRecorded++;
            return;
        }
        var why = audit?.ReasonForChange ?? $"changed in the EDC ({Who(audit)})";
        var correction = inForce is null ? null : new Correction(inForce, why);
        await WriteAsync(group, rule, values, new RecordEntry(kind.Record(patient.Id, changedKey, value), correction), correction?.Reason, cancellation);
    }

    private async Task WriteAsync(OdmItemGroup group, OdmGroupMapping rule, Dictionary<string, string?> values, object command, string? reason,
        CancellationToken cancellation)
    {
        var actor = WriteActor.Import(request.User, request.Role, request.Sites, request.FileName, group.Path, reason, correlationId);
        try
        {
            var result = request.DryRun ? Decide(command, actor) : await bus.SendAsync(command, actor, cancellation);
            if (result.AlreadyRecorded) summary.AlreadyRecorded++;
            else if (command is VoidEntry) summary.Voided++;
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
                refused(new OdmImportRow(LineOf(group, item), group.Path + (item is null ? "" : $"/ItemData[{item}]"), error.Field,
                    item is not null ? values.GetValueOrDefault(item) : null, error.Reason));
            }
        }
        catch (Exception e) when (e is WriteForbiddenException or VersionConflictException)
        {
            refused(new OdmImportRow(group.Line, group.Path, "", null, e.Message));
        }
    }

    private EntryResult Decide(object command, DeliveryOptions actor)
    {
        var envelope = new Envelope();
        foreach (var (name, value) in actor.Headers) envelope.Headers[name] = value;
        var access = WriteAccess.Of(envelope);
        var (patientId, (result, events)) = command switch
        {
            RecordEntry record => (record.PatientId, EntryRecording.Decide(record, dryRunPatients[record.PatientId].Patient,
                dryRunPatients[record.PatientId].Named(EntryRecording.KeysNamedBy(record)), access, ClinicalDates.Today(clock))),
            VoidEntry voiding => (voiding.PatientId, VoidEntryHandler.Decide(voiding, dryRunPatients[voiding.PatientId].Patient,
                dryRunPatients[voiding.PatientId].Named(voiding.EntryKey), access)),
            _ => throw new ArgumentOutOfRangeException(nameof(command)),
        };
        dryRunPatients[patientId] = dryRunPatients[patientId].After(events);
        return result;
    }

    private async Task<ImportedPatient?> PatientOfAsync(SubjectState subject, OdmItemGroup group, CancellationToken cancellation)
    {
        if (subject.Refusal is not null) return null;
        if (subject.PatientId is { } known) return await LoadAsync(known, cancellation);
        var subjectId = mapping.SubjectIdOf(group.SubjectKey);
        await using (var session = store.QuerySession())
        {
            var existing = await session.Query<PatientChart>().FirstOrDefaultAsync(p => p.TrialId == request.TrialId && p.SubjectId == subjectId, cancellation);
            if (existing is not null)
            {
                subject.PatientId = existing.Id;
                return await LoadAsync(existing.Id, cancellation);
            }
        }
        var (enrolment, problem) = Enrolment(group, subjectId, subject);
        if (enrolment is null)
        {
            subject.Refusal = problem;
            return null;
        }
        var actor = WriteActor.Import(request.User, request.Role, request.Sites, request.FileName, group.Path, null, correlationId);
        try
        {
            if (request.DryRun)
            {
                var envelope = new Envelope();
                foreach (var (name, value) in actor.Headers) envelope.Headers[name] = value;
                await using var session = store.QuerySession();
                await EnrolPatientHandler.Handle(enrolment, session, envelope, clock, cancellation);
                dryRunPatients[enrolment.PatientId] = ImportedPatient.Enrolled(
                    new PatientEnrolled(enrolment.PatientId, enrolment.TrialId, enrolment.EnrolledOn, enrolment.Baseline));
            }
            else if (!(await bus.SendAsync(enrolment, actor, cancellation)).AlreadyRecorded) summary.Enrolled++;
            if (request.DryRun) summary.Enrolled++;
        }
        catch (Exception e) when (e is InvalidInputException or WriteForbiddenException)
        {
            subject.Refusal = $"subject '{subjectId}' could not be enrolled: " + (e is InvalidInputException invalid ? string.Join("; ", invalid.Errors) : e.Message);
            return null;
        }
        subject.PatientId = enrolment.PatientId;
        return await LoadAsync(enrolment.PatientId, cancellation);
    }

    private (EnrolPatient? Enrolment, string? Problem) Enrolment(OdmItemGroup group, string subjectId, SubjectState subject)
    {
        var site = mapping.SiteOf(group.SiteOid);
        if (site is null) return (null, $"the subject's site '{group.SiteOid}' is not one the mapping names (subjects.sites)");
        var problems = new List<OdmValueProblem>();
        var start = new JsonObject { ["subjectId"] = subjectId, ["site"] = site };
        var json = OdmValues.Read(typeof(Baseline), mapping.Enrolment.Fields, subject.EnrolmentItems, problems,
            new Dictionary<string, Type> { ["enrolledOn"] = typeof(DateOnly), ["dateOfBirth"] = typeof(DateOnly) }, start);
        var enrolledOn = json?["enrolledOn"]?.GetValue<string>() is { } on ? DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture) : (DateOnly?)null;
        if (json is not null && enrolledOn is { } date && json["dateOfBirth"]?.GetValue<string>() is { } born)
        {
            var birth = DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture);
            json["ageAtEnrolment"] = date.Year - birth.Year - (date < birth.AddYears(date.Year - birth.Year) ? 1 : 0);
            problems.RemoveAll(p => p.Field == "ageAtEnrolment");
        }
        if (enrolledOn is null) problems.Add(new OdmValueProblem("enrolledOn", null, null, "missing: the file has no value for it and the mapping states none"));
        if (json is null || problems.Count > 0)
            return (null, $"subject '{subjectId}' could not be enrolled: " +
                          string.Join("; ", problems.Select(p => p.Value is null ? $"{p.Field} {p.Reason}" : $"{p.Field} '{p.Value}' {p.Reason}")));
        json.Remove("enrolledOn");
        json.Remove("dateOfBirth");
        var baseline = OdmValues.ToValue<Baseline>(json);
        return (new EnrolPatient(PatientIdOf(subjectId), request.TrialId, enrolledOn!.Value, baseline), null);
    }

    /// <summary>The same subject of the same trial is the same patient id in every import.</summary>
    private Guid PatientIdOf(string subjectId) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{request.TrialId:N}/{subjectId}"))[..16]);

    private async Task<ImportedPatient> LoadAsync(Guid patientId, CancellationToken cancellation)
    {
        if (request.DryRun && dryRunPatients.TryGetValue(patientId, out var simulated)) return simulated;
        await using var session = store.QuerySession();
        var patient = await ImportedPatient.LoadAsync(session, patientId, cancellation)
            ?? throw new InvalidOperationException($"patient {patientId} has no stream");
        if (request.DryRun) dryRunPatients[patientId] = patient;
        return patient;
    }

    private void Unmapped(OdmItemGroup group, OdmItem item, string why)
    {
        if (item.TransactionType == OdmItemGroup.Remove) return;
        refused(new OdmImportRow(item.Line, group.ItemPath(item), item.ItemOid, item.Value, "unmapped: " + why));
    }

    private static int LineOf(OdmItemGroup group, string? itemOid) => group.Items.LastOrDefault(i => i.ItemOid == itemOid)?.Line ?? group.Line;

    private static string Who(OdmAudit? audit) =>
        audit is null ? "no audit record" : $"by {audit.User ?? "unknown user"} at {audit.DateTimeStamp ?? "an unknown time"}";

    private sealed class SubjectState
    {
        public Dictionary<string, string?> EnrolmentItems { get; } = new(StringComparer.Ordinal);
        public Guid? PatientId { get; set; }
        public OdmItemGroup? FirstSeen { get; set; }
        public string? Refusal { get; set; }
    }
}
