namespace TrialMonitor.Clinical.Course;

/// <summary>
/// Everything recorded for one patient that the rules read, in any order; the rules sort by
/// clinical date themselves because labs arrive late and out of order. The values are held in one
/// set keyed by their type, one slice per kind of entry, so a new kind of value needs no new member
/// here: <see cref="Of{T}"/> reads its slice.
/// </summary>
public sealed record PatientCourse
{
    private readonly IReadOnlyList<IClinicalEntry> entries;
    private readonly Dictionary<Type, Array> slices;

    private PatientCourse(Baseline baseline, IReadOnlyList<IClinicalEntry> entries)
    {
        Baseline = baseline;
        this.entries = entries;
        // Each slice is an array of its value type, so Of<T> hands it out as it is (the rules read a slice many times).
        slices = entries.GroupBy(e => e.GetType()).ToDictionary(g => g.Key, g =>
        {
            var slice = Array.CreateInstance(g.Key, g.Count());
            var i = 0;
            foreach (var value in g) slice.SetValue(value, i++);
            return slice;
        });
    }

    /// <summary>The course of these values; each kind's values keep the order they are given in.</summary>
    public static PatientCourse From(Baseline baseline, IEnumerable<IClinicalEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(entries);
        return new(baseline, [.. entries]);
    }

    public Baseline Baseline { get; init; }

    // What the rules read by name, in the order the course has always been written as JSON (the demo
    // trials' fingerprints hash it). The first transformation and discontinuation count, the first
    // death recorded, and the latest contact.

    public IReadOnlyList<BloodCount> BloodCounts => Of<BloodCount>();

    public IReadOnlyList<MarrowAssessment> Marrow => Of<MarrowAssessment>();

    public IReadOnlyList<CytogeneticAssessment> Cytogenetics => Of<CytogeneticAssessment>();

    public IReadOnlyList<MolecularAssessment> Molecular => Of<MolecularAssessment>();

    public IReadOnlyList<PhysicalExam> Exams => Of<PhysicalExam>();

    public IReadOnlyList<DoseChange> Doses => Of<DoseChange>();

    public IReadOnlyList<ReportedToxicity> Toxicities => Of<ReportedToxicity>();

    public IReadOnlyList<ReportedResponse> ReportedResponses => Of<ReportedResponse>();

    public Transformation? Transformation => Of<Transformation>().MinBy(t => t.DiagnosedOn);

    public Discontinuation? Discontinuation => Of<Discontinuation>().MinBy(d => d.EffectiveOn);

    public Death? Death => Of<Death>() is [var first, ..] ? first : null;

    public DateOnly? LastContactOn => Of<FollowUpContact>().Max(c => (DateOnly?)c.ContactOn);

    /// <summary>The values of one kind, in the order they were given.</summary>
    public IReadOnlyList<T> Of<T>() where T : IClinicalEntry => slices.TryGetValue(typeof(T), out var slice) ? (T[])slice : [];

    /// <summary>Every value of the course, of every kind.</summary>
    public IReadOnlyList<IClinicalEntry> Entries() => entries;
}
