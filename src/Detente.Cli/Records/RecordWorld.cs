using System.Text;
using Detente.Core;
using Detente.Record.Admission;
using Detente.Record.Keys;
using Detente.Record.Statements;
using Detente.Scenarios;
using Detente.Storage;

namespace Detente.Cli.Records;

/// <summary>
/// The world from the record: <see cref="Import"/> states every fact of a scenario as a signed statement (demo keys), and
/// <see cref="Load(IRecordStore)"/> rebuilds the scenario from the statements with the scenario format's own validating readers.
/// </summary>
internal static class RecordWorld
{
    /// <summary>Statements per append transaction during an import.</summary>
    private const int ImportBatch = 512;

    /// <summary>The demo key name of a party: <c>party.detente.local/POL/demo</c>.</summary>
    public static string DemoKeyName(PartyId party) => $"party.detente.local/{party.Code}/demo";

    /// <summary>What an import did.</summary>
    public sealed record ImportResult(int Statements, IReadOnlyDictionary<PartyId, int> ByAuthor, long Size, Record.Notes.SignedNote Checkpoint);

    /// <summary>
    /// Signs every fact of the scenario with its author's demo key (the observer, the notifier, the owner of a declared
    /// deployment; <see cref="RecordNode.Librarian"/> for facts with no natural author), appends, integrates and checkpoints.
    /// Demo keys are added to <paramref name="keyring"/> (marked demo) and enrolled in the store when missing.
    /// </summary>
    public static ImportResult Import(IRecordStore store, SigningKey logKey, IReadOnlyList<ScenarioFact> facts, ref Keyring keyring, DateTimeOffset now)
    {
        if (store.Size > 0 || store.PendingCount > 0)
        {
            throw new UsageException($"the record already holds {store.Size + store.PendingCount} statements; import a scenario into an empty record (--db)");
        }

        var keys = new Dictionary<PartyId, SigningKey>();
        try
        {
            var state = store.State;
            var next = new Dictionary<PartyId, long>();
            var byAuthor = new Dictionary<PartyId, int>();
            var entries = new List<byte[]>(facts.Count);
            foreach (var fact in facts)
            {
                var author = fact.Author is null ? RecordNode.Librarian : new PartyId(fact.Author);
                if (!keys.TryGetValue(author, out var key))
                {
                    key = SigningKey.Demo(DemoKeyName(author));
                    keys[author] = key;
                    if (keyring.Find(key.Name) is null)
                    {
                        keyring = keyring.Add(key, KeyPurpose.Statement, author);
                    }

                    if (state.Keys.Find(key.NoteKey.Reference) is null)
                    {
                        store.Enrol(author, key.NoteKey);
                    }

                    next[author] = state.NextSequence(author);
                }

                if (!StatementKinds.TryParse(fact.Kind, out var kind))
                {
                    throw new InvalidOperationException("no statement kind " + fact.Kind);
                }

                var seq = next[author]++;
                byAuthor[author] = byAuthor.GetValueOrDefault(author) + 1;
                var statement = new Statement(kind.Value, author, key.NoteKey.Reference, seq, now, Encoding.UTF8.GetString(fact.Json));
                entries.Add([.. SignedStatement.Sign(statement, key).Entry]);
            }

            // Batches are pipelined: the next one's signatures are checked while this one commits.
            var checks = store.AppendBatches(entries.Chunk(ImportBatch), now);
            if (checks.FirstOrDefault(c => !c.IsAccepted) is { } rejected)
            {
                throw new UsageException($"the record rejected a statement of the scenario: {rejected.Message}");
            }

            while (store.PendingCount > 0)
            {
                store.Integrate(4096);
            }

            return new ImportResult(entries.Count, byAuthor, store.Size, store.Checkpoint(logKey));
        }
        finally
        {
            foreach (var key in keys.Values)
            {
                key.Dispose();
            }
        }
    }

    /// <summary>Reads every integrated statement and rebuilds the scenario; each fact's evidence carries its log index.</summary>
    public static Scenario Load(IRecordStore store)
    {
        var facts = new List<RecordedFact>();
        var size = store.Size;
        for (long start = 0; start < size; start += 4096)
        {
            var entries = store.Entries(start, (int)Math.Min(4096, size - start));
            for (var i = 0; i < entries.Count; i++)
            {
                var parsed = SignedStatement.Parse(entries[i]);
                if (!parsed.IsAccepted)
                {
                    throw new UsageException($"record entry {start + i}: {parsed.Message}; run 'detente record verify'");
                }

                var s = parsed.Statement.Statement;
                facts.Add(new RecordedFact(s.Kind.WireName(), s.Author.Code, Encoding.UTF8.GetBytes(s.Body), start + i));
            }
        }

        return ObservationBatches.AddTo(store, ScenarioLoader.FromStatements(facts, Geography.AreaIds(Path.Combine(Paths.DataDirectory(), "geo"))), facts);
    }

    /// <summary>
    /// Opens an existing record (never creates one) and rebuilds its scenario from the integrated entries; <paramref name="status"/>
    /// says what the world leaves out (entries accepted but not integrated, e.g. after an import was stopped) and whether it is a demo record.
    /// </summary>
    public static Scenario Load(string connection, out RecordStatus status)
    {
        var origin = RecordStores.ExistingOrigin(connection)
            ?? throw new UsageException($"--db (--record): no record in {RecordNode.Display(connection)}; create one with 'detente record import'");
        using var store = RecordStores.Open(connection, origin);
        status = new RecordStatus(origin, store.Size, store.PendingCount, DemoKeys.IsDemoOrigin(origin));
        return Load(store);
    }
}

/// <summary>What a world read from a record leaves out, and whether the record is a demo.</summary>
/// <param name="Origin">The log's origin.</param>
/// <param name="Integrated">Entries in the tree: the world is built from these.</param>
/// <param name="Pending">Entries accepted but not integrated (not yet in the world, not covered by any checkpoint).</param>
/// <param name="Demo">True for a demo record (statements signed with demo keys).</param>
internal sealed record RecordStatus(string Origin, long Integrated, long Pending, bool Demo)
{
    /// <summary>The warnings a reader must see.</summary>
    public IEnumerable<string> Warnings
    {
        get
        {
            if (Pending > 0)
            {
                yield return $"the record {Origin} holds {Pending:N0} statements accepted but not integrated (an import or append stopped before "
                             + $"integration?); the world below is built from the {Integrated:N0} integrated ones only: run 'detente record integrate'";
            }

            if (Demo)
            {
                yield return DemoKeys.Warning;
            }
        }
    }

    /// <summary>The <c>record</c> member of JSON output: only when there is something to say.</summary>
    public System.Text.Json.Nodes.JsonObject? Json() => Pending > 0 || Demo
        ? new() { ["origin"] = Origin, ["integrated"] = Integrated, ["pending"] = Pending, ["demo"] = Demo }
        : null;
}
