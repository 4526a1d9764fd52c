using TrialMonitor.Api.Door;
using TrialMonitor.Clinical.Alerts;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Patients.Entries;

/// <summary>
/// One kind of clinical entry, declared once (see <see cref="EntryKinds"/>): its event and value,
/// the names it has in the API, its checks at the door, how it enters the course the rules read,
/// the alerts it raises and whether the derived assessment can move with it. The write path, the
/// chart, the alerts, the GraphQL schema, the demo loader and the benchmarks are driven from it.
/// </summary>
public abstract class EntryKind
{
    /// <summary>Names the kind in the schema: BloodCount gives the output type BloodCountEntry.</summary>
    public abstract string Name { get; }

    /// <summary>The mutation that records it (recordBloodCount).</summary>
    public abstract string Mutation { get; }

    /// <summary>The mutation argument carrying the value, also the value field of the entry type (count).</summary>
    public abstract string Argument { get; }

    /// <summary>The list of entries in force on the patient chart (bloodCounts).</summary>
    public abstract string ChartField { get; }

    /// <summary>The clinical date's field as the client sends it (count.collectedOn).</summary>
    public abstract string ClinicalDateField { get; }

    /// <summary>
    /// The form code an EDC would give this kind of entry (CBC, DOSE-REDUCED, AE-&lt;term&gt;): the demo
    /// cohort's entry keys are built from it.
    /// </summary>
    public abstract string FormCode(object value);

    /// <summary>
    /// Treatment decisions and outcomes happen on the trial, so they are not dated before enrolment;
    /// labs and exams may be (the baseline before the start of therapy).
    /// </summary>
    public virtual bool DatedFromEnrolment => false;

    /// <summary>Among entries of one clinical date, the order a coordinator enters them in (observations first, death last).</summary>
    public virtual int SameDayOrder => 1;

    /// <summary>
    /// Whether the entry can change what the alerts derived from the assessment read (protocol
    /// status, improvement after escalation, molecular failures); the alert projection skips
    /// re-evaluating after the others. No default: a kind that moves it must be read by
    /// <see cref="TrialMonitor.Clinical.Course.RunningCourse"/>, one that does not is skipped.
    /// </summary>
    public abstract bool MovesAssessment { get; }

    /// <summary>
    /// The unit of each measured field, by its path in the value as the door names it (wbc, lowerLimits.wbc);
    /// the ODM metadata, SDTM LB and the patient page read them here. A field with no unit is not listed.
    /// </summary>
    public virtual IReadOnlyDictionary<string, string> Units { get; } = new Dictionary<string, string>();

    /// <summary>The lab tests that give this kind's fields (a lab's results in FHIR are read by them); none for what no lab sends.</summary>
    public virtual IReadOnlyList<LabTest> LabTests => [];

    public abstract Type EventType { get; }

    public abstract Type ValueType { get; }

    public abstract IPatientEntry Record(Guid patientId, string entryKey, object value);

    public abstract object ValueOf(IPatientEntry entry);

    /// <summary>The limits of what a clinic could have measured; field names are prefixed with <see cref="Argument"/>.</summary>
    public abstract void Check(FieldChecks checks, IPatientEntry entry);

    /// <summary>The value the entry gives the course the rules read (its slice of <see cref="PatientCourse"/>).</summary>
    public abstract IClinicalEntry InCourse(IPatientEntry entry);

    /// <summary>The values of this kind in a course, as the door takes them (the inverse of <see cref="InCourse"/>).</summary>
    public abstract IEnumerable<object> ValuesIn(PatientCourse course);

    /// <summary>The safety alerts the entry raises by itself (alerts derived from the assessment are raised apart).</summary>
    public abstract IReadOnlyList<SafetySignal> Signals(IPatientEntry entry, int gradeThreshold);
}

/// <summary>
/// An entry kind with its event and value types; the typed members are what a declaration writes. The value
/// goes into the course as it is (<see cref="EntryKind{TEvent, TValue, TCourseValue}"/> for one that does not).
/// </summary>
public abstract class EntryKind<TEvent, TValue> : EntryKind<TEvent, TValue, TValue>
    where TEvent : IPatientEntry
    where TValue : IClinicalEntry
{
    protected sealed override TValue InCourse(TValue value) => value;

    protected sealed override TValue FromCourse(TValue value) => value;
}

/// <summary>An entry kind whose value as the door takes it (a date) is not the value the course holds (a dated record).</summary>
public abstract class EntryKind<TEvent, TValue, TCourseValue> : EntryKind
    where TEvent : IPatientEntry
    where TValue : notnull
    where TCourseValue : IClinicalEntry
{
    public sealed override Type EventType => typeof(TEvent);

    public sealed override Type ValueType => typeof(TValue);

    protected abstract TEvent Record(Guid patientId, string entryKey, TValue value);

    protected abstract TValue ValueOf(TEvent entry);

    protected virtual void Check(FieldChecks checks, TValue value)
    {
    }

    protected abstract TCourseValue InCourse(TValue value);

    protected abstract TValue FromCourse(TCourseValue value);

    protected abstract string FormCode(TValue value);

    protected virtual IReadOnlyList<SafetySignal> Signals(TValue value, int gradeThreshold) => [];

    public sealed override IPatientEntry Record(Guid patientId, string entryKey, object value) => Record(patientId, entryKey, (TValue)value);

    public sealed override object ValueOf(IPatientEntry entry) => ValueOf((TEvent)entry);

    public sealed override void Check(FieldChecks checks, IPatientEntry entry)
    {
        ArgumentNullException.ThrowIfNull(checks);
        Check(checks.Under(Argument), ValueOf((TEvent)entry));
    }

    public sealed override IClinicalEntry InCourse(IPatientEntry entry) => InCourse(ValueOf((TEvent)entry));

    public sealed override IEnumerable<object> ValuesIn(PatientCourse course)
    {
        ArgumentNullException.ThrowIfNull(course);
        return course.Of<TCourseValue>().Select(v => (object)FromCourse(v));
    }

    public sealed override string FormCode(object value) => FormCode((TValue)value);

    public sealed override IReadOnlyList<SafetySignal> Signals(IPatientEntry entry, int gradeThreshold) =>
        Signals(ValueOf((TEvent)entry), gradeThreshold);
}
