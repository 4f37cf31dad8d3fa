using Detente.Record.Witness;

namespace Detente.Record.Driver;

/// <summary>
/// The witness protocol over a driver: C2SP tlog-witness <c>add-checkpoint</c> decided by <see cref="CheckpointWitness"/> against the
/// state the driver keeps, the new state persisted (compare-and-set) before the answer is returned, as tlog-witness requires.
/// </summary>
public static class WitnessState
{
    // Each retry re-reads a state another request changed; that request's size makes this one a 409 at once, so two rounds suffice.
    private const int MaxRounds = 8;

    /// <summary>
    /// Answers one <c>add-checkpoint</c> request for another log: reads this node's latest cosigned state for the request's origin,
    /// decides, and persists the new state only if nothing changed it meanwhile (else decides again on the new state).
    /// </summary>
    public static WitnessResponse AddCheckpoint(IRecordDriver driver, CheckpointWitness witness, ReadOnlySpan<byte> requestBody, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(witness);
        for (var round = 0; round < MaxRounds; round++)
        {
            WitnessRecord? seen = null;
            var response = witness.AddCheckpoint(requestBody, origin => seen = driver.Witnessed(origin), now);
            if (response.Persist is not { } record || driver.SaveWitnessed(record, seen))
            {
                return response;
            }
        }

        throw new InvalidOperationException(RecordMessages.WitnessStateContended(MaxRounds));
    }
}
