using System.Reflection;
using GraphQL.Types;

namespace TrialMonitor.Api.GraphQL.Schema.Common;

/// <summary>
/// An input object mapped onto a clinical record through its constructor, named after it with
/// "Input" so the same record can also be an output type (BloodCount / BloodCountInput). A
/// constructor parameter with a default value gives the field that default, so it may be omitted.
/// </summary>
public sealed class ClinicalInputType<T> : AutoRegisteringInputObjectGraphType<T>
{
    public ClinicalInputType()
    {
        Name = typeof(T).Name + "Input";
        InputDefaults.Apply(this, typeof(T));
    }
}

/// <summary>Gives input fields the default values of the record constructor's parameters.</summary>
public static class InputDefaults
{
    public static void Apply(IInputObjectGraphType type, Type record)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(record);
        var constructor = record.GetConstructors(BindingFlags.Public | BindingFlags.Instance).MaxBy(c => c.GetParameters().Length);
        foreach (var parameter in constructor?.GetParameters() ?? [])
        {
            if (!parameter.HasDefaultValue || parameter.DefaultValue is null) continue;
            var field = type.Fields.FirstOrDefault(f => string.Equals(f.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
            if (field is not null) field.DefaultValue = parameter.DefaultValue;
        }
    }
}
