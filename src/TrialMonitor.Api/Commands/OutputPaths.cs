using TrialMonitor.Api.Infrastructure;

namespace TrialMonitor.Api.Commands;

/// <summary>
/// Where an export verb writes, opened before anything is written: a path it cannot write (missing directory, a file where a
/// directory is meant, no permission, an empty path) is a bad argument, one line naming it, not a stack trace.
/// </summary>
public static class OutputPaths
{
    /// <returns>Null when the directory exists or was created, else the problem naming the argument as <paramref name="name"/>.</returns>
    public static string? CreateDirectory(string path, string name)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0) return $"{name} is empty: give a directory";
        if (File.Exists(path)) return $"{name} {Quoted.Of(path)} is a file: give a directory";
        try
        {
            Directory.CreateDirectory(path);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return $"{name} {Quoted.Of(path)}: cannot create it: {e.Message}";
        }
    }

    /// <returns>The file created (emptied when it existed), or null with the problem naming the argument as <paramref name="name"/>.</returns>
    public static FileStream? CreateFile(string path, string name, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(path);
        problem = path.Length == 0 ? $"{name} is empty: give a file"
            : Directory.Exists(path) ? $"{name} {Quoted.Of(path)} is a directory: give a file"
            : null;
        if (problem is not null) return null;
        try
        {
            return File.Create(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            problem = $"{name} {Quoted.Of(path)}: cannot create it: {e.Message}";
            return null;
        }
    }
}
