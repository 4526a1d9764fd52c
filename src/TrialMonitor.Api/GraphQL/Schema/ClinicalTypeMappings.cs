using GraphQL;
using GraphQL.Types;
using TrialMonitor.Api.Door;
using TrialMonitor.Api.GraphQL.Schema.Cohort;
using TrialMonitor.Api.GraphQL.Schema.Common;
using TrialMonitor.Api.GraphQL.Schema.Molecular;
using TrialMonitor.Api.Patients.Entries;
using TrialMonitor.Clinical.Cohort;
using TrialMonitor.Clinical.Course;
using TrialMonitor.Clinical.Molecular;

namespace TrialMonitor.Api.GraphQL.Schema;

/// <summary>
/// The clinical records appear in the schema as they are (auto-registered from their properties);
/// those a client also sends get an input type named with "Input".
/// </summary>
public static class ClinicalTypeMappings
{
    public static void Register(ISchema schema)
    {
        schema.RegisterTypeMapping<DateOnly, IsoDateGraphType>();

        // The value of each entry kind (a date is already mapped to the Date scalar).
        foreach (var kind in EntryKinds.All.Where(k => k.ValueType != typeof(DateOnly))) Both(schema, kind.ValueType);
        Both<Baseline>(schema);
        Both<LowerLimitsOfNormal>(schema);
        Both<ClinicalSettings>(schema);
        schema.RegisterTypeMapping<Correction, ClinicalInputType<Correction>>();

        Output<PatientAssessment>(schema);
        Output<CytogeneticResponse>(schema);
        Output<ProtocolStatus>(schema);
        Output<ImprovementEpisode>(schema);
        Output<LabToxicityGrade>(schema);
        Output<Discrepancy>(schema);

        Output<PatientCount>(schema);
        Output<MedianRange>(schema);
        Output<Table2Line>(schema);
        Output<CytogeneticResponseCount>(schema);
        schema.RegisterTypeMapping<Table3Line, Table3LineType>();
        Output<SurvivalCurve>(schema);
        Output<SurvivalPoint>(schema);
        Output<DoseAfterEscalation>(schema);
        Output<FollowUp>(schema);
        Output<PatientDiscrepancy>(schema);

        schema.RegisterTypeMapping<MolecularResponse, MolecularResponseType>();
        Output<MolecularResult>(schema);
        Output<MolecularMilestone>(schema);
        schema.RegisterTypeMapping<MolecularLevel, MolecularLevelType>();
        Output<MilestoneCounts>(schema);
        Output<MmrBy12Months>(schema);
        Output<OverduePcr>(schema);
        schema.RegisterTypeMapping<PatientDifferences, PatientDifferencesType>();
        schema.RegisterTypeMapping<FieldDifference, FieldDifferenceType>();
        schema.RegisterTypeMapping<CriteriaSetValue, CriteriaSetValueType>();
    }

    private static void Output<T>(ISchema schema) => schema.RegisterTypeMapping<T, RecordGraphType<T>>();

    private static void Both<T>(ISchema schema) => Both(schema, typeof(T));

    private static void Both(ISchema schema, Type record)
    {
        schema.RegisterTypeMapping(record, typeof(RecordGraphType<>).MakeGenericType(record));
        schema.RegisterTypeMapping(record, typeof(ClinicalInputType<>).MakeGenericType(record));
    }
}
