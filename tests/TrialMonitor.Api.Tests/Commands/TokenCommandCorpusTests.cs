using Microsoft.Extensions.Configuration;
using TrialMonitor.Api.Auth;

namespace TrialMonitor.Api.Tests.Commands;

/// <summary>
/// ./ops/token's door: each bad argument exits 2 with one line naming the argument, the value and the limit (then the
/// usage), and nothing on the output stream, where a token would be printed.
/// </summary>
public sealed class TokenCommandCorpusTests
{
    private static readonly IConfiguration Development =
        new ConfigurationBuilder().AddInMemoryCollection([new("TrialMonitor:Auth:DevelopmentKey", "true")]).Build();

    private const string Roles = "coordinator | safety_monitor | auditor | admin | lab";

    public static TheoryData<string, string[], string> Cases => new()
    {
        { "no role", [], $"ROLE missing: give one of {Roles}" },
        { "options without a role", ["--site", "MDACC"], $"ROLE missing: give one of {Roles}" },
        { "unknown role", ["nurse"], $"ROLE 'nurse' is not a role: give one of {Roles}" },
        { "role in capitals", ["ADMIN"], $"ROLE 'ADMIN' is not a role: give one of {Roles}" },
        { "two roles", ["admin", "auditor"], "unexpected argument 'auditor': expected ROLE" },
        { "unknown option", ["admin", "--role", "auditor"], "unknown option '--role': the options are --site, --trial, --user, --hours, --link" },
        { "--site without a value", ["coordinator", "--site"], "--site needs a value (SITE)" },
        { "--site followed by an option", ["coordinator", "--site", "--user", "alice"], "--site needs a value (SITE), not the option '--user'" },
        { "--site empty", ["coordinator", "--site", ""], "--site '': is required and must not be blank" },
        { "--site with a NUL", ["coordinator", "--site", "MD\0ACC"], "--site 'MD\\u0000ACC': must be printable characters only (got U+0000 at position 3)" },
        { "--site with a line break", ["coordinator", "--site", "MDACC\nadmin"], "--site 'MDACC\\u000Aadmin': must be printable characters only (got U+000A at position 6)" },
        { "--site too long", ["coordinator", "--site", new string('S', 129)], $"--site '{new string('S', 80)}…' (129 characters): must be at most 128 characters (got 129)" },
        { "--trial blank", ["lab", "--trial", "  "], "--trial '  ': is required and must not be blank" },
        { "--user empty", ["admin", "--user", ""], "--user '': is required and must not be blank" },
        { "--user twice", ["admin", "--user", "ada", "--user", "eve"], "--user given twice: give it once" },
        { "--hours not a number", ["admin", "--hours", "twelve"], "--hours 'twelve' is not a number of hours" },
        { "--hours NaN", ["admin", "--hours", "NaN"], "--hours 'NaN' is not a number of hours" },
        { "--hours zero", ["admin", "--hours", "0"], "--hours 0: a token's lifetime must be positive" },
        { "--hours negative", ["admin", "--hours", "-1"], "--hours -1: a token's lifetime must be positive" },
        { "--hours over a year", ["admin", "--hours", "8761"], "--hours 8761: a token's lifetime must be at most 8760 hours (a year)" },
        { "--hours huge", ["admin", "--hours", "1e12"], "--hours 1e12: a token's lifetime must be at most 8760 hours (a year)" },
        { "--hours infinite", ["admin", "--hours", "Infinity"], "--hours Infinity: a token's lifetime must be at most 8760 hours (a year)" },
        { "--link not a URL", ["admin", "--link", "trial pages"], "--link 'trial pages' is not an http(s) URL such as http://127.0.0.1:5080" },
        { "--link not http", ["admin", "--link", "ftp://tm.example"], "--link 'ftp://tm.example' is not an http(s) URL such as http://127.0.0.1:5080" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_bad_argument_exits_2_with_one_line_naming_it_and_prints_no_token(string name, string[] args, string message)
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        var exit = TokenIssuer.Run(args, Development, output, error);

        Assert.True(exit == 2, $"{name}: exit {exit}: {output}{error}");
        Assert.Equal("", output.ToString());
        Assert.Equal([message, TokenIssuer.Usage], error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void The_longest_names_and_lifetime_allowed_are_minted()
    {
        var output = new StringWriter();

        var exit = TokenIssuer.Run(["coordinator", "--site", new string('S', 128), "--user", "ada", "--hours", "8760", "--link", "https://tm.example"],
            Development, output, new StringWriter());

        Assert.Equal(0, exit);
        Assert.StartsWith("https://tm.example/app#token=ey", output.ToString(), StringComparison.Ordinal);
    }
}
