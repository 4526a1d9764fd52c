using System.Net;
using System.Net.Http.Headers;
using System.Text;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Tests.Auth;
using TrialMonitor.Api.Tests.GraphQL.SchemaTests;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Odm;

/// <summary>
/// The ODM upload door, like the GraphQL one: each bad upload is refused with a 4xx naming its problem, nothing is
/// appended, and the API answers the next request.
/// </summary>
public sealed class OdmUploadCorpusTests(AppFixture app) : IntegrationTest(app)
{
    private const string Odm = "http://www.cdisc.org/ns/odm/v1.3";

    private static readonly string GoodOdm = $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <ODM xmlns="{Odm}" FileOID="F.1" FileType="Snapshot" CreationDateTime="2024-01-01T00:00:00" ODMVersion="1.3.2">
          <ClinicalData StudyOID="S.1" MetaDataVersionOID="MDV.1">
            <SubjectData SubjectKey="001"><SiteRef LocationOID="LOC.site002"/>
              <StudyEventData StudyEventOID="SE.VISIT1"><FormData FormOID="F.AE"><ItemGroupData ItemGroupOID="IG.AE" ItemGroupRepeatKey="1">
                <ItemData ItemOID="IT.AETERM" Value="Nausea"/>
              </ItemGroupData></FormData></StudyEventData>
            </SubjectData>
          </ClinicalData>
        </ODM>
        """;

    public static TheoryData<string, string, string?, HttpStatusCode, string> Cases => new()
    {
        { "cut off", GoodOdm[..(GoodOdm.Length / 2)], "cdisc-example-3.json", HttpStatusCode.BadRequest, "file: the file is not well-formed XML (line " },
        { "control character", GoodOdm.Replace("Nausea", "Nau\u0001sea", StringComparison.Ordinal), "cdisc-example-3.json", HttpStatusCode.BadRequest, "hexadecimal value 0x01, is an invalid character" },
        { "control character, no mapping", GoodOdm.Replace("Nausea", "Nau\u0001sea", StringComparison.Ordinal), null, HttpStatusCode.BadRequest, "file: the file is not well-formed XML (line 6" },
        { "DTD", GoodOdm.Replace("<ODM ", "<!DOCTYPE ODM [<!ENTITY x \"y\">]>\n<ODM ", StringComparison.Ordinal), "cdisc-example-3.json", HttpStatusCode.BadRequest, "file: the file declares a DTD (<!DOCTYPE>): DTDs are refused" },
        { "another namespace", GoodOdm.Replace(Odm, "http://www.cdisc.org/ns/odm/v2.0", StringComparison.Ordinal), "cdisc-example-3.json", HttpStatusCode.BadRequest, "not CDISC ODM 1.3: its root element is {http://www.cdisc.org/ns/odm/v2.0}ODM" },
        { "no clinical data", $"""<ODM xmlns="{Odm}" FileOID="F.1" FileType="Snapshot"><Study OID="S.1"/></ODM>""", "cdisc-example-3.json", HttpStatusCode.BadRequest, "holds no ClinicalData" },
        { "unknown kind", GoodOdm, """{ "source": "x", "enrolment": { "fields": {} }, "groups": [ { "itemGroup": "IG.AE", "kind": "Ferritin", "fields": {} } ] }""", HttpStatusCode.BadRequest, "mapping: groups[0].kind: 'Ferritin' is not an entry kind; the kinds are BloodCount" },
        { "unknown field", GoodOdm, """{ "source": "x", "enrolment": { "fields": {} }, "groups": [ { "itemGroup": "IG.AE", "kind": "Toxicity", "fields": { "severity": { "item": "IT.AESEV" } } } ] }""", HttpStatusCode.BadRequest, "groups[0].fields.severity: the Toxicity value has no field 'severity'" },
        { "unknown enrolment field", GoodOdm, """{ "source": "x", "enrolment": { "fields": { "height": { "item": "IT.HEIGHT" } } }, "groups": [] }""", HttpStatusCode.BadRequest, "enrolment.fields.height: not a field of the enrolment" },
        { "mapping without groups", GoodOdm, """{ "source": "x", "enrolment": { "fields": {} } }""", HttpStatusCode.BadRequest, "mapping: groups: missing" },
        { "mapping not JSON", GoodOdm, "{ not json", HttpStatusCode.BadRequest, "mapping: " },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_upload_is_refused_naming_its_problem_and_nothing_is_appended(string name, string file, string? mapping, HttpStatusCode status, string message)
    {
        var trial = await Bus.TrialWithSites("SITE-1", "SITE-2");
        var before = await AccessScenario.EventCount(App);

        var (answered, body) = await Upload(trial, Encoding.UTF8.GetBytes(file), mapping);

        Assert.True(answered == status, $"{name}: {(int)answered} {body}");
        Assert.Contains(message, body, StringComparison.Ordinal);
        Assert.Equal(before, await AccessScenario.EventCount(App));
        Assert.Empty(await App.Charts(trial));
        Assert.Null((await new GraphQLOperations(App).ExecuteAsync("{ trials { id } }"))["errors"]);
    }

    [Fact]
    public async Task An_unknown_trial_is_answered_404_before_the_file_is_read()
    {
        var before = await AccessScenario.EventCount(App);
        var unknown = Guid.NewGuid();

        var (status, body) = await Upload(unknown, Encoding.UTF8.GetBytes("not even XML"), "{ not json");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal($"no trial {unknown}: register it first (registerTrial)", body);
        Assert.Equal(before, await AccessScenario.EventCount(App));
    }

    [Fact]
    public async Task A_dry_run_that_is_neither_true_nor_false_is_refused_naming_it()
    {
        var trial = await Bus.TrialWithSites("SITE-1", "SITE-2");
        var before = await AccessScenario.EventCount(App);

        var (status, body) = await Upload(trial, Encoding.UTF8.GetBytes(GoodOdm), "cdisc-example-3.json", "?dryRun=maybe");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("dryRun 'maybe' is neither true nor false", body);
        Assert.Equal(before, await AccessScenario.EventCount(App));
    }

    /// <param name="mapping">A mapping under ops/odm-mappings by its file name, a mapping's JSON, or null for none.</param>
    private async Task<(HttpStatusCode Status, string Body)> Upload(Guid trial, byte[] file, string? mapping, string query = "")
    {
        using var client = App.Host.Server.CreateClient();
        using var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(file), "file", "export.xml");
        if (mapping is not null)
        {
            var json = mapping.EndsWith(".json", StringComparison.Ordinal) ? await File.ReadAllBytesAsync(OdmTestData.Mapping(mapping)) : Encoding.UTF8.GetBytes(mapping);
            content.Add(new ByteArrayContent(json), "mapping", "mapping.json");
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/odm/trials/{trial}/import{query}") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", App.Token("ada", [Roles.Admin]));
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
