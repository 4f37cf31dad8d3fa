using System.Text;
using Detente.Core;
using Detente.Record.Keys;
using Detente.Record.Merkle;
using Detente.Record.Notes;
using Detente.Record.Statements;
using Detente.Record.Tiles;
using Detente.Record.Witness;
using WitnessState = Detente.Record.Driver.WitnessState;

namespace Detente.Storage.Tests;

/// <summary>The behaviour every <see cref="IRecordStore"/> must have; each backend runs it through a subclass.</summary>
public abstract class RecordStoreSpecification : IDisposable
{
    protected const string Origin = "log.detente.test/demo";
    protected static readonly DateTimeOffset Now = new(2026, 11, 22, 13, 0, 0, TimeSpan.Zero);
    protected static readonly PartyId Pol = new("POL");
    protected static readonly PartyId Rus = new("RUS");

    private readonly SigningKey _polKey = SigningKey.Demo("pol.detente.test/statements/1");
    private readonly SigningKey _rusKey = SigningKey.Demo("rus.detente.test/statements/1");
    private readonly SigningKey _logKey = SigningKey.Demo(Origin);
    private IRecordStore? _store;

    protected IRecordStore Store => _store ??= Enrolled(OpenStore());

    /// <summary>Opens the backend's store for <see cref="Origin"/> (the same database each time within one test).</summary>
    protected abstract IRecordStore OpenStore();

    /// <summary>Runs raw SQL against the backend's database, bypassing the store: how tests simulate tampering.</summary>
    protected abstract void Tamper(string sql);

    public virtual void Dispose()
    {
        _store?.Dispose();
        _polKey.Dispose();
        _rusKey.Dispose();
        _logKey.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Append_ValidStatement_PendingUntilIntegrated()
    {
        var check = Store.Append(Statement(_polKey, Pol, 1), Now);
        Assert.True(check.IsAccepted, check.ToString());
        Assert.Equal(1, Store.PendingCount);
        Assert.Equal(0, Store.Size);
        var integration = Store.Integrate();
        Assert.Equal(new Integration(0, 1, 1), integration);
        Assert.Equal(0, Store.PendingCount);
        Assert.Equal(2, Store.State.NextSequence(Pol));
    }

    // Bad inputs tried: a replayed sequence (also while still pending), a skipped sequence, a statement by an unknown party key.
    [Fact]
    public void Append_ReplayOrSkip_RejectedAndNothingWritten()
    {
        var first = Statement(_polKey, Pol, 1);
        Assert.True(Store.Append(first, Now).IsAccepted);
        Assert.Equal(StatementError.SequenceReplayed, Store.Append(first, Now).Error);
        Assert.Equal(StatementError.SequenceSkipped, Store.Append(Statement(_polKey, Pol, 3), Now).Error);
        using var stranger = SigningKey.Demo("stranger");
        Assert.Equal(StatementError.UnknownKey, Store.Append(Statement(stranger, Pol, 2), Now).Error);
        Assert.Equal(1, Store.PendingCount);
    }

    // Bad inputs tried: a batch with a replay in the middle and a statement by an unknown key at the end.
    [Fact]
    public void AppendBatch_MixedBatch_WritesOnlyAccepted()
    {
        using var stranger = SigningKey.Demo("stranger");
        var batch = new[]
        {
            Statement(_polKey, Pol, 1), Statement(_polKey, Pol, 2), Statement(_polKey, Pol, 2),
            Statement(_rusKey, Rus, 1), Statement(stranger, Rus, 2),
        };
        var checks = Store.AppendBatch(batch, Now);
        Assert.Equal([true, true, false, true, false], checks.Select(c => c.IsAccepted));
        Assert.Equal(StatementError.SequenceReplayed, checks[2].Error);
        Assert.Equal(StatementError.UnknownKey, checks[4].Error);
        Assert.Equal(3, Store.PendingCount);
        Assert.Equal(3, Store.Integrate().Count);
        Assert.Equal(3, Store.State.NextSequence(Pol));
    }

    [Fact]
    public async Task Append_TwoStoresConcurrently_SerialisedWithoutLossOrGap()
    {
        _ = Store.Size; // creates the schema and enrols the keys
        using var second = OpenStore();
        var polEntries = Enumerable.Range(1, 60).Select(i => Statement(_polKey, Pol, i)).ToList();
        var rusEntries = Enumerable.Range(1, 60).Select(i => Statement(_rusKey, Rus, i)).ToList();
        var a = Task.Run(() => polEntries.Select(e => Store.Append(e, Now).IsAccepted).ToList());
        var b = Task.Run(() => rusEntries.Select(e => second.Append(e, Now).IsAccepted).ToList());
        var results = await Task.WhenAll(a, b);
        Assert.All(results.SelectMany(r => r), Assert.True);

        var integrators = new[] { Store, second }.Select(s => Task.Run(() =>
        {
            while (s.Integrate(16).Count > 0)
            {
            }
        })).ToArray();
        await Task.WhenAll(integrators);
        Assert.Equal(120, Store.Size);
        Store.Checkpoint(_logKey);
        var report = Store.Verify([_logKey.NoteKey]);
        Assert.True(report.IsValid, report.ToString());
    }

    [Fact]
    public void Integrate_InBatches_MatchesMemoryTreeNodeForNode()
    {
        var memory = new MemoryLog();
        for (var i = 1; i <= 300; i++)
        {
            var entry = Statement(i % 2 == 0 ? _polKey : _rusKey, i % 2 == 0 ? Pol : Rus, (i + 1) / 2);
            Assert.True(Store.Append(entry, Now).IsAccepted);
            memory.Append(entry);
        }

        var batches = new List<Integration>();
        while (Store.PendingCount > 0)
        {
            batches.Add(Store.Integrate(128));
        }

        Assert.Equal([128, 128, 44], batches.Select(b => b.Count));
        Assert.Equal(300, Store.Size);
        Assert.Equal(memory.RootHash(300), MerkleProofs.RootHash(Store, 300));
        Assert.Equal(memory.RootHash(129), MerkleProofs.RootHash(Store, 129));
        Assert.Equal(memory.Node(7, 1), Store.Node(7, 1));
        Assert.Equal(memory.Entry(299), Store.Entry(299));
    }

    [Fact]
    public void Checkpoint_ProveInclusionAndConsistency_VerifyOffline()
    {
        AppendAndIntegrate(10);
        var old = Checkpoint.Parse(Store.Checkpoint(_logKey).Text);
        AppendAndIntegrate(7, startSequence: 11);
        var note = Store.Checkpoint(_logKey);
        var latest = Checkpoint.Parse(note.Text);
        Assert.Equal(17, latest.Size);
        Assert.Equal(note, Store.LatestCheckpoint());
        Assert.True(note.Verify([_logKey.NoteKey]).IsVerified);

        var proof = Store.ProveInclusion(12);
        var check = proof.Verify(Store.Entry(12), Origin, [_logKey.NoteKey]);
        Assert.True(check.IsValid, check.ToString());
        Assert.True(Store.ProveConsistency(old.Size, latest.Size).Verify(old, latest));
    }

    [Fact]
    public void SaveCosigned_AddsWitnessSignature()
    {
        AppendAndIntegrate(3);
        var note = Store.Checkpoint(_logKey);
        using var witness = SigningKey.Demo("witness1.detente.test");
        var cosigned = note.WithSignature(Cosignature.Sign(witness, note.Text, 1_800_000_000));
        Store.SaveCosigned(cosigned);
        Assert.Equal(2, Store.LatestCheckpoint()!.Signatures.Length);
        Assert.Throws<ArgumentException>(() => Store.SaveCosigned(SignedNote.Sign(new Checkpoint(Origin, 3, MerkleHash.Empty).ToText(), _logKey)));
    }

    [Fact]
    public void KeyRotation_SurvivesReopen()
    {
        using var next = SigningKey.Demo("pol.detente.test/statements/2");
        var rotation = Statement(_polKey, Pol, 1, StatementKind.KeyRotation, $$"""{"newKey":"{{next.NoteKey}}"}""");
        Assert.True(Store.Append(rotation, Now).IsAccepted);
        Store.Dispose();
        _store = OpenStore();
        Assert.Equal(StatementError.RevokedKey, Store.Append(Statement(_polKey, Pol, 2), Now).Error);
        Assert.True(Store.Append(Statement(next, Pol, 2), Now).IsAccepted);
        Store.Integrate();
        Store.Checkpoint(_logKey);
        Assert.True(Store.Verify([_logKey.NoteKey]).IsValid);
    }

    [Fact]
    public void Verify_Intact_Valid()
    {
        AppendAndIntegrate(40);
        Store.Checkpoint(_logKey);
        var report = Store.Verify([_logKey.NoteKey]);
        Assert.True(report.IsValid, report.ToString());
        Assert.Equal(40, report.EntriesChecked);
    }

    // Bad inputs tried: one byte of an entry changed in place (raw SQL), leaving its stored leaf hash alone.
    [Fact]
    public void Verify_TamperedEntryByte_ReportsEntryIndex()
    {
        AppendAndIntegrate(20);
        Store.Checkpoint(_logKey);
        var original = Store.Entry(13);
        var text = Encoding.UTF8.GetString(original).Replace("red-line", "red-lime", StringComparison.Ordinal);
        Tamper($"UPDATE entries SET entry = {HexLiteral(Encoding.UTF8.GetBytes(text))} WHERE idx = 13");
        var report = Store.Verify([_logKey.NoteKey]);
        Assert.False(report.IsValid);
        Assert.Equal(13, report.EntryIndex);
        Assert.Equal("entries", report.Resource);
    }

    // Bad inputs tried: a raw control byte written into a string of an entry, so it is no longer JSON; the report names that byte.
    [Fact]
    public void Verify_EntryMadeNonCanonical_ReportsByteOffset()
    {
        AppendAndIntegrate(5);
        var original = Store.Entry(2);
        var changed = (byte[])original.Clone();
        changed[3] = 0x01; // the 'u' of "author"
        Tamper($"UPDATE entries SET entry = {HexLiteral(changed)} WHERE idx = 2");
        var report = Store.Verify([_logKey.NoteKey]);
        Assert.Equal(2, report.EntryIndex);
        Assert.Equal(3, report.ByteOffset);
    }

    // Bad inputs tried: an entry re-signed consistently with its leaf hash updated too — caught by the signature replay.
    [Fact]
    public void Verify_EntryAndLeafHashBothRewritten_CaughtBySignature()
    {
        AppendAndIntegrate(5);
        var text = Encoding.UTF8.GetString(Store.Entry(3)).Replace("red-line", "red-lime", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(text);
        Tamper($"UPDATE entries SET entry = {HexLiteral(bytes)}, leaf_hash = {HexLiteral(RecordHashing.LeafHash(bytes).ToArray())} WHERE idx = 3");
        var report = Store.Verify([_logKey.NoteKey]);
        Assert.False(report.IsValid);
        Assert.Equal(3, report.EntryIndex);
        Assert.Contains("signature", report.Problem, StringComparison.Ordinal);
    }

    // Verify reads entries in rounds of 2,048 and joins a full, aligned round to the tree as one subtree: these stores span such rounds.
    // Bad inputs tried: none (intact, 4,100 entries), an entry changed inside the second full round, a node above the rounds' subtrees
    // zeroed, an entry deleted inside the first round (every later round is then out of line with the tree).
    [Theory]
    [InlineData("none")]
    [InlineData("entry")]
    [InlineData("node")]
    [InlineData("gap")]
    public void Verify_RoundsOfEntries_SameFindingsAsEntryByEntry(string edit)
    {
        var entries = Enumerable.Range(1, 4100).Select(i => Statement(_polKey, Pol, i)).ToList();
        Assert.All(Store.AppendBatches(entries.Chunk(1024).Select(c => (IReadOnlyList<byte[]>)c).ToList(), Now), c => Assert.True(c.IsAccepted, c.ToString()));
        while (Store.PendingCount > 0)
        {
            Store.Integrate(8192);
        }

        Store.Checkpoint(_logKey);
        switch (edit)
        {
            case "entry":
                var text = Encoding.UTF8.GetString(Store.Entry(3000)).Replace("red-line", "red-lime", StringComparison.Ordinal);
                Tamper($"UPDATE entries SET entry = {HexLiteral(Encoding.UTF8.GetBytes(text))} WHERE idx = 3000");
                break;
            case "node":
                Tamper($"UPDATE nodes SET hash = {HexLiteral(new byte[32])} WHERE level = 12 AND idx = 0");
                break;
            case "gap":
                Tamper("DELETE FROM entries WHERE idx = 100");
                break;
        }

        var report = Store.Verify([_logKey.NoteKey]);

        Assert.Equal(edit == "none", report.IsValid);
        switch (edit)
        {
            case "none":
                Assert.Equal(4100, report.EntriesChecked);
                break;
            case "entry":
                Assert.Equal(3000, report.EntryIndex);
                break;
            case "node":
                Assert.Equal("nodes(level 12, index 0)", report.Resource);
                break;
            case "gap":
                Assert.Equal(100, report.EntryIndex);
                Assert.Contains(report.Problems, p => p.Resource == "checkpoints");
                break;
        }
    }

    [Fact]
    public void Verify_TamperedNode_ReportsNodeAndByte()
    {
        AppendAndIntegrate(16);
        Tamper($"UPDATE nodes SET hash = {HexLiteral(new byte[32])} WHERE level = 2 AND idx = 1");
        var report = Store.Verify([_logKey.NoteKey]);
        Assert.False(report.IsValid);
        Assert.Equal("nodes(level 2, index 1)", report.Resource);
        Assert.NotNull(report.ByteOffset);
    }

    [Fact]
    public void Verify_CheckpointFromOtherKey_Invalid()
    {
        AppendAndIntegrate(4);
        Store.Checkpoint(_logKey);
        using var other = SigningKey.Demo("other-log");
        Assert.False(Store.Verify([other.NoteKey]).IsValid);
    }

    [Fact]
    public void ExportTiles_FromStore_VerifiesAsTileDirectory()
    {
        AppendAndIntegrate(30);
        var note = Store.Checkpoint(_logKey);
        var dir = Path.Combine(Path.GetTempPath(), $"detente-tiles-{Guid.NewGuid():N}");
        try
        {
            TileDirectory.Export(dir, Store, note);
            var report = TileDirectory.Verify(dir, [_logKey.NoteKey]);
            Assert.True(report.IsValid, report.ToString());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // Bad input tried: a compare-and-set whose expected state is stale (another request stored size 5 meanwhile): refused, nothing written.
    [Fact]
    public void SaveWitnessed_StateChangedMeanwhile_RefusedAndNothingWritten()
    {
        var five = new WitnessRecord("rus.detente.test/log", 5, new MerkleHash(new byte[32]));
        var seven = new WitnessRecord("rus.detente.test/log", 7, new MerkleHash(Enumerable.Repeat((byte)7, 32).ToArray()));
        Assert.True(Store.SaveWitnessed(five, null));
        Assert.False(Store.SaveWitnessed(seven, null));
        Assert.Equal(five, Store.Witnessed(five.Origin));
        Assert.False(Store.SaveWitnessed(seven, five with { RootHash = seven.RootHash }));
        Assert.True(Store.SaveWitnessed(seven, five));
        Assert.Equal(seven, Store.Witnessed(five.Origin));
    }

    [Fact]
    public void Witness_ForeignLog_PersistsStateAndAnswers409OnStaleOldSize()
    {
        using var foreignKey = SigningKey.Demo("rus.detente.test/log");
        using var witnessKey = SigningKey.Demo("witness.pol.detente.test");
        var witness = new CheckpointWitness(witnessKey, [new WitnessedLog(foreignKey.Name, [foreignKey.NoteKey])]);
        var foreign = new MemoryLog();
        for (var i = 0; i < 12; i++)
        {
            foreign.Append(Encoding.ASCII.GetBytes($"foreign {i}"));
        }

        SignedNote Signed(long size) => new Checkpoint(foreignKey.Name, size, foreign.RootHash(size)).Sign(foreignKey);
        byte[] Request(long old, long size) =>
            Encoding.UTF8.GetBytes(new AddCheckpointRequest(old, old == 0 ? [] : MerkleProofs.Consistency(foreign, old, size), Signed(size)).ToString());

        Assert.Equal(200, WitnessState.AddCheckpoint(Store, witness, Request(0, 5), Now).StatusCode);
        Assert.Equal(new WitnessRecord(foreignKey.Name, 5, foreign.RootHash(5)), Store.Witnessed(foreignKey.Name)! with { Checkpoint = null });
        var served = Store.Witnessed(foreignKey.Name)!.Checkpoint!;
        Assert.Equal(Signed(5).Text, served.Text);
        Assert.True(served.Verify([foreignKey.NoteKey]).IsVerified);
        Assert.True(served.Verify([witness.CosignerKey]).IsVerified);
        Assert.Equal(200, WitnessState.AddCheckpoint(Store, witness, Request(5, 12), Now).StatusCode);
        var stale = WitnessState.AddCheckpoint(Store, witness, Request(5, 12), Now);
        Assert.Equal(409, stale.StatusCode);
        Assert.Equal("12\n", stale.Body);
        Assert.Equal(12, Store.Witnessed(foreignKey.Name)!.Size);
    }

    [Fact]
    public void Checkpoint_KeyNamedOtherThanOrigin_Rejected()
    {
        using var other = SigningKey.Demo("other-log");
        Assert.Throws<ArgumentException>(() => Store.Checkpoint(other));
    }

    /// <summary>The tables of a store of schema 1 (<c>pending (id, entry)</c>) or 2 (pending with author, seq, kind), which recorded no version.</summary>
    protected abstract IReadOnlyList<string> OldSchema(int version);

    /// <summary>Runs raw SQL (DDL or any number of rows) against the backend's database, bypassing the store.</summary>
    protected abstract void RawSql(string sql);

    // A store written by the previous schemas, built by hand: two integrated entries with their node, two pending statements, one
    // witnessed log. Opening it migrates: the pending statements keep their order and become entries 2 and 3, nothing else changes.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Open_StoreOfOlderSchema_MigratedWithPendingStatementsKept(int version)
    {
        foreach (var ddl in OldSchema(version))
        {
            RawSql(ddl);
        }

        var entries = Enumerable.Range(1, 4).Select(i => Statement(_polKey, Pol, i)).ToArray();
        var leaves = entries.Select(e => RecordHashing.LeafHash(e)).ToArray();
        RawSql($"INSERT INTO meta (name, value) VALUES ('origin', '{Origin}'), ('size', '2'), ('accepted', '4')");
        RawSql($"INSERT INTO enrolled_keys (ref, party, vkey, position) VALUES ('{_polKey.NoteKey.Reference}', 'POL', '{_polKey.NoteKey}', 0)");
        RawSql($"INSERT INTO statement_keys (ref, party, vkey, revoked) VALUES ('{_polKey.NoteKey.Reference}', 'POL', '{_polKey.NoteKey}', 0)");
        RawSql("INSERT INTO sequences (party, last_seq) VALUES ('POL', 4)");
        for (var i = 0; i < 2; i++)
        {
            RawSql($"INSERT INTO entries (idx, entry, leaf_hash, author, seq, kind) VALUES ({i}, {HexLiteral(entries[i])}, "
                + $"{HexLiteral(leaves[i].ToArray())}, 'POL', {i + 1}, 'position')");
        }

        RawSql($"INSERT INTO nodes (level, idx, hash) VALUES (1, 0, {HexLiteral(RecordHashing.NodeHash(leaves[0], leaves[1]).ToArray())})");
        for (var i = 2; i < 4; i++)
        {
            RawSql(version == 1
                ? $"INSERT INTO pending (entry) VALUES ({HexLiteral(entries[i])})"
                : $"INSERT INTO pending (entry, author, seq, kind) VALUES ({HexLiteral(entries[i])}, 'POL', {i + 1}, 'position')");
        }

        RawSql($"INSERT INTO witnessed (origin, size, root) VALUES ('rus.detente.test/log', 7, {HexLiteral(new byte[32])})");

        using (var store = OpenStore())
        {
            Assert.Equal(2, store.Size);
            Assert.Equal(2, store.PendingCount);
            Assert.Equal(5, store.State.NextSequence(Pol));
            Assert.Equal(new WitnessRecord("rus.detente.test/log", 7, new MerkleHash(new byte[32])), store.Witnessed("rus.detente.test/log"));
            Assert.Equal(new Integration(2, 2, 4), store.Integrate());
            Assert.Equal(entries[3], store.Entry(3));
            Assert.True(store.Append(Statement(_polKey, Pol, 5), Now).IsAccepted);
            Assert.Equal(new Integration(4, 1, 5), store.Integrate());
            store.Checkpoint(_logKey);
            var report = store.Verify([_logKey.NoteKey]);
            Assert.True(report.IsValid, report.ToString());
            Assert.Equal(5, report.EntriesChecked);
        }

        // Opening again finds the current schema and changes nothing.
        using var reopened = OpenStore();
        Assert.Equal(5, reopened.Size);
        Assert.Equal(0, reopened.PendingCount);
    }

    // Bad input tried: a store whose recorded schema is newer than the program's; it is refused with a message, not opened.
    [Fact]
    public void Open_StoreOfNewerSchema_Refused()
    {
        _ = Store.Size;
        Store.Dispose();
        RawSql($"UPDATE meta SET value = '{DbRecordStore.SchemaVersion + 1}' WHERE name = 'schema'");
        var error = Assert.Throws<RecordStoreException>(OpenStore);
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A SQL literal for bytes in the backend's dialect.</summary>
    protected virtual string HexLiteral(byte[] bytes) => $"X'{Convert.ToHexString(bytes)}'";

    private IRecordStore Enrolled(IRecordStore store)
    {
        if (store.State.Keys.Find(_polKey.NoteKey.Reference) is null)
        {
            store.Enrol(Pol, _polKey.NoteKey);
            store.Enrol(Rus, _rusKey.NoteKey);
        }

        return store;
    }

    private void AppendAndIntegrate(int count, int startSequence = 1)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.True(Store.Append(Statement(_polKey, Pol, startSequence + i), Now).IsAccepted);
        }

        Store.Integrate(1000);
    }

    [Fact]
    public async Task Append_EightThreadsOnOneStore_NoGapDuplicateOrFork()
    {
        var parties = Enumerable.Range(0, 8).Select(i => new PartyId($"T{i}")).ToList();
        var keys = parties.Select(p => SigningKey.Demo($"threads.detente.test/{p.Code}")).ToList();
        for (var i = 0; i < parties.Count; i++)
        {
            Store.Enrol(parties[i], keys[i].NoteKey);
        }

        var tasks = parties.Select((p, i) => Task.Run(() =>
        {
            for (var seq = 1; seq <= 40; seq++)
            {
                Assert.True(Store.Append(Statement(keys[i], p, seq), Now).IsAccepted);
                if (seq % 10 == 0)
                {
                    Store.Integrate(7);
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        AssertGapless(Store, parties, 40);
        keys.ForEach(k => k.Dispose());
    }

    [Fact]
    public async Task Append_SixConnections_NoGapDuplicateOrFork()
    {
        var parties = Enumerable.Range(0, 6).Select(i => new PartyId($"C{i}")).ToList();
        var keys = parties.Select(p => SigningKey.Demo($"connections.detente.test/{p.Code}")).ToList();
        for (var i = 0; i < parties.Count; i++)
        {
            Store.Enrol(parties[i], keys[i].NoteKey);
        }

        var stores = parties.Select(_ => OpenStore()).ToList();
        var tasks = parties.Select((p, i) => Task.Run(() =>
        {
            for (var seq = 1; seq <= 30; seq += 3)
            {
                var checks = stores[i].AppendBatch([Statement(keys[i], p, seq), Statement(keys[i], p, seq + 1), Statement(keys[i], p, seq + 2)], Now);
                Assert.All(checks, c => Assert.True(c.IsAccepted, c.ToString()));
                stores[i].Integrate(5);
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        stores.ForEach(s => s.Dispose());
        AssertGapless(Store, parties, 30);
        keys.ForEach(k => k.Dispose());
    }

    private void AssertGapless(IRecordStore store, List<PartyId> parties, int each)
    {
        while (store.PendingCount > 0)
        {
            store.Integrate(64);
        }

        Assert.Equal(parties.Count * each, store.Size);
        var last = new Dictionary<PartyId, long>();
        foreach (var entry in store.Entries(0, parties.Count * each))
        {
            var s = SignedStatement.Parse(entry).Statement!.Statement;
            Assert.Equal(last.GetValueOrDefault(s.Author) + 1, s.Sequence);
            last[s.Author] = s.Sequence;
        }

        store.Checkpoint(_logKey);
        var report = store.Verify([_logKey.NoteKey]);
        Assert.True(report.IsValid, report.ToString());
    }

    private static byte[] Statement(SigningKey key, PartyId author, long sequence, StatementKind kind = StatementKind.Position, string? body = null) =>
        SignedStatement.Sign(
            new Statement(kind, author, key.NoteKey.Reference, sequence, Now,
                body ?? $$"""{"issue":"intermediate-range-missiles","n":{{sequence}},"stance":"red-line"}"""),
            key).Entry.ToArray();
}
