using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using TrialMonitor.Clinical.Course;

namespace TrialMonitor.Clinical.Tests.Cohort;

/// <summary>
/// One line per course: its subject id, how many observations of each kind it has, and the SHA-256 of the
/// whole course as JSON (every value, date and enum), so a changed course shows which patient and what kind.
/// </summary>
internal static class CourseFingerprint
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public static string Of(PatientCourse course)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(course, Json)));
        return $"{course.Baseline.SubjectId} counts {course.BloodCounts.Count} marrow {course.Marrow.Count} "
            + $"cytogenetics {course.Cytogenetics.Count} molecular {course.Molecular.Count} exams {course.Exams.Count} doses {course.Doses.Count} "
            + $"toxicities {course.Toxicities.Count} reported {course.ReportedResponses.Count} sha256 {hash[..16]}";
    }
}
