using System.Text;
using Detente.Core;
using Detente.Record.Keys;
using Detente.Record.Merkle;
using Detente.Record.Notes;
using Detente.Record.Statements;
using Detente.Storage;

namespace Detente.Security.Tests.Append;

/// <summary>
/// The log key signs only what it re-read and re-checked: before it signs a checkpoint the store recomputes the tree added since the
/// checkpoint it signed last from the stored entries, instead of trusting <c>meta.size</c> and <c>nodes</c>. Each attack edits those
/// caches (or an entry behind them) between integration and the checkpoint; nothing is signed and the refusal names what changed.
/// </summary>
public sealed class CheckpointRecheckTests
{
    // The world: 13 seeded entries under a signed checkpoint, then 5 declarations (entries 13-17) integrated but not yet signed.
    private const long Signed = 13;
    private const long Integrated = 18;

    public static TheoryData<Backend, string> Attacks()
    {
        var data = new TheoryData<Backend, string>();
        foreach (var backend in Enum.GetValues<Backend>())
        {
            foreach (var attack in Expected.Keys)
            {
                data.Add(backend, attack);
            }
        }

        return data;
    }

    // Each attack and what the refusal must name.
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["size raised above accepted"] = "meta.size says 100 entries are integrated, but meta.accepted says only 20",
        ["size lowered below the signed checkpoint"] = "meta.size says 10 entries are integrated, but a checkpoint signed by the log key covers 13",
        ["size lowered after the signed checkpoint"] = "nodes(level 1, index 8) stands over entries beyond meta.size = 16",
        ["size raised over pending entries"] = "nodes(level 1, index 9) is missing although meta.size says 20 entries are integrated",
        ["size raised over an edited pending entry"] = "entry 18, integrated after the checkpoint at size 13, was re-read and no longer passes",
        ["leaf hash edited"] = "entries.leaf_hash of entry 15 is not the hash of its stored bytes",
        ["integrated entry edited, leaf hash fixed"] = "entry 15, integrated after the checkpoint at size 13, was re-read and no longer passes",
        ["entry deleted"] = "meta.size says 18 entries are integrated, but entry 16 is not stored",
        ["node edited"] = "nodes(level 1, index 7) is not the hash recomputed from the entries below it",
        ["node deleted"] = "nodes(level 2, index 3) is missing although meta.size says 18 entries are integrated",
        ["node added"] = "nodes(level 1, index 9) stands over entries beyond meta.size = 18",
        ["node under the signed checkpoint edited"] = "the stored subtree hashes of the checkpoint signed at size 13 changed: they do not hash to its signed root",
        ["node under the signed checkpoint deleted"] = "the stored subtree hashes of the checkpoint signed at size 13 changed: nodes(level 2, index 2) is missing",
        ["signed checkpoint replaced"] = "the stored checkpoint of size 13 (the one to extend) does not verify under the log key",
    };

    // Attacks tried: meta.size raised (above the accepted count, over valid pending entries without their nodes, over a pending entry
    // edited with its leaf hash fixed) and lowered (below and above the signed checkpoint); an integrated entry's leaf hash edited, its
    // bytes edited with the leaf hash fixed, the entry deleted; a node over the new entries edited, deleted, one added beyond the
    // size; a node under the signed checkpoint edited and deleted; the signed checkpoint replaced by one another key signed.
    [Theory]
    [MemberData(nameof(Attacks))]
    public void EditedTree_BeforeACheckpoint_NothingSigned_TheRefusalNamesTheEdit(Backend backend, string attack)
    {
        using var world = Prepared(backend, out var signed);
        var zero = new byte[MerkleHash.Length];
        switch (attack)
        {
            case "size raised above accepted":
                Pending(world, 2);
                SetSize(world, 100);
                break;
            case "size lowered below the signed checkpoint":
                Pending(world, 2);
                SetSize(world, 10);
                break;
            case "size lowered after the signed checkpoint":
                SetSize(world, 16);
                break;
            case "size raised over pending entries":
                Pending(world, 2);
                SetSize(world, 20);
                break;
            case "size raised over an edited pending entry":
                Pending(world, 1);
                Forge(world, 18);
                SetSize(world, 19);
                break;
            case "leaf hash edited":
                Assert.Equal(1, world.Tamper("UPDATE entries SET leaf_hash = @h WHERE idx = 15", ("h", zero)));
                break;
            case "integrated entry edited, leaf hash fixed":
                Forge(world, 15);
                break;
            case "entry deleted":
                Assert.Equal(1, world.Tamper("DELETE FROM entries WHERE idx = 16"));
                break;
            case "node edited":
                Assert.Equal(1, world.Tamper("UPDATE nodes SET hash = @h WHERE level = 1 AND idx = 7", ("h", zero)));
                break;
            case "node deleted":
                Assert.Equal(1, world.Tamper("DELETE FROM nodes WHERE level = 2 AND idx = 3"));
                break;
            case "node added":
                Assert.Equal(1, world.Tamper("INSERT INTO nodes (level, idx, hash) VALUES (1, 9, @h)", ("h", zero)));
                break;
            case "node under the signed checkpoint edited":
                Assert.Equal(1, world.Tamper("UPDATE nodes SET hash = @h WHERE level = 3 AND idx = 0", ("h", zero)));
                break;
            case "node under the signed checkpoint deleted":
                Assert.Equal(1, world.Tamper("DELETE FROM nodes WHERE level = 2 AND idx = 2"));
                break;
            case "signed checkpoint replaced":
                using (var other = SigningKey.Generate(world.Origin))
                {
                    var note = new Checkpoint(world.Origin, Signed, MerkleHash.Empty).Sign(other);
                    Assert.Equal(1, world.Tamper("UPDATE checkpoints SET note = @n WHERE size = 13", ("n", note.ToString())));
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(attack), attack, null);
        }

        var before = world.Counts();
        foreach (var store in new[] { world.Store, RecordStores.Open(world.Connection, world.Origin) })
        {
            // The store that integrated the entries and a store opened afresh (which re-checks them in full) both refuse.
            var refused = Assert.Throws<RecordStoreException>(() => store.Checkpoint(world.LogKey));
            Assert.Contains(Expected[attack], refused.Message, StringComparison.Ordinal);
            Assert.Contains("nothing was signed", refused.Message, StringComparison.Ordinal);
            Assert.Equal(before, world.Counts());
            if (store != world.Store)
            {
                store.Dispose();
            }
        }

        Assert.Equal(1, before["checkpoints"]);
        if (attack != "signed checkpoint replaced")
        {
            Assert.Equal(signed.ToString(), world.Store.LatestCheckpoint()!.ToString());
        }
    }

    // Without edits, checkpoints signed one after another (each over the part added since the last) carry the root of the whole tree
    // recomputed from every entry, whether the signing store integrated the entries itself or was opened afresh.
    [Theory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.Postgres)]
    public void UneditedStore_EachCheckpoint_SignsTheRootOfEveryEntry(Backend backend)
    {
        using var world = new AppendWorld(backend, demo: false);
        var next = 0;
        foreach (var (add, fresh) in new[] { (0, false), (1, false), (3, true), (16, false), (1, true), (30, false) })
        {
            for (var i = 0; i < add; i++)
            {
                world.Accept(StatementKind.DeploymentDeclaration, AppendWorld.Usa, AppendWorld.Deployment($"usa-{next++}", "USA"));
            }

            while (world.Store.Integrate(4096).Count > 0)
            {
            }

            using var opened = fresh ? RecordStores.Open(world.Connection, world.Origin) : null;
            var signer = opened ?? world.Store;
            var checkpoint = Checkpoint.Parse(signer.Checkpoint(world.LogKey).Text);
            var store = (DbRecordStore)world.Store;
            var tree = MerkleTree.FromEntries(Enumerable.Range(0, (int)checkpoint.Size).Select(i => store.Entry(i)));
            Assert.Equal(13 + next, checkpoint.Size);
            Assert.Equal(tree.RootHash(), checkpoint.RootHash);
        }
    }

    /// <summary>Checkpoints the seeded world at 13 entries, then appends and integrates five declarations by the United States.</summary>
    private static AppendWorld Prepared(Backend backend, out SignedNote signed)
    {
        var world = new AppendWorld(backend, demo: false);
        while (world.Store.Integrate(4096).Count > 0)
        {
        }

        Assert.Equal(Signed, world.Store.Size);
        signed = world.Store.Checkpoint(world.LogKey);
        for (var i = 0; i < Integrated - Signed; i++)
        {
            world.Accept(StatementKind.DeploymentDeclaration, AppendWorld.Usa, AppendWorld.Deployment($"usa-new-{i}", "USA"));
        }

        while (world.Store.Integrate(4096).Count > 0)
        {
        }

        Assert.Equal(Integrated, world.Store.Size);
        return world;
    }

    private static void Pending(AppendWorld world, int count)
    {
        for (var i = 0; i < count; i++)
        {
            world.Accept(StatementKind.DeploymentDeclaration, AppendWorld.Usa, AppendWorld.Deployment($"usa-pending-{i}", "USA"));
        }
    }

    private static void SetSize(AppendWorld world, long size) =>
        Assert.Equal(1, world.Tamper("UPDATE meta SET value = @v WHERE name = 'size'", ("v", size.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    /// <summary>Makes the declaration at <paramref name="index"/> say it is Russia's, and fixes its leaf hash.</summary>
    private static void Forge(AppendWorld world, long index)
    {
        using var connection = world.Backend == Backend.Sqlite
            ? (System.Data.Common.DbConnection)new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={world.Connection};Pooling=False")
            : new Npgsql.NpgsqlConnection(world.Connection);
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT entry FROM entries WHERE idx = {index}";
        var entry = Encoding.UTF8.GetString((byte[])cmd.ExecuteScalar()!);
        var forged = Encoding.UTF8.GetBytes(entry.Replace("\"owner\":\"USA\"", "\"owner\":\"RUS\"", StringComparison.Ordinal));
        Assert.NotEqual(entry, Encoding.UTF8.GetString(forged));
        Assert.Equal(1, world.Tamper("UPDATE entries SET entry = @e, leaf_hash = @h WHERE idx = @i",
            ("e", forged), ("h", RecordHashing.LeafHash(forged).ToArray()), ("i", index)));
    }
}
