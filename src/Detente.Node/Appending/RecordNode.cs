using System.Security.Cryptography;
using Detente.Core;
using Detente.Record.Admission;
using Detente.Record.Keys;
using Detente.Record.Statements;
using Detente.Storage;

namespace Detente.Node.Appending;

/// <summary>
/// This machine's part of the record: a keyring file and a store. The log's key lives in the keyring (created on first use, its
/// name is the log's origin); a party's statement keys are found there too, and the store says which of them are live.
/// </summary>
public sealed class RecordNode : IDisposable
{
    private IRecordStore? _store;
    private Appender? _appender;
    private SigningKey? _logKey;

    /// <summary>Opens this machine's part of a record; with <paramref name="demo"/>, a record created now is a demo record (demo keys accepted).</summary>
    public RecordNode(string connection, string keyringPath, bool demo = false)
    {
        Connection = connection;
        KeyringPath = keyringPath;
        Demo = demo;
        Keyring = Core.InputFile.Exists(keyringPath) ? Record.Keys.Keyring.Load(keyringPath) : Record.Keys.Keyring.Empty;
        if (demo && RecordStores.ExistingOrigin(connection) is { } existing && !DemoKeys.IsDemoOrigin(existing))
        {
            throw new NodeException($"--demo: {Display(connection)} already holds the record '{existing}', which was not created as a demo record");
        }
    }

    /// <summary>True when a record created by this node is to be a demo record.</summary>
    public bool Demo { get; }

    /// <summary>True when the record (existing, or about to be created) is a demo record: its origin says so.</summary>
    public bool IsDemoRecord => DemoKeys.IsDemoOrigin(Store.Origin);

    /// <summary>The store's connection: a SQLite path or a PostgreSQL connection string.</summary>
    public string Connection { get; }

    /// <summary>The keyring file of private keys.</summary>
    public string KeyringPath { get; }

    /// <summary>The keyring as last loaded or saved.</summary>
    public Keyring Keyring { get; private set; }

    /// <summary>The store, opened on first use with the origin it already has, or the keyring's log key (created if needed).</summary>
    public IRecordStore Store => _store ??= RecordStores.Open(Connection, LogKeyEntry().Name);

    /// <summary>
    /// The appender over this node's store, opened on first use: with the log key when the keyring holds it (statements are then
    /// integrated and checkpointed), else integrating only. Opening it integrates what an earlier run left pending.
    /// </summary>
    public Appender Appender
    {
        get
        {
            if (_appender is null)
            {
                var store = Store;
                var entry = Keyring.Entries.FirstOrDefault(e => e.Purpose == KeyPurpose.Log && e.Name == store.Origin);
                _logKey = entry?.Open();
                _appender = new Appender(store, _logKey);
            }

            return _appender;
        }
    }

    /// <summary>
    /// Appends one statement through the <see cref="Appender"/>, enrolling <paramref name="enrol"/> (a party's first key) in the same
    /// transaction: when the statement is rejected, nothing is written and no key is enrolled. A full queue is refused with the reason.
    /// </summary>
    public AppendResult Submit(SignedStatement statement, PartyId author, VerifierKey? enrol)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var result = Appender.Append(AppendRequest.Of(statement) with { Enrol = enrol is null ? [] : [(author, enrol)] });
        return result.Outcome == AppendOutcome.Busy ? throw new NodeException(result.Message!) : result;
    }

    /// <summary>The log's key: the keyring's log key named like the store's origin, or a new one if the store is new.</summary>
    public KeyringEntry LogKeyEntry()
    {
        var existing = _store?.Origin ?? RecordStores.ExistingOrigin(Connection);
        var logs = Keyring.Entries.Where(e => e.Purpose == KeyPurpose.Log).ToList();
        if (existing is not null)
        {
            return logs.FirstOrDefault(e => e.Name == existing)
                ?? throw new NodeException($"the keyring {KeyringPath} has no key for the log '{existing}' in {Display(Connection)}");
        }

        // A new record: its origin (the log key's name) says whether it is a demo record, in every checkpoint and proof.
        if (logs.FirstOrDefault(e => DemoKeys.IsDemoOrigin(e.Name) == Demo) is { } reuse)
        {
            return reuse;
        }

        using var key = SigningKey.Generate(Demo ? DemoKeys.DemoOrigin(RandomLabel()) : $"log.detente.local/{RandomLabel()}");
        Save(Keyring.Add(key, KeyPurpose.Log));
        return Keyring.Find(key.Name)!;
    }

    /// <summary>The witness key (type 0x04 cosigner), created in the keyring on first use.</summary>
    public KeyringEntry WitnessKeyEntry()
    {
        if (Keyring.Entries.FirstOrDefault(e => e.Purpose == KeyPurpose.Witness) is { } entry)
        {
            return entry;
        }

        using var key = SigningKey.Generate($"witness.detente.local/{RandomLabel()}");
        Save(Keyring.Add(key, KeyPurpose.Witness));
        return Keyring.Find(key.Name)!;
    }

    /// <summary>Saves the keyring to <see cref="KeyringPath"/> and keeps it as <see cref="Keyring"/>.</summary>
    public void Save(Keyring keyring)
    {
        keyring.Save(KeyringPath);
        Keyring = keyring;
    }

    /// <summary>The party's statement keys in the keyring, newest first.</summary>
    public IEnumerable<KeyringEntry> PartyKeys(PartyId party) =>
        Keyring.Entries.Where(e => e.Purpose == KeyPurpose.Statement && e.Party == party).Reverse();

    /// <summary>
    /// The key to sign the party's next statement with: <paramref name="name"/> if given, else the newest keyring key the record
    /// knows and has not revoked. When the record knows no key of the party yet, the newest keyring key is to be enrolled (trust on
    /// first use, for a node where one analyst holds the keyring): <paramref name="enrol"/> holds it, and the caller enrols it in the
    /// same transaction as the statement (<see cref="Submit"/>),
    /// so a rejected statement enrols nothing.
    /// </summary>
    public SigningKey SigningKeyFor(PartyId party, string? name, out VerifierKey? enrol)
    {
        enrol = null;
        if (name is not null)
        {
            var named = Keyring.Find(name) ?? throw new NodeException($"--key: the keyring {KeyringPath} has no key named '{name}'");
            if (named.Party != party)
            {
                throw new NodeException($"--key: '{name}' is a key of {named.Party?.Code ?? "no party"}, not of {party}");
            }

            return named.Open();
        }

        var keys = PartyKeys(party).ToList();
        if (keys.Count == 0)
        {
            throw new NodeException($"the keyring {KeyringPath} has no key for {party}; create one with 'detente keys new --party {party}'");
        }

        var directory = Store.State.Keys;
        var live = keys.FirstOrDefault(k => directory.Find(k.VerifierKey().Reference) is { IsRevoked: false });
        if (live is not null)
        {
            return live.Open();
        }

        if (directory.Keys.Any(k => k.Owner == party))
        {
            throw new NodeException($"none of {party}'s keys in {KeyringPath} is live in the record (revoked or never enrolled)");
        }

        enrol = keys[0].VerifierKey();
        return keys[0].Open();
    }

    /// <summary>Signs a statement with the party's key at the party's next sequence number.</summary>
    public static SignedStatement Sign(IRecordStore store, StatementKind kind, PartyId party, SigningKey key, string bodyJson, DateTimeOffset now) =>
        SignedStatement.Sign(new Statement(kind, party, key.NoteKey.Reference, store.State.NextSequence(party), now, bodyJson), key);

    /// <summary>How a connection is named in messages: the SQLite path, or "the PostgreSQL database" (never a password).</summary>
    public static string Display(string connection) =>
        RecordStores.IsPostgres(connection) ? "the PostgreSQL database" : connection;

    private static string RandomLabel() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary>Closes the store.</summary>
    public void Dispose()
    {
        _appender?.Dispose();
        _logKey?.Dispose();
        _store?.Dispose();
    }
}
