using System.Net;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TrialMonitor.Api.Auth;
using TrialMonitor.Api.Tests.Support;

namespace TrialMonitor.Api.Tests.Auth;

/// <summary>Who may use the endpoint at all: a valid token of a known role, over HTTP and on sockets.</summary>
public sealed class AuthenticationTests(AppFixture app) : IntegrationTest(app)
{
    private const string Mutation = """mutation($p: ID!) { recordFollowUpContact(patientId: $p, entryKey: "FU-1", contactOn: "2000-06-01") { version } }""";

    public static TheoryData<string> Unauthenticated => ["Anonymous", "Bearer not-a-token", "Bearer " + ForeignToken(), "Bearer " + ExpiredToken(), "Bearer " + OtherIssuerToken()];

    [Theory]
    [MemberData(nameof(Unauthenticated))]
    public async Task Without_a_valid_token_a_request_is_401_UNAUTHENTICATED_and_appends_nothing(string authorization)
    {
        var scenario = await AccessScenario.CreateAsync(App);
        var before = await AccessScenario.EventCount(App);

        var (status, body, result) = await Post(Mutation, new { p = scenario.Patient }, authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(["UNAUTHENTICATED"], AccessScenario.Codes(body));
        Assert.Equal("Bearer", result.Context.Response.Headers.WWWAuthenticate.ToString());
        Assert.Equal(before, await AccessScenario.EventCount(App));
    }

    [Fact]
    public async Task A_valid_token_without_a_known_role_is_403()
    {
        var (status, body, _) = await Post("{ trials { id } }", null, "Bearer " + App.Token("nobody", ["visitor"]));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(["FORBIDDEN"], AccessScenario.Codes(body));
    }

    [Fact]
    public async Task Introspection_alone_needs_no_token_because_the_schema_is_public()
    {
        var (status, body, _) = await Post("{ __schema { queryType { name } } }", null, "Anonymous");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Query", (string?)body["data"]!["__schema"]!["queryType"]!["name"]);

        var (mixed, _, _) = await Post("{ __schema { queryType { name } } trials { id } }", null, "Anonymous");
        Assert.Equal(HttpStatusCode.Unauthorized, mixed);
    }

    [Fact]
    public async Task A_socket_authenticates_with_the_token_in_connection_init_and_is_closed_4401_without_one()
    {
        var scenario = await AccessScenario.CreateAsync(App);

        using (var anonymous = await Connect())
        {
            await Send(anonymous, new { type = "connection_init" });
            Assert.Equal((WebSocketCloseStatus)4401, await Closed(anonymous));
        }

        using var monitor = await Connect();
        await Send(monitor, new { type = "connection_init", payload = new { Authorization = AccessScenario.Authorization(App, Roles.SafetyMonitor) } });
        Assert.Equal("connection_ack", (string?)(await Receive(monitor))["type"]);

        // The socket's user is the token's: a coordinator of another site may not watch this patient.
        using var coordinator = await Connect();
        await Send(coordinator, new { type = "connection_init", payload = new { Authorization = AccessScenario.Authorization(App, Roles.Coordinator, AccessScenario.OtherSite) } });
        Assert.Equal("connection_ack", (string?)(await Receive(coordinator))["type"]);
        await Send(coordinator, new
        {
            id = "1", type = "subscribe",
            payload = new { query = "subscription($p: ID!) { patientChanged(patientId: $p) { id } }", variables = new { p = scenario.Patient } },
        });
        // Refused while creating the source stream: a result with the error and no data, then complete.
        var refused = await Receive(coordinator);
        Assert.Equal("next", (string?)refused["type"]);
        Assert.Null(refused["payload"]!["data"]);
        Assert.Equal("FORBIDDEN", (string?)refused["payload"]!["errors"]![0]!["extensions"]!["code"]);
        Assert.Equal("complete", (string?)(await Receive(coordinator))["type"]);
    }

    public static TheoryData<string> RefusedSocketTokens => ["expired", "of another issuer", "signed with another key"];

    [Theory]
    [MemberData(nameof(RefusedSocketTokens))]
    public async Task A_socket_whose_connection_init_carries_a_token_that_is_no_longer_or_never_was_valid_is_closed_4401(string token)
    {
        var authorization = "Bearer " + token switch
        {
            "expired" => ExpiredToken(),
            "of another issuer" => OtherIssuerToken(),
            _ => ForeignToken(),
        };
        using var socket = await Connect();

        await Send(socket, new { type = "connection_init", payload = new { Authorization = authorization } });

        Assert.Equal((WebSocketCloseStatus)4401, await Closed(socket));
        Assert.Equal("Unauthorized", socket.CloseStatusDescription);
    }

    [Fact]
    public void Without_a_signing_key_the_host_refuses_to_start_unless_told_to_use_the_development_key()
    {
        static IConfiguration Config(params (string, string)[] values) =>
            new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Item1, v.Item2))).Build();

        var missing = Assert.Throws<InvalidOperationException>(() => AuthSettings.From(Config()));
        Assert.Contains("TrialMonitor:Auth:SigningKey", missing.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => AuthSettings.From(Config(("TrialMonitor:Auth:SigningKey", "short"))));

        var configured = AuthSettings.From(Config(("TrialMonitor:Auth:SigningKey", new string('k', 40)), ("TrialMonitor:Auth:Issuer", "https://idp.example")));
        Assert.Equal(("https://idp.example", false), (configured.Issuer, configured.IsDevelopmentKey));
        Assert.True(AuthSettings.From(Config(("TrialMonitor:Auth:DevelopmentKey", "true"))).IsDevelopmentKey);
    }

    [Fact]
    public void The_token_command_prints_a_token_of_the_role_and_sites_as_its_last_line()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection([new("TrialMonitor:Auth:DevelopmentKey", "true")]).Build();
        var output = new StringWriter();

        var exit = TokenIssuer.Run(["coordinator", "--site", "MDACC", "--site", "SITE-2", "--user", "alice"], config, output, new StringWriter());

        Assert.Equal(0, exit);
        var token = output.ToString().Trim().Split('\n')[^1];
        var payload = JsonNode.Parse(Encoding.UTF8.GetString(Base64Url(token.Split('.')[1])))!;
        Assert.Equal(("alice", "coordinator"), ((string?)payload["sub"], (string?)payload["role"]));
        Assert.Equal(["MDACC", "SITE-2"], payload["site"]!.AsArray().Select(s => (string?)s));
        Assert.Equal(2, TokenIssuer.Run(["nurse"], config, new StringWriter(), new StringWriter()));
    }

    [Fact]
    public void A_token_that_would_be_expired_when_minted_is_refused()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection([new("TrialMonitor:Auth:DevelopmentKey", "true")]).Build();
        var (output, error) = (new StringWriter(), new StringWriter());

        var exit = TokenIssuer.Run(["admin", "--hours", "-1"], config, output, error);

        Assert.Equal(2, exit);
        Assert.Equal("", output.ToString());
        Assert.StartsWith("--hours -1: a token's lifetime must be positive", error.ToString(), StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenIssuer.Mint(TestTokens.Development, "eve", [Roles.Admin], lifetime: TimeSpan.FromMinutes(-5)));
    }

    [Fact]
    public void The_token_command_with_link_prints_a_sign_in_link_to_the_trial_pages()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection([new("TrialMonitor:Auth:DevelopmentKey", "true")]).Build();
        var local = new StringWriter();
        var elsewhere = new StringWriter();

        Assert.Equal(0, TokenIssuer.Run(["safety_monitor", "--link"], config, local, new StringWriter()));
        Assert.Equal(0, TokenIssuer.Run(["auditor", "--link", "https://tm.example/"], config, elsewhere, new StringWriter()));

        var link = local.ToString().Trim();
        Assert.StartsWith("http://127.0.0.1:5080/app#token=", link, StringComparison.Ordinal);
        var payload = JsonNode.Parse(Encoding.UTF8.GetString(Base64Url(link.Split("#token=")[1].Split('.')[1])))!;
        Assert.Equal("safety_monitor", (string?)payload["role"]);
        Assert.StartsWith("https://tm.example/app#token=ey", elsewhere.ToString().Trim(), StringComparison.Ordinal);
    }

    private async Task<(HttpStatusCode, JsonNode, IScenarioResult)> Post(string query, object? variables, string authorization)
    {
        var result = await App.Host.Scenario(s =>
        {
            s.Post.Json(new { query, variables }).ToUrl("/graphql");
            s.WithRequestHeader("Accept", "application/graphql-response+json");
            s.WithRequestHeader("Authorization", authorization);
            s.IgnoreStatusCode();
        });
        return ((HttpStatusCode)result.Context.Response.StatusCode, JsonNode.Parse(await result.ReadAsTextAsync())!, result);
    }

    private async Task<WebSocket> Connect()
    {
        var client = App.Host.Server.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        return await client.ConnectAsync(new UriBuilder(App.Host.Server.BaseAddress) { Scheme = "ws", Path = "/graphql" }.Uri, CancellationToken.None);
    }

    private static Task Send(WebSocket socket, object message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<JsonNode> Receive(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        var received = await socket.ReceiveAsync(buffer, timeout.Token);
        Assert.Equal(WebSocketMessageType.Text, received.MessageType);
        return JsonNode.Parse(buffer.AsSpan(0, received.Count))!;
    }

    private static async Task<WebSocketCloseStatus?> Closed(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = await socket.ReceiveAsync(new byte[1024], timeout.Token);
        Assert.Equal(WebSocketMessageType.Close, received.MessageType);
        return socket.CloseStatus;
    }

    private static byte[] Base64Url(string part) =>
        Convert.FromBase64String(part.Replace('-', '+').Replace('_', '/').PadRight(part.Length + (4 - part.Length % 4) % 4, '='));

    private static string ForeignToken() =>
        TokenIssuer.Mint(new AuthSettings(new string('x', 48), AuthSettings.DefaultIssuer, AuthSettings.DefaultAudience, false), "mallory", [Roles.Admin]);

    /// <summary>
    /// A token of the development key and issuer, valid for an hour from two hours ago: expired, and nothing
    /// else wrong with it (a negative lifetime given to TokenIssuer would end before it begins).
    /// </summary>
    private static string ExpiredToken()
    {
        var settings = TestTokens.Development;
        var issued = DateTime.UtcNow.AddHours(-2);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity([new Claim(TrialMonitorClaims.User, "late"), new Claim(TrialMonitorClaims.Role, Roles.Coordinator),
                new Claim(TrialMonitorClaims.Site, "MDACC")]),
            IssuedAt = issued,
            NotBefore = issued,
            Expires = issued.AddHours(1),
            SigningCredentials = new SigningCredentials(settings.SecurityKey, SecurityAlgorithms.HmacSha256),
        });
    }

    private static string OtherIssuerToken() =>
        TokenIssuer.Mint(TestTokens.Development with { Issuer = "someone-else" }, "eve", [Roles.Admin]);
}
