using GraphQL;

namespace TrialMonitor.Api.GraphQL.Schema.Common;

/// <summary>Errors in arguments the schema itself checks (paging), shaped like the write path's field errors.</summary>
public static class InputErrors
{
    public const string BadUserInput = "BAD_USER_INPUT";

    public static ExecutionError Field(string field, string reason) => new($"{field}: {reason}")
    {
        Code = BadUserInput,
        Extensions = new Dictionary<string, object?> { ["field"] = field, ["reason"] = reason },
    };
}
