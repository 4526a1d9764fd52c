namespace TrialMonitor.Api.Auth;

/// <summary>
/// The roles a token's <c>role</c> claim names (DOMAIN.md, "People"). Declare who may use a field with
/// <c>field.AuthorizeWithRoles(Roles.Auditor, Roles.Admin)</c>; <see cref="RoleAuthorizationRule"/> enforces it.
/// </summary>
public static class Roles
{
    /// <summary>Records and corrects clinical data of the patients of their sites, and reads those patients.</summary>
    public const string Coordinator = "coordinator";

    /// <summary>Reads alerts and patient state, acknowledges alerts.</summary>
    public const string SafetyMonitor = "safety_monitor";

    /// <summary>Reads everything, history included; writes nothing.</summary>
    public const string Auditor = "auditor";

    /// <summary>Registers trials and their sites, and sees who uses the system; no clinical data.</summary>
    public const string Admin = "admin";

    /// <summary>
    /// A laboratory: sends lab results (FHIR, <c>POST /fhir/r4</c>) for every site of the trials its token names;
    /// reads the trials' registry and nothing clinical (no patient, alert or history).
    /// </summary>
    public const string Lab = "lab";

    public static readonly IReadOnlyList<string> All = [Coordinator, SafetyMonitor, Auditor, Admin, Lab];

    /// <summary>Everyone who may read patient data (coordinators only their sites').</summary>
    public static readonly string[] PatientReaders = [Coordinator, SafetyMonitor, Auditor];
}

/// <summary>The claims of a TrialMonitor token, as the token carries them (no inbound mapping).</summary>
public static class TrialMonitorClaims
{
    public const string User = "sub";
    public const string Role = "role";

    /// <summary>Repeatable: each site a coordinator works for.</summary>
    public const string Site = "site";

    /// <summary>Repeatable: the code of each trial a lab sends results for.</summary>
    public const string Trial = "trial";
}
