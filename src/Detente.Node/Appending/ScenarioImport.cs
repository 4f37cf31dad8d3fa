using System.Text;
using Detente.Core;
using Detente.Record.Admission;
using Detente.Record.Keys;
using Detente.Record.Statements;
using Detente.Data;
using Detente.Storage;

namespace Detente.Node.Appending;

/// <summary>
/// A scenario into the record: <see cref="Import"/> states every fact of a scenario as a signed statement (demo keys). The way
/// back, record to world, is <see cref="Projection.RecordProjection"/>.
/// </summary>
public static class ScenarioImport
{
    /// <summary>The demo key name of a party: <c>party.detente.local/POL/demo</c>.</summary>
    public static string DemoKeyName(PartyId party) => $"party.detente.local/{party.Code}/demo";

    /// <summary>What an import did.</summary>
    public sealed record ImportResult(int Statements, IReadOnlyDictionary<PartyId, int> ByAuthor, long Size, Record.Notes.SignedNote Checkpoint);

    /// <summary>
    /// The statements of a scenario, signed and checked but not yet written: each fact signed by its author's demo key (the
    /// observer, the notifier, the owner of a declared deployment; <see cref="Librarian.LibrarianParty"/> for facts with no natural
    /// author) with sequences from 1, as an empty record expects. Every entry is checked (size, canonical form, signature,
    /// sequence) against an empty record holding these keys, so an import that would be rejected is refused before anything is
    /// written. Dispose it to dispose the keys.
    /// </summary>
    public sealed class PreparedImport : IDisposable
    {
        internal PreparedImport(Dictionary<PartyId, SigningKey> keys, List<byte[]> entries, Dictionary<PartyId, int> byAuthor)
        {
            Keys = keys;
            Entries = entries;
            ByAuthor = byAuthor;
        }

        /// <summary>The demo key of each author.</summary>
        public IReadOnlyDictionary<PartyId, SigningKey> Keys { get; }

        /// <summary>The signed entries, in the order they are appended.</summary>
        public IReadOnlyList<byte[]> Entries { get; }

        /// <summary>How many statements each author signs.</summary>
        public IReadOnlyDictionary<PartyId, int> ByAuthor { get; }

        /// <summary>Disposes the demo keys.</summary>
        public void Dispose()
        {
            foreach (var key in Keys.Values)
            {
                key.Dispose();
            }
        }
    }

    /// <summary>Signs and checks every fact (<see cref="PreparedImport"/>); a fact that cannot be stated is a <see cref="NodeException"/> naming it.</summary>
    public static PreparedImport Prepare(IReadOnlyList<ScenarioFact> facts, DateTimeOffset now)
    {
        var keys = new Dictionary<PartyId, SigningKey>();
        try
        {
            var state = RecordState.Empty;
            var stated = new StatedFacts();
            var byAuthor = new Dictionary<PartyId, int>();
            var entries = new List<byte[]>(facts.Count);
            foreach (var fact in facts)
            {
                var author = Librarian.LibrarianParty.AuthorOf(fact);
                if (!keys.TryGetValue(author, out var key))
                {
                    key = SigningKey.Demo(DemoKeyName(author));
                    keys[author] = key;
                    state = state.WithPartyKey(author, key.NoteKey);
                }

                byAuthor[author] = byAuthor.GetValueOrDefault(author) + 1;
                var statement = new Statement(fact.Kind, author, key.NoteKey.Reference, state.NextSequence(author), now, Encoding.UTF8.GetString(fact.Json));
                byte[] entry;
                try
                {
                    entry = [.. SignedStatement.Sign(statement, key).Entry];
                }
                catch (ArgumentException e)
                {
                    throw new NodeException($"{fact.Kind.WireName()} '{fact.Id}' cannot be stated: {e.Message.Split(" (Parameter", 2)[0]}; nothing was written");
                }

                var check = StatementValidator.Validate(entry, state, now);
                if (check.IsAccepted && stated.Admit(check.Statement.Statement, entries.Count, demoRecord: true) is { } breach)
                {
                    check = StatementCheck.Reject(breach);
                }

                if (!check.IsAccepted)
                {
                    throw new NodeException($"{fact.Kind.WireName()} '{fact.Id}' would be rejected by the record: {check.Message}; nothing was written");
                }

                state = state.Apply(check.Statement);
                entries.Add(entry);
            }

            return new PreparedImport(keys, entries, byAuthor);
        }
        catch
        {
            foreach (var key in keys.Values)
            {
                key.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// Writes a prepared import into an empty record through <paramref name="appender"/> (which holds the log key): adds the demo keys
    /// to <paramref name="keyring"/> (marked demo), enrols them, appends, integrates and checkpoints.
    /// </summary>
    public static ImportResult Import(Appender appender, PreparedImport prepared, ref Keyring keyring)
    {
        ArgumentNullException.ThrowIfNull(appender);
        ArgumentNullException.ThrowIfNull(prepared);
        var store = appender.Store;
        if (store.Size > 0 || store.PendingCount > 0)
        {
            throw new NodeException($"the record already holds {store.Size + store.PendingCount} statements; import a scenario into an empty record (--db)");
        }

        var enrol = new List<(PartyId, VerifierKey)>();
        foreach (var (author, key) in prepared.Keys)
        {
            if (keyring.Find(key.Name) is null)
            {
                keyring = keyring.Add(key, KeyPurpose.Statement, author);
            }

            enrol.Add((author, key.NoteKey));
        }

        var result = appender.Append(new AppendRequest(prepared.Entries) { Enrol = enrol });
        if (!result.IsAccepted)
        {
            throw new NodeException($"the record rejected a statement of the scenario: {result.Message}");
        }

        var checkpoint = store.LatestCheckpoint() ?? throw new NodeException("the record's appender holds no log key, so the import was not checkpointed");
        return new ImportResult(prepared.Entries.Count, prepared.ByAuthor, appender.Size, checkpoint);
    }
}
