using System.Text.Json;
using TrialMonitor.Api.Odm.Mapping;

namespace TrialMonitor.Api.Tests.Odm;

/// <summary>A mapping for hand-written ODM files: DEMOG enrols, AE is a toxicity (grade as written), CBC a blood count (hemoglobin in g/L).</summary>
internal static class OdmTestMapping
{
    public static readonly OdmMapping Mapping = JsonSerializer.Deserialize<OdmMapping>("""
        {
          "source": "tests",
          "subjects": { "sites": { "LOC.site001": "SITE-1", "LOC.site002": "SITE-2" } },
          "enrolment": {
            "itemGroups": ["IG.DEMOG"],
            "fields": {
              "enrolledOn": { "value": "2000-01-01" }, "dateOfBirth": { "item": "IT.DOB", "format": "yyyyMMdd" },
              "sex": { "item": "IT.SEX", "codes": { "M": "Male", "F": "Female" } }, "diagnosedOn": { "value": "1999-01-01" },
              "ecog": { "value": 1 }, "spleenCmBelowCostalMargin": { "value": 0 }, "hepatomegaly": { "value": false },
              "clonalEvolution": { "value": false }, "diseaseGroupAtStandardDose": { "value": "CytogeneticResistance" }
            }
          },
          "groups": [
            { "itemGroup": "IG.AE", "kind": "Toxicity", "fields": {
                "onsetOn": { "item": "IT.AESTDT", "format": "yyyyMMdd" }, "term": { "item": "IT.AETERM" }, "grade": { "item": "IT.AEGRADE" } } },
            { "itemGroup": "IG.CBC", "kind": "BloodCount", "fields": {
                "collectedOn": { "item": "IT.LBDT", "format": "yyyyMMdd" }, "wbc": { "item": "IT.WBC", "unit": "10^9/L" },
                "platelets": { "item": "IT.PLAT", "unit": "10^9/L" }, "hemoglobin": { "item": "IT.HGB", "unit": "g/L", "factor": 0.1 } } }
          ],
          "ignore": { "items": ["IT.PNO"] }
        }
        """, OdmMapping.Json)!;

    public static string OdmFile(string clinicalData) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <ODM xmlns="http://www.cdisc.org/ns/odm/v1.3" ODMVersion="1.3.2" FileType="Transactional" FileOID="test">
        {clinicalData}
        </ODM>
        """;

    public static string Subject(string key, string site, string dob, string sex, string events) => $"""
          <ClinicalData StudyOID="S" MetaDataVersionOID="1">
            <SubjectData SubjectKey="{key}">
              <SiteRef LocationOID="{site}"/>
              <StudyEventData StudyEventOID="SE.BASE"><FormData FormOID="F.DEMOG"><ItemGroupData ItemGroupOID="IG.DEMOG" ItemGroupRepeatKey="1" TransactionType="Insert">
                <ItemData ItemOID="IT.DOB" Value="{dob}"/><ItemData ItemOID="IT.SEX" Value="{sex}"/>
              </ItemGroupData></FormData></StudyEventData>
        {events}
            </SubjectData>
          </ClinicalData>
        """;

    public static int LineOf(string xml, string text) =>
        xml.Split('\n').Select((line, i) => (line, i)).Single(l => l.line.Contains(text, StringComparison.Ordinal)).i + 1;
}
