using System.Diagnostics.CodeAnalysis;
using TrialMonitor.Api.Infrastructure;

namespace TrialMonitor.Api.Commands;

/// <summary>
/// A verb's arguments read as positionals (in order, by the names its usage gives them) and <see cref="VerbOption"/>s. A
/// refusal is one line naming the argument, the value and what is expected, which the verb prints above its usage and exits 2.
/// </summary>
public sealed class VerbArguments
{
    private readonly Dictionary<string, string> positionals;
    private readonly Dictionary<string, List<string>> options;

    private VerbArguments(Dictionary<string, string> positionals, Dictionary<string, List<string>> options)
    {
        this.positionals = positionals;
        this.options = options;
    }

    /// <param name="positionals">The positionals' names; those after the first <paramref name="required"/> may be left off.</param>
    public static bool TryRead(IReadOnlyList<string> args, IReadOnlyList<string> positionals, int required, IReadOnlyList<VerbOption> options,
        [NotNullWhen(true)] out VerbArguments? read, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(positionals);
        ArgumentNullException.ThrowIfNull(options);
        read = null;
        var given = new Dictionary<string, string>();
        var values = new Dictionary<string, List<string>>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!IsOption(arg))
            {
                if (given.Count == positionals.Count)
                {
                    problem = $"unexpected argument {Quoted.Of(arg)}: expected {Expected(positionals, required)}";
                    return false;
                }
                given[positionals[given.Count]] = arg;
                continue;
            }
            if (options.FirstOrDefault(o => o.Name == arg) is not { } option)
            {
                problem = $"unknown option {Quoted.Of(arg)}: " + (options.Count == 0 ? "this verb takes none" : $"the options are {string.Join(", ", options.Select(o => o.Name))}");
                return false;
            }
            if (values.TryGetValue(arg, out var earlier) && !option.Repeatable)
            {
                problem = $"{arg} given twice: give it once";
                return false;
            }
            var value = "";
            if (option.Value is { } valueName)
            {
                var next = i + 1 < args.Count ? args[i + 1] : null;
                if (next is not null && !IsOption(next))
                {
                    value = next;
                    i++;
                }
                else if (!option.ValueOptional)
                {
                    problem = next is null ? $"{arg} needs a value ({valueName})" : $"{arg} needs a value ({valueName}), not the option {Quoted.Of(next)}";
                    return false;
                }
            }
            (earlier ?? (values[arg] = [])).Add(value);
        }
        if (given.Count < required)
        {
            problem = $"{positionals[given.Count]} missing: expected {Expected(positionals, required)}";
            return false;
        }
        (read, problem) = (new VerbArguments(given, values), null);
        return true;
    }

    /// <summary>The positional by its name in the usage, or null when it was left off.</summary>
    public string? this[string positional] => positionals.GetValueOrDefault(positional);

    /// <summary>The values given to an option, in order; "" for a flag or an optional value left off.</summary>
    public IReadOnlyList<string> Values(string option) => options.TryGetValue(option, out var given) ? given : [];

    /// <summary>The option's value when given once, or null.</summary>
    public string? Value(string option) => Values(option) is [var value] ? value : null;

    public bool Has(string option) => options.ContainsKey(option);

    // "-1" is a value (--hours -1), "--x" an option.
    private static bool IsOption(string arg) => arg.StartsWith("--", StringComparison.Ordinal);

    private static string Expected(IReadOnlyList<string> positionals, int required) =>
        positionals.Count == 0 ? "no argument but options"
            : string.Join(' ', positionals.Select((name, i) => i < required ? name : $"[{name}]"));
}
