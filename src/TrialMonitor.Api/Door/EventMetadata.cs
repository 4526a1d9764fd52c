namespace TrialMonitor.Api.Door;

/// <summary>
/// Names of the Marten event headers every event appended through the write path carries
/// (read them with <c>IEvent.GetHeader(EventMetadata.User)</c>). The correlation id is Marten's
/// own <c>IEvent.CorrelationId</c>, shared by all events of one request.
/// </summary>
public static class EventMetadata
{
    /// <summary>The JWT <c>sub</c> of the caller, or <c>system</c> / <c>import</c> for internal writers.</summary>
    public const string User = "user";

    /// <summary>The caller's role: coordinator, safety_monitor, auditor, admin, lab, or <c>system</c>.</summary>
    public const string Role = "role";

    /// <summary>Where the write came from: one of <see cref="Sources"/>.</summary>
    public const string Source = "source";

    /// <summary>Why, when the command carries a reason (corrections and voids always do).</summary>
    public const string Reason = "reason";

    /// <summary>The ODM file an import read the event from (its name as given to the import).</summary>
    public const string ImportFile = "import-file";

    /// <summary>Where in that file: the ODM path of the item group (SubjectData[..]/StudyEventData[..]/...).</summary>
    public const string ImportPath = "import-path";

    /// <summary>The FHIR Bundle a lab sent the event in: its identifier (system|value), else its id.</summary>
    public const string FhirBundle = "fhir-bundle";

    /// <summary>
    /// On a clinical entry a lab sent: the FHIR Observations it stands for, as JSON (see Fhir/RecordedObservation),
    /// so the result can be found by its identifier and answered as it came in.
    /// </summary>
    public const string FhirObservations = "fhir-observations";

    public static class Sources
    {
        public const string Console = "console";
        public const string Api = "api";
        public const string Import = "import";
        public const string Fhir = "fhir";
        public const string System = "system";
    }
}
