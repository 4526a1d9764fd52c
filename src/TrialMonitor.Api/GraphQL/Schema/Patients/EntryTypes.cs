using GraphQL.Types;
using TrialMonitor.Api.Patients;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.GraphQL.Schema.Patients;

/// <summary>
/// A chart entry still in force with the key it was recorded under; the value is named like the
/// mutation argument that records it (recordBloodCount(count: ...) gives BloodCountEntry.count).
/// </summary>
public abstract class EntryType<T> : ObjectGraphType<Keyed<T>>
{
    protected EntryType(string name, string valueField)
    {
        Name = name;
        Field(e => e.EntryKey).Description("The key the entry was recorded under (lab accession number or form id).");
        Field(valueField, e => e.Value, nullable: false);
    }
}

public sealed class BloodCountEntryType() : EntryType<BloodCount>("BloodCountEntry", "count");

public sealed class MarrowEntryType() : EntryType<MarrowAssessment>("MarrowEntry", "marrow");

public sealed class CytogeneticsEntryType() : EntryType<CytogeneticAssessment>("CytogeneticsEntry", "cytogenetics");

public sealed class MolecularEntryType() : EntryType<MolecularAssessment>("MolecularEntry", "molecular");

public sealed class PhysicalExamEntryType() : EntryType<PhysicalExam>("PhysicalExamEntry", "exam");

public sealed class DoseEntryType() : EntryType<DoseChange>("DoseEntry", "dose");

public sealed class ToxicityEntryType() : EntryType<ReportedToxicity>("ToxicityEntry", "toxicity");

public sealed class ReportedResponseEntryType() : EntryType<ReportedResponse>("ReportedResponseEntry", "response");

public sealed class TransformationEntryType() : EntryType<Transformation>("TransformationEntry", "transformation");

public sealed class DiscontinuationEntryType() : EntryType<Discontinuation>("DiscontinuationEntry", "discontinuation");

public sealed class DeathEntryType() : EntryType<Death>("DeathEntry", "death");

public sealed class FollowUpContactEntryType() : EntryType<DateOnly>("FollowUpContactEntry", "contactOn");

/// <summary>A correction: the entry voided, why, and the entry that replaced it (none when simply voided).</summary>
public sealed class CorrectionType : ObjectGraphType<EntryVoided>
{
    public CorrectionType()
    {
        Name = "Correction";
        Field(e => e.VoidedEntryKey);
        Field(e => e.Reason);
        Field(e => e.ReplacementEntryKey, nullable: true);
    }
}
