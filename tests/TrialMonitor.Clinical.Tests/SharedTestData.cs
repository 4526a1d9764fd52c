namespace TrialMonitor.Clinical.Tests;

/// <summary>
/// Finds files in the shared folder that sits beside the repository (CI clones the repository
/// next to a copy of shared/), by walking up from the test binaries to TrialMonitor.sln.
/// </summary>
internal static class SharedTestData
{
    public static string PathOf(string fileName)
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

        return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "testdata", fileName));
    }
}
