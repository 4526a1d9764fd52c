using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Entries;

namespace TrialMonitor.Api.Fhir;

/// <summary>
/// Reads one Observation of a lab's Bundle: its identifier, code (one of the declared lab tests), subject, status,
/// collection date and value in a unit the table converts. What is missing or unknown is refused naming the element;
/// a result the lab has not finished (registered, preliminary, cancelled, unknown) is answered as not recorded.
/// </summary>
public static class ObservationReader
{
    public static (LabObservation? Observation, EntryAnswer? Answer) Read(int entry, string? fullUrl, Observation o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var path = $"Bundle.entry[{entry}].resource";
        var checks = new FieldChecks().Under(path);
        LabStatus? status = o.Status switch
        {
            ObservationStatus.Final => LabStatus.Final,
            ObservationStatus.Amended or ObservationStatus.Corrected => LabStatus.Amended,
            ObservationStatus.EnteredInError => LabStatus.Withdrawn,
            _ => null,
        };
        if (status is null)
        {
            return o.Status is null
                ? (null, EntryAnswer.Refused(422, path + ".status", "is required"))
                : (null, EntryAnswer.NotRecorded($"its status is {o.Status.GetLiteral()}; TrialMonitor records final, amended and corrected "
                                                 + "results (and withdraws entered-in-error ones)"));
        }
        if (o.Value is null && o.DataAbsentReason is { } absent && status != LabStatus.Withdrawn)
            return (null, EntryAnswer.NotRecorded($"it has no value ({absent.Text ?? absent.Coding.FirstOrDefault()?.Code ?? "data absent"})"));

        var key = Identifiers.Key(o.Identifier);
        checks.Require(key is not null, "identifier",
            "is required: TrialMonitor keys a result by it, so the same result sent again is recorded once and an amendment finds it");
        var tested = o.Code?.Coding.Select(c => LabCodes.Result(c.System, c.Code)).FirstOrDefault(t => t is not null);
        if (tested is null) checks.Fail("code", $"{Show(o.Code)} is not a result TrialMonitor records; it records {LabCodes.Describe()}");
        var subject = LabSubject.Of(o.Subject);
        checks.Require(subject is not null, "subject", $"must be {LabSubject.Expected} (got {LabSubject.Show(o.Subject)})");
        var (collectedOn, dateElement) = Dates.Collection(checks, o.Effective, path);

        var values = new List<LabValue>();
        if (tested is { Test: var test } && status != LabStatus.Withdrawn)
        {
            if (o.Value is Quantity quantity) Add(values, Quantities.Read(checks, quantity, path, "valueQuantity", test.Field, test));
            else checks.Fail("value[x]", o.Value is null ? "is required: a valueQuantity" : $"must be a valueQuantity (got {o.Value.TypeName})");
            if (test.LowerLimitField is { } lowerLimitField
                && o.ReferenceRange.Select((range, i) => (range.Low, i)).FirstOrDefault(r => r.Low is not null) is { Low: { } low } lowest)
                Add(values, Quantities.Read(checks, low, path, $"referenceRange[{lowest.i}].low", lowerLimitField, test));
            foreach (var component in LabCodes.ComponentsOf(test))
            {
                var at = o.Component.FindIndex(c => c.Code?.Coding.Any(cd => cd.System == component.System && cd.Code == component.Code) == true);
                if (at < 0)
                    checks.Fail("component", $"must hold the {component.Name} ({component.System}|{component.Code}, unit {UcumUnits.Stored(component.Measure)}) "
                                             + $"with a {test.Name} result");
                else if (o.Component[at].Value is not Quantity componentQuantity)
                    checks.Fail($"component[{at}].value[x]", "must be a valueQuantity");
                else
                    Add(values, Quantities.Read(checks, componentQuantity, path, $"component[{at}].valueQuantity", component.Field, component));
            }
        }
        if (checks.Errors.Count > 0) return (null, EntryAnswer.Refused(422, checks.Errors));

        var (kind, lab) = tested!.Value;
        IReadOnlyList<string> fields = [lab.Field, .. lab.LowerLimitField is { } lower ? [lower] : Array.Empty<string>(), .. LabCodes.ComponentsOf(lab).Select(c => c.Field)];
        return (new LabObservation(entry, key!, kind, lab, status.Value, fields, values, collectedOn, dateElement, subject!,
            Specimen(o.Specimen), o.Note.FirstOrDefault()?.Text, FhirJson.Serialize(o), References.Of(fullUrl, "Observation", o.Id)), null);
    }

    private static void Add(List<LabValue> values, LabValue? value)
    {
        if (value is not null) values.Add(value);
    }

    private static string? Specimen(ResourceReference? specimen) => specimen switch
    {
        { Identifier: { } identifier } => $"{identifier.System}|{identifier.Value}",
        { Reference: { } reference } => reference,
        _ => null,
    };

    private static string Show(CodeableConcept? code) => code?.Coding.FirstOrDefault() is { } coding
        ? (coding.System == LabTest.LoincSystem ? $"LOINC {coding.Code}" : $"'{coding.System}|{coding.Code}'") + (coding.Display is { } display ? $" ({display})" : "")
        : code?.Text is { } text ? $"'{text}' (no coding)" : "no code";
}
