using TrialMonitor.Api.DemoCohort;
using TrialMonitor.Api.Trials.Registering;
using TrialMonitor.Clinical.Course;
using TrialMonitor.DemoCohort;

namespace TrialMonitor.Bench.Generation;

/// <summary>One generated patient: its course and the commands a coordinator would enter for it.</summary>
public sealed record GeneratedPatient(Guid PatientId, string SubjectId, PatientCourse Course, IReadOnlyList<object> Commands);

/// <summary>
/// Cohorts beyond the paper, deterministic from a seed. Each patient is one of the paper's 54
/// reconstructed courses (the demo cohort's course builder: a visit every 4 weeks, a karyotype
/// every 13 weeks, its dose changes, toxicities, discontinuations and deaths), drawn with
/// replacement so the paper's mix of Table 2 rows and outcomes is the generated mix, then moved
/// in time (enrolment spread over two years before the data cut-off), assigned to one of the
/// trial's sites, with blood counts varied by up to ±15 % and age by ±5 years.
/// </summary>
public static class ScaleCohort
{
    public const int SitesPerTrial = 20;
    private const int EnrolmentSpreadDays = 730;

    public static IReadOnlyList<string> Sites { get; } = [.. Enumerable.Range(1, SitesPerTrial).Select(s => $"S{s:00}")];

    public static Guid TrialId(int seed, int trialNo) => DeterministicGuid(seed, trialNo, 0, "trial");

    public static RegisterTrial Trial(int seed, int trialNo, string code) =>
        new(TrialId(seed, trialNo), code, $"Generated trial {code} (seed {seed}), courses drawn from Kantarjian 2003", Sites,
            Kantarjian2003.Settings);

    /// <summary>The patients of a trial, generated lazily in enrolment-number order.</summary>
    public static IEnumerable<GeneratedPatient> Patients(int seed, int trialNo, string code, int count)
    {
        var trialId = TrialId(seed, trialNo);
        var templates = Kantarjian2003.Courses;
        for (var n = 1; n <= count; n++)
        {
            // One generator per patient: patient n is the same whatever the count asked for.
            var random = new Random(StableSeed(seed, trialNo, n));
            var subjectId = $"{code}-{n:000000}";
            var template = templates[random.Next(templates.Count)];
            var course = Vary(template, random, subjectId, Sites[random.Next(Sites.Count)]);
            var patientId = DeterministicGuid(seed, trialNo, n, "patient");
            yield return new GeneratedPatient(patientId, subjectId, course, CourseCommands.For(patientId, trialId, course));
        }
    }

    /// <summary>
    /// A patient with a long course (for replay): one of the paper's courses with a blood count
    /// and an exam every week from enrolment on, until the stream holds about <paramref name="events"/> events.
    /// </summary>
    public static GeneratedPatient LongCourse(int seed, int trialNo, string code, int events)
    {
        var trialId = TrialId(seed, trialNo);
        var template = Kantarjian2003.Courses.MaxBy(c => c.BloodCounts.Count)!;
        var random = new Random(seed);
        var course = Vary(template, random, $"{code}-LONG", Sites[0]);
        var baseCount = CourseCommands.For(Guid.Empty, trialId, course).Count;
        var started = course.Doses.Min(d => d.EffectiveOn);
        var extra = Math.Max(0, (events - baseCount) / 2);
        var extras = new List<IClinicalEntry>();
        var template0 = course.BloodCounts[^1];
        for (var i = 0; i < extra; i++)
        {
            var on = started.AddDays(3 + (7 * i));
            extras.Add(template0 with { CollectedOn = on, Wbc = Jitter(template0.Wbc, random) });
            extras.Add(new PhysicalExam(on, 0m, false));
        }
        course = PatientCourse.From(course.Baseline, [.. course.Entries(), .. extras]);
        var patientId = DeterministicGuid(seed, trialNo, 0, "long");
        return new GeneratedPatient(patientId, course.Baseline.SubjectId, course, CourseCommands.For(patientId, trialId, course));
    }

    private static PatientCourse Vary(PatientCourse c, Random random, string subjectId, string site)
    {
        var shift = -random.Next(EnrolmentSpreadDays);
        DateOnly S(DateOnly d) => d.AddDays(shift);
        var b = c.Baseline;
        var baseline = b with
        {
            SubjectId = subjectId,
            Site = site,
            AgeAtEnrolment = Math.Clamp(b.AgeAtEnrolment + random.Next(-5, 6), 18, 95),
            DiagnosedOn = S(b.DiagnosedOn),
        };
        return PatientCourse.From(baseline, [.. c.Entries().Select(IClinicalEntry (e) => e switch
        {
            BloodCount x => x with
            {
                CollectedOn = S(x.CollectedOn),
                Wbc = Jitter(x.Wbc, random),
                Neutrophils = Jitter(x.Neutrophils, random),
                Platelets = Jitter(x.Platelets, random),
            },
            MarrowAssessment x => x with { CollectedOn = S(x.CollectedOn) },
            CytogeneticAssessment x => x with { CollectedOn = S(x.CollectedOn) },
            MolecularAssessment x => x with { CollectedOn = S(x.CollectedOn) },
            PhysicalExam x => x with { ExaminedOn = S(x.ExaminedOn) },
            DoseChange x => x with { EffectiveOn = S(x.EffectiveOn) },
            ReportedToxicity x => x with { OnsetOn = S(x.OnsetOn) },
            ReportedResponse x => x with { AssessedOn = S(x.AssessedOn) },
            Transformation x => x with { DiagnosedOn = S(x.DiagnosedOn) },
            Discontinuation x => x with { EffectiveOn = S(x.EffectiveOn) },
            Death x => x with { DiedOn = S(x.DiedOn) },
            FollowUpContact x => x with { ContactOn = S(x.ContactOn) },
            _ => throw new ArgumentException($"The generator does not shift a {e.GetType().Name}", nameof(c)),
        })]);
    }

    /// <summary>A seed from the three numbers that is the same in every process (HashCode.Combine is randomised per process).</summary>
    private static int StableSeed(int seed, int trialNo, int n) =>
        unchecked((int)((((((uint)seed * 2_654_435_761u) ^ (uint)trialNo) * 2_246_822_519u) ^ (uint)n) * 3_266_489_917u));

    private static decimal? Jitter(decimal? value, Random random) =>
        value is { } v ? Math.Round(v * (0.85m + (0.30m * (decimal)random.NextDouble())), 1) : null;

    private static Guid DeterministicGuid(int seed, int trialNo, int n, string kind)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes[..4], seed);
        BitConverter.TryWriteBytes(bytes[4..8], trialNo);
        BitConverter.TryWriteBytes(bytes[8..12], n);
        BitConverter.TryWriteBytes(bytes[12..16], kind switch { "trial" => 1, "patient" => 2, _ => 3 });
        return new Guid(bytes);
    }
}
