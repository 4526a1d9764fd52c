using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.Patients.Entries;

namespace TrialMonitor.Api.Fhir;

/// <summary>A Quantity of an Observation read as the value of a field, converted to the field's unit by <see cref="UcumUnits"/>.</summary>
public static class Quantities
{
    /// <param name="checks">Checks under the resource's path.</param>
    /// <param name="path">The resource's path in the Bundle, to name the element the value came from.</param>
    /// <param name="element">The Quantity's element within the resource (valueQuantity, referenceRange[0].low ...).</param>
    public static LabValue? Read(FieldChecks checks, Quantity quantity, string path, string element, string field, LabTest test)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(quantity);
        ArgumentNullException.ThrowIfNull(test);
        if (quantity.Comparator is { } comparator)
        {
            checks.Fail($"{element}.comparator", $"'{comparator.GetLiteral()}' does not give a measured value: send the value itself "
                                                  + "(0 % for a BCR-ABL1 that was undetectable)");
            return null;
        }
        if (quantity.Value is not { } value)
        {
            checks.Fail($"{element}.value", "is required");
            return null;
        }
        if (quantity.System is { } system && system != UcumUnits.System)
        {
            checks.Fail($"{element}.system", $"must be {UcumUnits.System} (got '{system}')");
            return null;
        }
        var unit = quantity.Code ?? quantity.Unit;
        if (UcumUnits.Convert(test.Measure, value, unit) is not { } converted)
        {
            checks.Fail($"{element}.code", $"{(unit is null ? "no unit" : $"'{unit}'")} is not a unit TrialMonitor converts {test.Name} from; "
                                            + $"it takes {string.Join(", ", UcumUnits.Accepted(test.Measure))}");
            return null;
        }
        if (test.Measure == LabMeasure.Copies && converted != decimal.Truncate(converted))
        {
            checks.Fail($"{element}.value", $"must be a whole number of copies (got {UcumUnits.Show(value, unit)})");
            return null;
        }
        return new LabValue(field, converted, $"{path}.{element}.value", UcumUnits.Show(value, unit));
    }
}
