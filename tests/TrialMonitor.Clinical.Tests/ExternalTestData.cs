namespace TrialMonitor.Clinical.Tests;

/// <summary>
/// Finds files in tests/testdata (data from outside the project, see its README) by walking up
/// from the test binaries to TrialMonitor.sln.
/// </summary>
internal static class ExternalTestData
{
    public static string PathOf(string fileName) => Path.Combine(RepositoryRoot(), "tests", "testdata", fileName);

    /// <summary>The directory of TrialMonitor.sln, for the tests' own checked-in files.</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TrialMonitor.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException($"No TrialMonitor.sln above {AppContext.BaseDirectory}.");
        }

        return directory.FullName;
    }
}
