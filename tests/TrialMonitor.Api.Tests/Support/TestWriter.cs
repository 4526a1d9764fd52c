using TrialMonitor.Api.Door;
using Wolverine;

namespace TrialMonitor.Api.Tests.Support;

/// <summary>
/// What a test's own commands are sent as when the test is not about who may write where: the server's own writer
/// (recorded as system), at every site. Tests of the site scope send their own (tests/…/Auth, tests/…/Door).
/// </summary>
public static class TestWriter
{
    public static DeliveryOptions AllSites => WriteActor.Internal(EventMetadata.Sources.System, EventMetadata.Sources.System, WriteScope.AllSites);
}
