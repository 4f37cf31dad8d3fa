using Detente.Node.Appending;
using Detente.Node.Projection;
using Detente.Rules;
using Detente.Rules.Compilation;
using Detente.Storage;

namespace Detente.Node.Following;

/// <summary>What one poll of the integrated log did: the statements taken and the finding changes they caused.</summary>
/// <param name="Batch">The statements taken (none when nothing new was integrated).</param>
/// <param name="Changes">The findings that appeared, changed status or disappeared, each with its cause.</param>
public sealed record Followed(IntegratedStatements Batch, IReadOnlyList<FindingChange> Changes);

/// <summary>
/// A node's followers over one record: the world projection, the verification steps projection and the live compliance follower.
/// <see cref="Poll"/> reads what was integrated since (by this process or another one writing the same store) and hands it to
/// each follower in log order; each follower checks the batch starts at its own position. Positions are recomputed: opening
/// reads the integrated log from the start.
/// </summary>
public sealed class LiveRecord
{
    private readonly IRecordStore _store;

    private LiveRecord(IRecordStore store, WorldProjection world, StepsProjection? steps, LiveFindings findings)
    {
        _store = store;
        World = world;
        Steps = steps;
        Findings = findings;
    }

    /// <summary>The world of the record.</summary>
    public WorldProjection World { get; }

    /// <summary>The verification steps, when opened with them.</summary>
    public StepsProjection? Steps { get; }

    /// <summary>Every agreement's findings on <see cref="LiveFindings.At"/>.</summary>
    public LiveFindings Findings { get; }

    /// <summary>The statements before this index are in every follower.</summary>
    public long Position => World.Position;

    /// <summary>
    /// Reads the integrated log of <paramref name="store"/> (the world, and with <paramref name="steps"/> the verification steps) and
    /// evaluates <paramref name="agreements"/> on <paramref name="at"/> incrementally.
    /// </summary>
    public static LiveRecord Open(IRecordStore store, IReadOnlySet<string>? areaIds, RuleEngine engine, IEnumerable<Agreement> agreements,
        DateOnly at, bool steps = false) =>
        Open(WorldProjection.Open(store, areaIds), store, engine, agreements, at, steps);

    /// <summary>As the other overload, over a world projection already opened on <paramref name="store"/>.</summary>
    public static LiveRecord Open(WorldProjection world, IRecordStore store, RuleEngine engine, IEnumerable<Agreement> agreements, DateOnly at,
        bool steps = false)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(store);
        StepsProjection? stepsProjection = null;
        if (steps)
        {
            stepsProjection = new StepsProjection(store.Origin);
            while (stepsProjection.Position < world.Position)
            {
                var batch = IntegratedStatements.Read(store, stepsProjection.Position, (int)Math.Min(4096, world.Position - stepsProjection.Position));
                stepsProjection.Take(batch);
            }
        }

        return new LiveRecord(store, world, stepsProjection, new LiveFindings(engine, agreements, world.Scenario, at, world.Position));
    }

    /// <summary>
    /// Takes up to <paramref name="max"/> statements integrated since the last poll; returns what they changed (an empty batch when
    /// nothing new was integrated). A statement that cannot be taken is a <see cref="NodeException"/>, and no follower moves.
    /// </summary>
    public Followed Poll(int max = 4096) => Take(IntegratedStatements.Read(_store, Position, max));

    /// <summary>
    /// Takes a batch the <see cref="Appender"/> integrated (its <see cref="Appender.Integrated"/> event or <see cref="Appender.Follow"/>
    /// channel): statements already taken are skipped, and a gap before the batch is read from the store first.
    /// </summary>
    public Followed Take(IntegratedBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Size <= Position ? new Followed(new IntegratedStatements(Position, []), [])
            : batch.FirstIndex == Position ? Take(IntegratedStatements.From(batch))
            : Take(IntegratedStatements.Read(_store, Position, (int)Math.Min(int.MaxValue, batch.Size - Position)));
    }

    private Followed Take(IntegratedStatements batch)
    {
        if (batch.Statements.Count == 0)
        {
            return new Followed(batch, []);
        }

        var step = World.Take(batch);
        Steps?.Take(batch);
        return new Followed(batch, Findings.Take(step));
    }
}
