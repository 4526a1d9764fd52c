namespace TrialMonitor.Api.Alerts.Listening;

/// <summary>Whether this instance's <see cref="AlertListener"/> holds its LISTEN connection (readiness reads it).</summary>
public sealed class AlertListenerState
{
    private int connected;

    public bool Connected => Volatile.Read(ref connected) == 1;

    internal void Set(bool isConnected) => Volatile.Write(ref connected, isConnected ? 1 : 0);
}
