namespace TrialMonitor.Api.Fhir;

/// <summary>How a DiagnosticReport's result finds an Observation of the same Bundle: by its fullUrl, or as Type/id.</summary>
public static class References
{
    /// <summary>The names an entry is referenced by: its fullUrl and Type/id (from its id, else its fullUrl's last segments).</summary>
    public static IReadOnlyList<string> Of(string? fullUrl, string type, string? id)
    {
        var names = new List<string>();
        if (!string.IsNullOrEmpty(fullUrl)) names.Add(fullUrl);
        if (!string.IsNullOrEmpty(id)) names.Add($"{type}/{id}");
        else if (fullUrl is not null && Relative(fullUrl) is { } relative && relative.StartsWith(type + "/", StringComparison.Ordinal)) names.Add(relative);
        return names;
    }

    /// <summary>A reference as it is matched with <see cref="Of"/>: a urn as it is, a URL by its Type/id.</summary>
    public static string Normalize(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return reference.StartsWith("urn:", StringComparison.Ordinal) ? reference : Relative(reference) ?? reference;
    }

    private static string? Relative(string url)
    {
        var segments = url.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 2 ? $"{segments[^2]}/{segments[^1]}" : null;
    }
}
