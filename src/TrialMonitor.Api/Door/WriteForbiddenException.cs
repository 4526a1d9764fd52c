namespace TrialMonitor.Api.Door;

/// <summary>The writer may not write where the command would write (another site's patient); nothing is appended.</summary>
public sealed class WriteForbiddenException(string message) : Exception(message);
