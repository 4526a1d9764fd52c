using System.Text.Json;
using TrialMonitor.Api.Odm.Mapping;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Tests.Odm;

/// <summary>How a mapping reads the text of ODM items into an entry's value, and how it reports what it cannot read.</summary>
public sealed class OdmValuesTests
{
    private static OdmField Field(string json) => JsonSerializer.Deserialize<OdmField>(json, OdmMapping.Json)!;

    private static readonly Dictionary<string, OdmField> CountFields = new()
    {
        ["collectedOn"] = Field("""{ "item": "LBDT", "format": "dd MMM yyyy|yyyy-MM-dd" }"""),
        ["wbc"] = Field("""{ "item": "WBC" }"""),
        ["hemoglobin"] = Field("""{ "item": "HGB", "unit": "g/L", "factor": 0.1 }"""),
    };

    [Fact]
    public void Numbers_without_a_leading_zero_month_names_in_any_case_and_units_scaled_by_the_factor()
    {
        var problems = new List<OdmValueProblem>();

        var json = OdmValues.Read(typeof(BloodCount), CountFields, new Dictionary<string, string?> { ["LBDT"] = "01 JAN 2008", ["WBC"] = ".4334", ["HGB"] = "135" }, problems);

        Assert.Empty(problems);
        Assert.Equal(new BloodCount(new(2008, 1, 1), 0.4334m, null, null, 13.5m, null, null, null, null), OdmValues.ToValue<BloodCount>(json!));
    }

    [Fact]
    public void A_malformed_date_and_a_value_outside_the_code_list_are_reported_with_the_item_and_the_text()
    {
        var problems = new List<OdmValueProblem>();
        var fields = new Dictionary<string, OdmField>
        {
            ["onsetOn"] = Field("""{ "item": "AESTDTC", "format": "dd MMM yyyy" }"""),
            ["term"] = Field("""{ "item": "AETERM" }"""),
            ["grade"] = Field("""{ "item": "AESEV", "codes": { "Mild": 1, "Moderate": 2, "Severe": 3 } }"""),
        };

        OdmValues.Read(typeof(ReportedToxicity), fields, new Dictionary<string, string?> { ["AESTDTC"] = "01 NNN 2008", ["AETERM"] = "Rash", ["AESEV"] = "Awful" }, problems);

        Assert.Equal(
        [
            new OdmValueProblem("onsetOn", "AESTDTC", "01 NNN 2008", "not a date (dd MMM yyyy)"),
            new OdmValueProblem("grade", "AESEV", "Awful", "not in the code list of the mapping (Mild, Moderate, Severe)"),
        ], problems);
    }

    private static readonly string[] Severities = ["39", "40", "69.9", "70", "100"];

    [Fact]
    public void Bands_turn_a_scale_into_a_grade_and_a_stated_value_fills_an_absent_item()
    {
        var fields = new Dictionary<string, OdmField>
        {
            ["onsetOn"] = Field("""{ "item": "DATE", "format": "yyyy MM dd" }"""),
            ["term"] = Field("""{ "value": "Pain" }"""),
            ["grade"] = Field("""{ "item": "SEVERE", "bands": [ { "below": 40, "value": 1 }, { "below": 70, "value": 2 }, { "below": 100.0001, "value": 3 } ] }"""),
        };

        ReportedToxicity Read(string severity) =>
            OdmValues.ToValue<ReportedToxicity>(OdmValues.Read(typeof(ReportedToxicity), fields,
                new Dictionary<string, string?> { ["DATE"] = "2008 01 02", ["SEVERE"] = severity }, [])!);

        Assert.Equal([1, 2, 2, 3, 3], Severities.Select(s => Read(s).Grade));
        Assert.Equal(new ReportedToxicity(new(2008, 1, 2), "Pain", 3), Read("90"));
    }

    [Fact]
    public void A_required_field_the_file_does_not_give_is_reported_missing_and_nothing_present_reads_as_no_value()
    {
        var problems = new List<OdmValueProblem>();

        Assert.Null(OdmValues.Read(typeof(BloodCount), CountFields, new Dictionary<string, string?> { ["OTHER"] = "1" }, problems));
        OdmValues.Read(typeof(BloodCount), CountFields, new Dictionary<string, string?> { ["WBC"] = "5" }, problems);

        var missing = Assert.Single(problems);
        Assert.Equal(("collectedOn", "LBDT", (string?)null), (missing.Field, missing.ItemOid, missing.Value));
        Assert.StartsWith("missing", missing.Reason, StringComparison.Ordinal);
    }
}
