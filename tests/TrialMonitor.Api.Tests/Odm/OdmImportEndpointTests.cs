using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Odm;

/// <summary>POST /odm/trials/{id}/import: coordinators (their sites only) and admins upload an export with its mapping.</summary>
public sealed class OdmImportEndpointTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task A_coordinator_uploads_the_cdisc_example_and_only_the_subjects_of_their_site_go_in()
    {
        var trial = await Bus.TrialWithSites("SITE-1", "SITE-2");

        var response = await Upload(trial, App.Token("carla", [Roles.Coordinator], ["SITE-2"]));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        // LOC.site002 (SITE-2) holds 7 of the 12 subjects, 001 with its two adverse events among them; LOC.site001 the other 5.
        Assert.Equal((7, 2), (body.GetProperty("enrolled").GetInt32(), body.GetProperty("appended").GetInt32()));
        var refused = body.GetProperty("refused").EnumerateArray().ToList();
        Assert.Equal(5, refused.Count);
        Assert.All(refused, r => Assert.Contains("is at site SITE-1; your token's sites are SITE-2", r.GetProperty("reason").GetString(), StringComparison.Ordinal));
        Assert.Equal(7, (await App.Charts(trial)).Count);
    }

    [Theory]
    [InlineData(Roles.Auditor, HttpStatusCode.Forbidden)]
    [InlineData(Roles.SafetyMonitor, HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    public async Task Other_roles_are_refused_and_nothing_is_appended(string? role, HttpStatusCode expected)
    {
        var trial = await Bus.TrialWithSites("SITE-1", "SITE-2");

        var response = await Upload(trial, role is null ? null : App.Token("someone", [role]));

        Assert.Equal(expected, response.StatusCode);
        Assert.Empty(await App.Charts(trial));
    }

    [Fact]
    public async Task An_admin_imports_every_site()
    {
        var trial = await Bus.TrialWithSites("SITE-1", "SITE-2");

        var response = await Upload(trial, App.Token("ada", [Roles.Admin]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(12, (await App.Charts(trial)).Count);
    }

    private async Task<HttpResponseMessage> Upload(Guid trial, string? token)
    {
        using var client = App.Host.Server.CreateClient();
        using var content = new MultipartFormDataContent();
        content.Add(new StreamContent(File.OpenRead(OdmTestData.File(OdmTestData.CdiscExample))), "file", OdmTestData.CdiscExample);
        content.Add(new StreamContent(File.OpenRead(OdmTestData.Mapping("cdisc-example-3.json"))), "mapping", "cdisc-example-3.json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/odm/trials/{trial}/import") { Content = content };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }
}
