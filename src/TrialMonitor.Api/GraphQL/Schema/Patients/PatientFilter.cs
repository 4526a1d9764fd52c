using GraphQL.Types;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.GraphQL.Schema.Patients;

/// <summary>Which patients of a trial to list; every condition given must hold.</summary>
public sealed record PatientFilter(
    string? Site = null,
    EscalationIndication? Indication = null,
    CytogeneticCategory? CytogeneticCategory = null,
    Table2Row? Table2Row = null);

public sealed class PatientFilterType : AutoRegisteringInputObjectGraphType<PatientFilter>
{
    public PatientFilterType()
    {
        Name = "PatientFilter";
        Description = "Which patients to list: on the site, with the escalation indication in their protocol status, "
            + "with the latest cytogenetic result in the category, or in the Table 2 row (fixed at escalation). Every condition given must hold.";
    }
}

public enum PatientOrderField { SubjectId, Site, EnrolledOn }

public enum SortDirection { Asc, Desc }

public sealed record PatientOrder(PatientOrderField Field, SortDirection Direction = SortDirection.Asc);

public sealed class PatientOrderType : AutoRegisteringInputObjectGraphType<PatientOrder>
{
    public PatientOrderType()
    {
        Name = "PatientOrder";
        Common.InputDefaults.Apply(this, typeof(PatientOrder));
    }
}
