using GraphQL;
using TrialMonitor.Api.Door;

namespace TrialMonitor.Api.GraphQL.Schema.Common;

/// <summary>
/// Ids are UUIDs. GraphQL's ID scalar accepts any string, so a malformed one is refused here as bad
/// input naming the argument, instead of failing the conversion as an internal error.
/// </summary>
public static class IdArguments
{
    public static Guid IdArgument(this IResolveFieldContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        var value = context.GetArgument<string>(name);
        return Guid.TryParse(value, out var id)
            ? id
            : throw new InvalidInputException([new FieldError(name, $"'{Shorten(value)}' is not a well-formed id (a UUID such as 0e82e362-1d1a-4ed1-3b00-000000000473)")]);
    }

    private static string Shorten(string? value) => value is null ? "" : value.Length <= 64 ? value : value[..64] + "…";
}
