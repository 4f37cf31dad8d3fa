using System.Text;
using Detente.Core;
using Detente.Record.Admission;
using Detente.Record.Merkle;
using Detente.Record.Statements;
using Detente.Storage;

namespace Detente.Security.Tests.Append;

/// <summary>
/// Attack 4: an operator edits a pending entry in the database (and fixes its leaf hash) so that the log key would sign a forgery.
/// Integration re-reads every pending entry and checks its signature and body rules again; the edited entry is refused, nothing is
/// integrated and no checkpoint covers it. Attack 8: demo keys outside a demo record.
/// </summary>
public sealed class IntegrationRecheckTests
{
    public static TheoryData<Backend, string> Edits()
    {
        var data = new TheoryData<Backend, string>();
        foreach (var backend in Enum.GetValues<Backend>())
        {
            foreach (var edit in new[] { "owner", "quantity", "kind", "author" })
            {
                data.Add(backend, edit);
            }
        }

        return data;
    }

    // Edits tried: the owner of a declared deployment (USA to RUS), its quantity (24 to 9999), the statement kind, the author.
    [Theory]
    [MemberData(nameof(Edits))]
    public void EditedPendingEntry_LeafHashFixed_RefusedAtIntegration_NothingIntegratedOrCheckpointed(Backend backend, string edit)
    {
        using var world = new AppendWorld(backend, demo: false);
        while (world.Store.Integrate(4096).Count > 0)
        {
        }

        var size = world.Store.Size;
        var checkpoint = world.Store.Checkpoint(world.LogKey);
        world.Accept(StatementKind.DeploymentDeclaration, AppendWorld.Usa, AppendWorld.Deployment("usa-second", "USA"));
        var stored = world.Store.Size + world.Store.PendingCount - 1;
        var entry = ReadEntry(world, stored);
        var forged = edit switch
        {
            "owner" => entry.Replace("\"owner\":\"USA\"", "\"owner\":\"RUS\"", StringComparison.Ordinal),
            "quantity" => entry.Replace("\"quantity\":24", "\"quantity\":9999", StringComparison.Ordinal),
            "kind" => entry.Replace("\"kind\":\"deployment-declaration\"", "\"kind\":\"deployment-change\"", StringComparison.Ordinal),
            _ => entry.Replace("\"author\":\"USA\"", "\"author\":\"RUS\"", StringComparison.Ordinal),
        };
        Assert.NotEqual(entry, forged);
        var bytes = Encoding.UTF8.GetBytes(forged);
        Assert.Equal(1, world.Tamper("UPDATE entries SET entry = @e, leaf_hash = @h WHERE idx = @i",
            ("e", bytes), ("h", RecordHashing.LeafHash(bytes).ToArray()), ("i", stored)));

        var refused = Assert.Throws<RecordStoreException>(() => world.Store.Integrate(4096));
        Assert.Contains($"pending entry {stored}", refused.Message, StringComparison.Ordinal);
        Assert.Contains("no longer passes", refused.Message, StringComparison.Ordinal);
        Assert.Equal(size, world.Store.Size);
        Assert.Equal(checkpoint.Text, world.Store.Checkpoint(world.LogKey).Text);
    }

    // The same edit when the entry was appended by another store object (a crash between append and integration): nothing of it
    // is cached, so the store that integrates checks it in full.
    [Theory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.Postgres)]
    public void EditedPendingEntry_IntegratedByAStoreThatDidNotAppendIt_Refused(Backend backend)
    {
        using var world = new AppendWorld(backend, demo: false);
        while (world.Store.Integrate(4096).Count > 0)
        {
        }

        var size = world.Store.Size;
        world.Accept(StatementKind.DeploymentDeclaration, AppendWorld.Usa, AppendWorld.Deployment("usa-second", "USA"));
        var stored = world.Store.Size + world.Store.PendingCount - 1;
        var bytes = Encoding.UTF8.GetBytes(ReadEntry(world, stored).Replace("\"owner\":\"USA\"", "\"owner\":\"RUS\"", StringComparison.Ordinal));
        Assert.Equal(1, world.Tamper("UPDATE entries SET entry = @e, leaf_hash = @h WHERE idx = @i",
            ("e", bytes), ("h", RecordHashing.LeafHash(bytes).ToArray()), ("i", stored)));

        using var restarted = RecordStores.Open(world.Connection, world.Origin);
        var refused = Assert.Throws<RecordStoreException>(() => restarted.Integrate(4096));
        Assert.Contains($"pending entry {stored}", refused.Message, StringComparison.Ordinal);
        Assert.Equal(size, restarted.Size);
    }

    // The store remembers the leaf of each entry it validated at the index it wrote it to: the bytes of another entry it validated,
    // copied over a pending entry (leaf hash fixed), are not those of that index, and are checked in full (here: a second statement
    // of an id already stated).
    [Theory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.Postgres)]
    public void PendingEntry_ReplacedByAnotherValidatedEntrysBytes_RefusedAtIntegration(Backend backend)
    {
        using var world = new AppendWorld(backend, demo: false);
        while (world.Store.Integrate(4096).Count > 0)
        {
        }

        var size = world.Store.Size;
        world.Accept(StatementKind.DeploymentDeclaration, AppendWorld.Usa, AppendWorld.Deployment("usa-a", "USA"));
        world.Accept(StatementKind.DeploymentDeclaration, AppendWorld.Usa, AppendWorld.Deployment("usa-b", "USA"));
        var copied = Encoding.UTF8.GetBytes(ReadEntry(world, size));
        Assert.Equal(1, world.Tamper("UPDATE entries SET entry = @e, leaf_hash = @h WHERE idx = @i",
            ("e", copied), ("h", RecordHashing.LeafHash(copied).ToArray()), ("i", size + 1)));

        var refused = Assert.Throws<RecordStoreException>(() => world.Store.Integrate(4096));
        Assert.Contains($"pending entry {size + 1}", refused.Message, StringComparison.Ordinal);
        Assert.Equal(size, world.Store.Size);
    }

    // What integration may skip: the entries this store validated in full (body rules on) and committed, until they are integrated.
    [Theory]
    [InlineData(Backend.Sqlite, true)]
    [InlineData(Backend.Sqlite, false)]
    [InlineData(Backend.Postgres, true)]
    public void ValidatedEntries_RememberedUntilIntegrated_OnlyWithTheBodyRules(Backend backend, bool bodyRules)
    {
        using var world = new AppendWorld(backend, demo: false);
        while (world.Store.Integrate(4096).Count > 0)
        {
        }

        var store = (DbRecordStore)world.Store;
        Assert.Equal(0, store.VerifiedPendingCount);
        store.BodyRulesEnabled = bodyRules;
        world.Accept(StatementKind.DeploymentDeclaration, AppendWorld.Usa, AppendWorld.Deployment("usa-second", "USA"));
        if (bodyRules)
        {
            // A rejected statement is not written, and not remembered.
            Assert.False(world.Append(StatementKind.DeploymentDeclaration, AppendWorld.Rus, AppendWorld.Deployment("usa-third", "USA")).IsAccepted);
        }

        Assert.Equal(bodyRules ? 1 : 0, store.VerifiedPendingCount);
        store.BodyRulesEnabled = true;
        Assert.Equal(1, store.Integrate(4096).Count);
        Assert.Equal(0, store.VerifiedPendingCount);
    }

    [Theory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.Postgres)]
    public void UneditedPendingEntries_Integrate(Backend backend)
    {
        using var world = new AppendWorld(backend, demo: false);
        var pending = world.Store.PendingCount;
        Assert.Equal(pending, world.Store.Integrate(4096).Count);
    }

    [Theory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.Postgres)]
    public void DemoKey_OutsideADemoRecord_RefusedWithTheReason_NothingEnrolled(Backend backend)
    {
        using var world = new AppendWorld(backend, demo: false, seed: false);
        using var demo = Record.Keys.SigningKey.Demo("party.detente.local/NATO/demo");
        var before = world.Counts();
        var refused = Assert.Throws<RecordStoreException>(() => world.Store.Enrol(new Core.PartyId("NATO"), demo.NoteKey));
        Assert.Contains("demo-key-refused", refused.Message, StringComparison.Ordinal);
        Assert.Contains("anyone can derive it from its name", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, world.Counts());

        var viaAppend = Assert.Throws<RecordStoreException>(() => world.Store.AppendBatch([], AppendWorld.Now, [(new Core.PartyId("NATO"), demo.NoteKey)]));
        Assert.Contains("demo-key-refused", viaAppend.Message, StringComparison.Ordinal);
        Assert.Equal(before, world.Counts());
    }

    [Theory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.Postgres)]
    public void KeyRotation_ToADemoKey_OutsideADemoRecord_Rejected(Backend backend)
    {
        using var world = new AppendWorld(backend, demo: false, seed: false);
        using var demo = Record.Keys.SigningKey.Demo("party.detente.local/USA/demo");
        var entry = world.Entry(StatementKind.KeyRotation, AppendWorld.Usa, $$"""{"newKey":"{{demo.NoteKey}}"}""");
        var before = world.Counts();
        var check = world.Store.Append(entry, AppendWorld.Now);
        Assert.Equal("demo-key-refused", check.Rule?.Name);
        Assert.Equal(before, world.Counts());
    }

    [Fact]
    public void DemoOrigin_IsNamedInTheOrigin()
    {
        Assert.True(DemoKeys.IsDemoOrigin("log.detente.local/demo-1a2b3c4d"));
        Assert.True(DemoKeys.IsDemoOrigin("demo.detente.local/record"));
        Assert.False(DemoKeys.IsDemoOrigin("log.detente.local/1a2b3c4d"));
        Assert.False(DemoKeys.IsDemoOrigin("log.detente.local/demonstrably-real"));
        using var demo = Record.Keys.SigningKey.Demo("any.name/x");
        using var real = Record.Keys.SigningKey.Generate("any.name/x");
        Assert.True(DemoKeys.IsDemo(demo.NoteKey));
        Assert.True(DemoKeys.IsDemo(demo.NoteKey.Reference));
        Assert.False(DemoKeys.IsDemo(real.NoteKey));
    }

    private static string ReadEntry(AppendWorld world, long index)
    {
        using var connection = world.Backend == Backend.Sqlite
            ? (System.Data.Common.DbConnection)new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={world.Connection};Pooling=False")
            : new Npgsql.NpgsqlConnection(world.Connection);
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT entry FROM entries WHERE idx = {index}";
        return Encoding.UTF8.GetString((byte[])cmd.ExecuteScalar()!);
    }
}
