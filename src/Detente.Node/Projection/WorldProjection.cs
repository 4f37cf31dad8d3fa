using System.Text;
using Detente.Core;
using Detente.Data;
using Detente.Node.Following;
using Detente.Record.Statements;
using Detente.Storage;

namespace Detente.Node.Projection;

/// <summary>A dated fact the world gained, with the statement that stated it.</summary>
/// <param name="Fact">The fact: a membership, control, deployment, activity, notification, observation or consent.</param>
/// <param name="Cause">The integrated statement it came from (an observation batch for its rows).</param>
public sealed record ProjectedFact(object Fact, StatementCause Cause);

/// <summary>What one integrated batch did to the world.</summary>
/// <param name="Batch">The batch.</param>
/// <param name="Before">The scenario before the batch.</param>
/// <param name="After">The scenario after it.</param>
/// <param name="Facts">The dated facts it added, in log order (empty when the world was read again).</param>
/// <param name="ReadAgain">
/// The statement that made the projection read the whole log again (a source, party, system, site or the scenario's description,
/// which change what other facts may name); null when the batch's facts were taken one by one.
/// </param>
public sealed record WorldStep(IntegratedStatements Batch, Scenario Before, Scenario After, IReadOnlyList<ProjectedFact> Facts, StatementCause? ReadAgain);

/// <summary>
/// The world of the record (a <see cref="Scenario"/> of every dated fact with its log index), kept up to date as statements are
/// integrated: a batch's dated facts are read one at a time with the scenario format's validating readers (<see cref="FactStream"/>)
/// and added to the scenario; a statement of reference data (sources, parties, systems, sites) makes it read the log again
/// (<see cref="RecordProjection"/>). Its position is recomputed: opening reads the integrated log from the start.
/// </summary>
public sealed class WorldProjection
{
    private readonly IRecordStore _store;
    private readonly IReadOnlySet<string>? _areaIds;
    private FactStream _stream;

    private WorldProjection(IRecordStore store, IReadOnlySet<string>? areaIds, Scenario scenario, long position)
    {
        _store = store;
        _areaIds = areaIds;
        Scenario = scenario;
        Position = position;
        _stream = new FactStream(scenario, areaIds);
    }

    /// <summary>The world of the statements before <see cref="Position"/>.</summary>
    public Scenario Scenario { get; private set; }

    /// <summary>The statements before this index are in <see cref="Scenario"/>.</summary>
    public long Position { get; private set; }

    /// <summary>Reads every statement the store has integrated; the projection is then at the integrated size.</summary>
    public static WorldProjection Open(IRecordStore store, IReadOnlySet<string>? areaIds)
    {
        ArgumentNullException.ThrowIfNull(store);
        var (scenario, size) = ReadAll(store, areaIds);
        return new WorldProjection(store, areaIds, scenario, size);
    }

    /// <summary>
    /// Takes a batch that starts at <see cref="Position"/>. A bad fact is a <see cref="NodeException"/> naming its entry, line and
    /// column, and the projection stays where it was.
    /// </summary>
    public WorldStep Take(IntegratedStatements batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.FirstIndex != Position)
        {
            throw new ArgumentException($"the batch starts at {batch.FirstIndex}; the world projection is at {Position}", nameof(batch));
        }

        var before = Scenario;
        if (batch.Statements.FirstOrDefault(s => IsReference(s.Statement.Kind)) is { } reference)
        {
            var (all, size) = ReadAll(_store, _areaIds, batch.End);
            Commit(all, size, new FactStream(all, _areaIds));
            return new WorldStep(batch, before, all, [], reference.Cause);
        }

        // On a bad fact the reader is rebuilt from the world as it was, so nothing of the batch is half taken.
        var reader = _stream;
        var scenario = before;
        var facts = new List<ProjectedFact>();
        var pending = new List<object>();
        try
        {
            scenario = TakeFacts(batch, reader, scenario, facts, pending);
        }
        catch (Exception e) when (e is NodeException or InputException)
        {
            _stream = new FactStream(Scenario, _areaIds);
            throw e as NodeException ?? new NodeException($"{e.Message}; the world stays at entry {Position}");
        }

        scenario = ScenarioGrowth.With(scenario, pending);
        Commit(scenario, batch.End, reader);
        return new WorldStep(batch, before, scenario, facts, null);
    }

    private Scenario TakeFacts(IntegratedStatements batch, FactStream reader, Scenario scenario, List<ProjectedFact> facts, List<object> pending)
    {
        foreach (var statement in batch.Statements)
        {
            var s = statement.Statement;
            if (FactStream.IsDated(s.Kind))
            {
                var fact = reader.Read(new RecordedFact(s.Kind, s.Author.Code, s.BodyUtf8.ToArray(), statement.Index));
                pending.Add(fact);
                facts.Add(new ProjectedFact(fact, statement.Cause));
            }
            else if (s.Kind == StatementKind.ObservationBatch)
            {
                scenario = ScenarioGrowth.With(scenario, pending);
                pending.Clear();
                var had = scenario.Observations.Length;
                scenario = RecordProjection.AddTo(_store, scenario,
                    [new RecordedFact(s.Kind, s.Author.Code, s.BodyUtf8.ToArray(), statement.Index)]);
                foreach (var o in scenario.Observations.AsSpan()[had..])
                {
                    reader.Held(o);
                    facts.Add(new ProjectedFact(o, statement.Cause));
                }
            }
        }

        return scenario;
    }

    private void Commit(Scenario scenario, long position, FactStream reader)
    {
        Scenario = scenario;
        Position = position;
        _stream = reader;
    }

    /// <summary>Kinds that change what other facts may name: the world is read again when one arrives.</summary>
    private static bool IsReference(StatementKind kind) =>
        kind is StatementKind.Scenario or StatementKind.Source or StatementKind.Party or StatementKind.System or StatementKind.Site;

    private static (Scenario Scenario, long Size) ReadAll(IRecordStore store, IReadOnlySet<string>? areaIds, long? atLeast = null)
    {
        var size = store.Size;
        if (atLeast is { } need && size < need)
        {
            throw new NodeException($"the record holds {size} integrated statements, fewer than the {need} a follower has seen: was it rolled back?");
        }

        try
        {
            return (RecordProjection.Load(store, areaIds, size), size);
        }
        catch (InputException e)
        {
            throw new NodeException(e.Message);
        }
    }
}
