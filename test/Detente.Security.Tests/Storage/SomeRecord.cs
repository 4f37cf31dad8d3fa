using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Detente.Core;
using Detente.Record.Keys;
using Detente.Record.Merkle;
using Detente.Record.Notes;
using Detente.Record.Statements;
using Detente.Record.Tiles;
using Detente.Record.Witness;
using Detente.Storage;

namespace Detente.Security.Tests.Storage;

/// <summary>What a valid record to attack holds.</summary>
/// <param name="Parties">How many parties state things (1–3).</param>
/// <param name="Statements">How many position statements, spread over the parties.</param>
/// <param name="Rotate">Whether the first party rotates its key half-way.</param>
/// <param name="Revoke">Whether the first party revokes a second key of its own a third of the way.</param>
/// <param name="Batches">How many observation batches (each with its rows beside the log).</param>
/// <param name="Checkpoints">How many checkpoints are signed along the way (the last always covers everything).</param>
/// <param name="Witnessed">Whether the node has cosigned a foreign log's checkpoint.</param>
/// <param name="LateParty">Whether a fourth party (DEU) has its key enrolled after the first checkpoint, and states a source.</param>
/// <param name="Sources">Whether each party states a source (a fact with an id, cached in the facts table) at the end.</param>
public sealed record RecordShape(int Parties = 3, int Statements = 24, bool Rotate = true, bool Revoke = true, int Batches = 2, int Checkpoints = 3,
    bool Witnessed = true, bool LateParty = true, bool Sources = true);

/// <summary>A record built for an attack: where it is, the log's verifier key, and the checkpoints signed for it.</summary>
public sealed record BuiltRecord(
    string Connection, RecordShape Shape, VerifierKey LogKey, IReadOnlyList<SignedNote> Checkpoints, long Size, IReadOnlyList<string> BatchDigests)
{
    /// <summary>Writes a checkpoint to a file, as a reader who kept it would have it.</summary>
    public string Keep(SignedNote checkpoint, string directory)
    {
        var path = Path.Combine(directory, $"checkpoint-{Guid.NewGuid():N}");
        File.WriteAllBytes(path, checkpoint.ToBytes());
        return path;
    }
}

/// <summary>Builds valid records through the store's own API, as an honest node would: every statement signed and accepted.</summary>
public static class SomeRecord
{
    // A demo record: the parties' keys are demo keys (derived from their names, so every run builds the same record), which only a
    // record marked as a demo accepts (docs/security.md, "Demo keys").
    public const string Origin = "demo.security.test";
    public const string ForeignOrigin = "foreign.security.test";
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Codes = ["POL", "RUS", "USA"];

    /// <summary>The party whose key is enrolled only after the first checkpoint.</summary>
    public static readonly PartyId LateParty = new("DEU");

    public static SigningKey LogKey() => SigningKey.Demo(Origin);

    /// <summary>The key this node cosigns foreign checkpoints with.</summary>
    public static SigningKey WitnessKey() => SigningKey.Demo("witness.security.test");

    /// <summary>The body of a source statement with the id <paramref name="id"/>: a fact the facts table caches.</summary>
    public static string SourceBody(string id) =>
        $$"""{"date":"2022","id":"{{id}}","kind":"press","publisher":"Security test press","title":"Report {{id}}"}""";

    public static BuiltRecord Build(string connection, RecordShape? shape = null)
    {
        shape ??= new RecordShape();
        using var logKey = LogKey();
        using var store = RecordStores.Open(connection, Origin);
        var parties = Codes.Take(Math.Clamp(shape.Parties, 1, Codes.Length)).Select(c => new PartyId(c)).ToList();
        var keys = parties.ToDictionary(p => p, p => SigningKey.Demo($"{p.Code.ToLowerInvariant()}.security.test/1"));
        var disposables = new List<SigningKey>(keys.Values);
        foreach (var (party, key) in keys)
        {
            store.Enrol(party, key.NoteKey);
        }

        var first = parties[0];
        var spare = SigningKey.Demo($"{first.Code.ToLowerInvariant()}.security.test/2");
        disposables.Add(spare);
        if (shape.Revoke)
        {
            store.Enrol(first, spare.NoteKey);
        }

        var sequence = parties.ToDictionary(p => p, _ => 0L);
        var checkpoints = new List<SignedNote>();
        var digests = new List<string>();
        var every = Math.Max(1, shape.Statements / Math.Max(1, shape.Checkpoints));
        void Append(PartyId party, StatementKind kind, string body)
        {
            var statement = new Statement(kind, party, keys[party].NoteKey.Reference, ++sequence[party], Now, body);
            var check = store.Append(SignedStatement.Sign(statement, keys[party]).Entry.AsSpan(), Now);
            Assert.True(check.IsAccepted, check.ToString());
        }

        for (var i = 0; i < shape.Statements; i++)
        {
            if (shape.Revoke && i == shape.Statements / 3)
            {
                Append(first, StatementKind.KeyRevocation, $$"""{"key":"{{spare.NoteKey.Reference}}"}""");
            }

            if (shape.Rotate && i == shape.Statements / 2)
            {
                var next = SigningKey.Demo($"{first.Code.ToLowerInvariant()}.security.test/3");
                disposables.Add(next);
                Append(first, StatementKind.KeyRotation, $$"""{"newKey":"{{next.NoteKey}}"}""");
                keys[first] = next;
            }

            var party = parties[i % parties.Count];
            Append(party, StatementKind.Position,
                $$"""{"issue":"intermediate-range-missiles","n":{{i.ToString(CultureInfo.InvariantCulture)}},"stance":"red-line"}""");
            if ((i + 1) % every == 0 && checkpoints.Count < shape.Checkpoints - 1)
            {
                store.Integrate(100_000);
                checkpoints.Add(store.Checkpoint(logKey));
                if (shape.LateParty && checkpoints.Count == 1)
                {
                    // A key enrolled after the first checkpoint: its position is above that checkpoint's size.
                    var late = SigningKey.Demo("deu.security.test/1");
                    disposables.Add(late);
                    store.Enrol(LateParty, late.NoteKey);
                    keys[LateParty] = late;
                    sequence[LateParty] = 0;
                    Append(LateParty, StatementKind.Source, SourceBody("deu-source"));
                }
            }
        }

        if (shape.Sources)
        {
            foreach (var party in parties)
            {
                Append(party, StatementKind.Source, SourceBody($"{party.Code.ToLowerInvariant()}-source"));
            }
        }

        for (var b = 0; b < shape.Batches; b++)
        {
            var party = parties[b % parties.Count];
            var rows = Rows(party, b);
            var sha = Convert.ToHexStringLower(SHA256.HashData(rows));
            var body = $$"""{"file":"batch-{{b.ToString(CultureInfo.InvariantCulture)}}.csv","first_row":2,"rows":3,"sha256":"{{sha}}"}""";
            var statement = new Statement(StatementKind.ObservationBatch, party, keys[party].NoteKey.Reference, ++sequence[party], Now, body);
            var checks = ((IBatchRowStore)store).AppendObservationBatches([new BatchRows(sha, 3, rows)], [[.. SignedStatement.Sign(statement, keys[party]).Entry]], Now);
            Assert.True(checks[0].IsAccepted, checks[0].ToString());
            digests.Add(sha);
        }

        while (store.PendingCount > 0)
        {
            store.Integrate(100_000);
        }

        checkpoints.Add(store.Checkpoint(logKey));
        if (shape.Witnessed)
        {
            Witness(store);
        }

        disposables.ForEach(k => k.Dispose());
        return new BuiltRecord(connection, shape, logKey.NoteKey, checkpoints, store.Size, digests);
    }

    /// <summary>Three canonical observation rows in the author's own name, as canonical JSON Lines.</summary>
    public static byte[] Rows(PartyId observer, int batch)
    {
        var text = new StringBuilder();
        for (var r = 0; r < 3; r++)
        {
            var count = ((batch + 1) * 1000) + r;
            text.Append(CultureInfo.InvariantCulture,
                $$"""{"area":"BLR","confidence":"verified","count":{{count}},"high":{{count}},"low":{{count}},"observer":"{{observer.Code}}","party":"RUS","source":"s","time":"2022-02-0{{r + 1}}","what":"troops"}""");
            text.Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>This node cosigns a foreign log's checkpoint, so the witnessed table has a row to attack.</summary>
    private static void Witness(IRecordStore store)
    {
        using var foreign = SigningKey.Demo(ForeignOrigin);
        using var witnessKey = WitnessKey();
        var log = new MemoryLog();
        for (var i = 0; i < 5; i++)
        {
            log.Append(Encoding.UTF8.GetBytes($"foreign entry {i.ToString(CultureInfo.InvariantCulture)}"));
        }

        var note = new Checkpoint(ForeignOrigin, 5, log.RootHash(5)).Sign(foreign);
        var witness = new CheckpointWitness(witnessKey, [new WitnessedLog(ForeignOrigin, [foreign.NoteKey])]);
        var response = store.Witness(witness, Encoding.UTF8.GetBytes(new AddCheckpointRequest(0, [], note).ToString()), Now);
        Assert.Equal(200, response.StatusCode);
    }
}
