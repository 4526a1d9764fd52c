using System.Linq.Expressions;
using System.Reflection;
using GraphQL.Types;

namespace TrialMonitor.Api.GraphQL.Schema.Common;

/// <summary>
/// An output type of a clinical record: its public instance properties, nothing else (GraphQL.NET's
/// auto-registration would also publish methods such as FollowUp.EndOf).
/// </summary>
public class RecordGraphType<T> : AutoRegisteringObjectGraphType<T>
{
    public RecordGraphType()
    {
        Name = typeof(T).Name;
    }

    /// <param name="excluded">Properties the subclass replaces with fields of its own.</param>
    protected RecordGraphType(params Expression<Func<T, object?>>[] excluded) : base(excluded)
    {
        Name = typeof(T).Name;
    }

    protected override IEnumerable<MemberInfo> GetRegisteredMembers() => base.GetRegisteredMembers().Where(m => m is PropertyInfo);
}
