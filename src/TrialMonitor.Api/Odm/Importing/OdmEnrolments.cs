using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using TrialMonitor.Api.Odm.Mapping;
using TrialMonitor.Api.Patients.Enrolling;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Api.Odm.Importing;

/// <summary>The enrolment of a subject from the items the file gave for it, as the mapping reads them.</summary>
public static class OdmEnrolments
{
    /// <summary>The enrolment, or why the file does not (yet) say enough for one.</summary>
    public static (EnrolPatient? Enrolment, string? Problem) Of(OdmMapping mapping, Guid trialId, string? siteRef, string subjectId,
        IReadOnlyDictionary<string, string?> items)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var site = mapping.SiteOf(siteRef);
        if (site is null) return (null, $"the subject's site '{siteRef}' is not one the mapping names (subjects.sites)");
        var problems = new List<OdmValueProblem>();
        var start = new JsonObject { ["subjectId"] = subjectId, ["site"] = site };
        var json = OdmValues.Read(typeof(Baseline), mapping.Enrolment.Fields, items, problems,
            new Dictionary<string, Type> { ["enrolledOn"] = typeof(DateOnly), ["dateOfBirth"] = typeof(DateOnly) }, start);
        var enrolledOn = json?["enrolledOn"]?.GetValue<string>() is { } on ? DateOnly.Parse(on, CultureInfo.InvariantCulture) : (DateOnly?)null;
        if (json is not null && enrolledOn is { } date && json["dateOfBirth"]?.GetValue<string>() is { } born)
        {
            var birth = DateOnly.Parse(born, CultureInfo.InvariantCulture);
            json["ageAtEnrolment"] = date.Year - birth.Year - (date < birth.AddYears(date.Year - birth.Year) ? 1 : 0);
            problems.RemoveAll(p => p.Field == "ageAtEnrolment");
        }
        if (enrolledOn is null) problems.Add(new OdmValueProblem("enrolledOn", null, null, "missing: the file has no value for it and the mapping states none"));
        if (json is null || problems.Count > 0)
            return (null, $"subject '{subjectId}' could not be enrolled: " +
                          string.Join("; ", problems.Select(p => p.Value is null ? $"{p.Field} {p.Reason}" : $"{p.Field} '{p.Value}' {p.Reason}")));
        json.Remove("enrolledOn");
        json.Remove("dateOfBirth");
        return (new EnrolPatient(PatientIdOf(trialId, subjectId), trialId, enrolledOn!.Value, OdmValues.ToValue<Baseline>(json)), null);
    }

    /// <summary>The same subject of the same trial is the same patient id in every import.</summary>
    public static Guid PatientIdOf(Guid trialId, string subjectId) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{trialId:N}/{subjectId}"))[..16]);
}
