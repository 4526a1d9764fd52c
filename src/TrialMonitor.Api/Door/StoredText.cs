using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace TrialMonitor.Api.Door;

/// <summary>
/// PostgreSQL's jsonb cannot hold the NUL character: a string carrying one would fail the commit as an
/// internal error. Every string of a command (nested inputs and lists included) is checked before its
/// handler runs, and each is named as the client sent it (camelCase paths, "sites[1]").
/// </summary>
public static class StoredText
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    public static void ThrowIfUnstorable(object? command)
    {
        var errors = new List<FieldError>();
        Scan(command, "", errors, depth: 0);
        InvalidInputException.ThrowIfAny(errors);
    }

    private static void Scan(object? value, string path, List<FieldError> errors, int depth)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                var nul = text.IndexOf('\0', StringComparison.Ordinal);
                if (nul >= 0) errors.Add(new FieldError(path, $"contains the NUL character (U+0000) at position {nul + 1}, which cannot be stored"));
                return;
            case IEnumerable items:
                var i = 0;
                foreach (var item in items) Scan(item, $"{path}[{i++}]", errors, depth + 1);
                return;
        }

        var type = value.GetType();
        if (depth > 8 || type.IsPrimitive || type.IsEnum || type.IsValueType) return;
        foreach (var property in Properties.GetOrAdd(type, Readable))
        {
            // A patient entry is flattened into its command: its value is the mutation argument of the same name.
            var name = typeof(Patients.Entries.IPatientEntry).IsAssignableFrom(property.PropertyType) ? "" : Camel(property.Name);
            Scan(property.GetValue(value), Join(path, name), errors, depth + 1);
        }
    }

    private static PropertyInfo[] Readable(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0
            && p.PropertyType != typeof(Type) && p.DeclaringType?.Namespace?.StartsWith("TrialMonitor", StringComparison.Ordinal) == true)];

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static string Join(string path, string name) => path.Length == 0 ? name : name.Length == 0 ? path : $"{path}.{name}";
}
