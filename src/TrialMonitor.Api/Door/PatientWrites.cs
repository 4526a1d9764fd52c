using JasperFx;
using TrialMonitor.Api.Patients.Enrolling;
using Wolverine;

namespace TrialMonitor.Api.Door;

/// <summary>
/// How every writer (GraphQL, the demo loader, an import, the benchmarks' command path) sends a patient
/// command. When another writer committed to the same stream between this command's read and its
/// append, Marten refuses the append; the decision is then taken again on the stream as it is now —
/// a client that pinned expectedVersion is refused as stale by that decision, any other write goes in
/// (a repeat of the same entry key is acknowledged), so a lab feed sending several results at once
/// need not retry. Each round of racing writers lets at least one commit, so a burst of N writes to one
/// patient needs at most N attempts; the pause between attempts spreads them out. After
/// <see cref="MaxAttempts"/> the conflict reaches the client. (Not named SendAsync: a call without the cancellation
/// token would bind to Wolverine's own IMessageBus.SendAsync, which neither waits for the decision nor answers it.)
/// </summary>
public static class PatientWrites
{
    public const int MaxAttempts = 32;

    public static Task<EntryResult> RecordAsync(this IMessageBus bus, object command, DeliveryOptions actor, CancellationToken cancellation = default) =>
        bus.RecordAsync<EntryResult>(command, actor, cancellation);

    /// <summary>A command answering <typeparamref name="TResult"/> (a lab's results for several patients at once), sent the same way.</summary>
    public static async Task<TResult> RecordAsync<TResult>(this IMessageBus bus, object command, DeliveryOptions actor, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(bus);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await bus.InvokeAsync<TResult>(command, actor, cancellation);
            }
            catch (Exception e) when (LostRace(e) && attempt < MaxAttempts)
            {
                await Task.Delay(Random.Shared.Next(1, 2 + Math.Min(attempt, 10) * 2), cancellation);
            }
            catch (Exception e) when (command is EnrolPatient enrolment && SubjectEnrolment.Refusal(e, enrolment) is { } refusal)
            {
                throw refusal;
            }
        }
    }

    private static bool LostRace(Exception e) =>
        e is ConcurrencyException or JasperFx.Events.ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException;
}
