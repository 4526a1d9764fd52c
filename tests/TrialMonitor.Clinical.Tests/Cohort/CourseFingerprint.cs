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

    /// <summary>
    /// The courses' fingerprints equal the checked-in file under Cohort/ (with UPDATE_COURSE_FINGERPRINTS=1 a
    /// differing file is rewritten and the test fails, to review its diff); a mismatch names the patients that changed.
    /// </summary>
    public static void AssertMatchesCheckedIn(IEnumerable<PatientCourse> courses, string fileName)
    {
        var file = Path.Combine(ExternalTestData.RepositoryRoot(), "tests", "TrialMonitor.Clinical.Tests", "Cohort", fileName);
        var computed = courses.Select(Of).ToList();
        var checkedIn = File.Exists(file) ? File.ReadAllLines(file) : null;
        if (Environment.GetEnvironmentVariable("UPDATE_COURSE_FINGERPRINTS") == "1" && checkedIn?.SequenceEqual(computed) != true)
        {
            // Rewriting is not passing: the run that rewrote the file fails so the diff is reviewed before it is committed.
            File.WriteAllLines(file, computed);
            Assert.Fail($"{file} was rewritten from the computed courses: review its diff, then run the test again without UPDATE_COURSE_FINGERPRINTS.");
        }

        Assert.True(checkedIn is not null, $"{file} is missing: run the test with UPDATE_COURSE_FINGERPRINTS=1 to write it");
        var changed = computed.Zip(checkedIn).Where(pair => pair.First != pair.Second)
            .Select(pair => $"  checked in: {pair.Second}\n  computed:   {pair.First}");
        Assert.True(checkedIn.SequenceEqual(computed),
            $"The courses differ from {file} ({checkedIn.Length} lines, {computed.Count} courses):\n{string.Join('\n', changed.Take(20))}");
    }

    public static string Of(PatientCourse course)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(course, Json)));
        return $"{course.Baseline.SubjectId} counts {course.BloodCounts.Count} marrow {course.Marrow.Count} "
            + $"cytogenetics {course.Cytogenetics.Count} molecular {course.Molecular.Count} exams {course.Exams.Count} doses {course.Doses.Count} "
            + $"toxicities {course.Toxicities.Count} reported {course.ReportedResponses.Count} sha256 {hash[..16]}";
    }
}
