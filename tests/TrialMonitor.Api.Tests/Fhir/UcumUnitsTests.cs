using TrialMonitor.Api.Fhir;
using TrialMonitor.Api.Patients.Entries;

namespace TrialMonitor.Api.Tests.Fhir;

/// <summary>DOMAIN's CTCAE unit rules as UCUM codes: hemoglobin g/L ÷ 10 = g/dL; G/L and 10^3/uL = 10^9/L; 10^3/mL and cells/mm³ ÷ 1000.</summary>
public sealed class UcumUnitsTests
{
    [Theory]
    [InlineData(LabMeasure.Hemoglobin, 7.2, "g/dL", 7.2)]
    [InlineData(LabMeasure.Hemoglobin, 72, "g/L", 7.2)]
    [InlineData(LabMeasure.Hemoglobin, 7.2, "g/dl", 7.2)]
    [InlineData(LabMeasure.CellCount, 5.2, "10*9/L", 5.2)]
    [InlineData(LabMeasure.CellCount, 5.2, "G/L", 5.2)]
    [InlineData(LabMeasure.CellCount, 210, "10*3/uL", 210)]
    [InlineData(LabMeasure.CellCount, 4100, "10*3/mL", 4.1)]
    [InlineData(LabMeasure.CellCount, 3100, "/mm3", 3.1)]
    [InlineData(LabMeasure.CellCount, 3100, "{cells}/mm3", 3.1)]
    [InlineData(LabMeasure.Percent, 0.08, "%", 0.08)]
    [InlineData(LabMeasure.Copies, 52000, "{copies}", 52000)]
    public void A_unit_of_the_table_is_converted_to_the_unit_its_field_stores(LabMeasure measure, double value, string unit, double stored) =>
        Assert.Equal((decimal)stored, UcumUnits.Convert(measure, (decimal)value, unit));

    [Theory]
    [InlineData(LabMeasure.Hemoglobin, "mmol/L")]
    [InlineData(LabMeasure.Hemoglobin, "10*9/L")]
    [InlineData(LabMeasure.CellCount, "10*12/L")]
    [InlineData(LabMeasure.CellCount, "g/dL")]
    [InlineData(LabMeasure.Percent, "1")]
    [InlineData(LabMeasure.Copies, "%")]
    [InlineData(LabMeasure.Hemoglobin, null)]
    public void Any_other_unit_is_refused_not_guessed(LabMeasure measure, string? unit) =>
        Assert.Null(UcumUnits.Convert(measure, 1m, unit));
}
