namespace TrialMonitor.Api.Tests.Odm;

/// <summary>
/// The real ODM exports in ../shared/testdata/cdisc/odm (see its README) and the mappings in ops/odm-mappings:
/// found by walking up from the test binaries to the repository, then to the first folder above it holding shared/testdata.
/// </summary>
internal static class OdmTestData
{
    public const string CdiscExample = "CDISC_ODM_example_3.xml";
    public const string Redcap = "project.xml";
    public const string RaveStream = "car_message.xml";

    public static string Repository
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !System.IO.File.Exists(Path.Combine(directory.FullName, "TrialMonitor.sln"))) directory = directory.Parent;
            return directory?.FullName ?? throw new InvalidOperationException($"No TrialMonitor.sln above {AppContext.BaseDirectory}.");
        }
    }

    public static string File(string name)
    {
        for (var directory = Directory.GetParent(Repository); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "shared", "testdata", "cdisc", "odm", name);
            if (System.IO.File.Exists(path)) return path;
        }
        throw new InvalidOperationException($"No shared/testdata/cdisc/odm/{name} above {Repository}.");
    }

    public static string Mapping(string name) => Path.Combine(Repository, "ops", "odm-mappings", name);
}
