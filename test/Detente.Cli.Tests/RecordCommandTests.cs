using System.Text;
using Detente.Cli.Records;
using Detente.Core;
using Detente.Record.Keys;
using Detente.Record.Statements;
using Detente.Storage;
using Microsoft.Data.Sqlite;

namespace Detente.Cli.Tests;

/// <summary>The record verbs end to end, in-process, on a SQLite record and keyring in a temporary directory.</summary>
public sealed class RecordCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("detente-cli-record-").FullName;

    private string Db => Path.Combine(_dir, "record.db");

    private string Keyring => Path.Combine(_dir, "keyring.json");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // 'keys new' touches only the keyring; every other record verb takes both.
    private Cli.Result Run(params string[] args) =>
        args is ["keys", "new", ..] ? Cli.Run([.. args, "--keyring", Keyring]) : Cli.Run([.. args, "--db", Db, "--keyring", Keyring]);

    private string File(string name, string text) => FileBytes(name, Encoding.UTF8.GetBytes(text));

    private string FileBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    private long Stored()
    {
        using var store = RecordStores.Open(Db, RecordStores.ExistingOrigin(Db)!);
        return store.Size + store.PendingCount;
    }

    [Fact]
    public void Import_ProveAndVerifyProof_ValidWithoutDatabase()
    {
        var import = Run("record", "import");
        Assert.Equal(0, import.ExitCode);
        Assert.Contains("imported 617 statements of scenario europe-2022", import.Output);
        var vkey = Run("record", "vkey").Output.Trim();
        var proofPath = Path.Combine(_dir, "fact.tlog-proof");
        Assert.Equal(0, Run("record", "prove", "--index", "300", "--out", proofPath).ExitCode);
        Assert.StartsWith("c2sp.org/tlog-proof@v1\nindex 300\n", System.IO.File.ReadAllText(proofPath));

        var verified = Cli.Run("record", "verify-proof", proofPath, "--vkey", vkey);
        Assert.Equal(0, verified.ExitCode);
        Assert.Contains("valid:", verified.Output);
        Assert.Contains("is entry 300 of log.detente.local/", verified.Output);

        // Another entry's bytes do not verify against this proof.
        using (var store = RecordStores.Open(Db, RecordStores.ExistingOrigin(Db)!))
        {
            System.IO.File.WriteAllBytes(proofPath + ".entry", store.Entry(301));
        }

        var wrong = Cli.Run("record", "verify-proof", proofPath, "--vkey", vkey);
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("invalid", wrong.Output);
    }

    [Fact]
    public void WorldFromRecord_SameAsWorldFromFiles_AndFactsCarryTheirLogIndex()
    {
        Assert.Equal(0, Run("record", "import").ExitCode);
        foreach (var at in new[] { "1997-05-27", "2022-01-12" })
        {
            var fromFiles = Cli.Run("world", "--at", at, "--json");
            var fromRecord = Cli.Run("world", "--at", at, "--json", "--record", Db);
            Assert.Equal(0, fromRecord.ExitCode);
            Assert.Contains("\"record_index\": ", fromRecord.Output);
            Assert.Equal(fromFiles.Output, WithoutRecordIndex(fromRecord.Output));
        }

        Assert.Equal(Cli.Run("deployments", "--at", "2022-01-12", "--json").Output,
            WithoutRecordIndex(Cli.Run("deployments", "--at", "2022-01-12", "--json", "--record", Db).Output));

        // --db names the record on the world verbs as on the record verbs; a missing record is bad input (exit 2), never the files.
        foreach (var verb in new[] { new[] { "world", "--at", "2022-01-12" }, ["deployments", "--at", "2022-01-12"], ["check", "--at", "2022-01-12"] })
        {
            var byRecord = Cli.Run([.. verb, "--json", "--record", Db]);
            var byDb = Cli.Run([.. verb, "--json", "--db", Db]);
            Assert.Equal(byRecord.ExitCode, byDb.ExitCode);
            Assert.Equal(byRecord.Output, byDb.Output);
            var missing = Cli.Run([.. verb, "--db", Path.Combine(Path.GetDirectoryName(Db)!, "missing.db")]);
            Assert.Equal(2, missing.ExitCode);
            Assert.Contains("no record in", missing.Error);
        }

        using var store = RecordStores.Open(Db, RecordStores.ExistingOrigin(Db)!);
        var scenario = Detente.Node.Projection.RecordProjection.Load(store, Detente.Geo.Geography.AreaIds(Path.Combine(Detente.Node.Sessions.Paths.DataDirectory(), "geo")));
        Assert.All(scenario.Deployments, d =>
        {
            var index = Assert.IsType<long>(d.Evidence.RecordIndex);
            var statement = SignedStatement.Parse(store.Entry(index)).Statement!.Statement;
            Assert.Equal(StatementKind.DeploymentDeclaration, statement.Kind);
            Assert.Contains($"\"id\":\"{d.Id.Value}\"", statement.Body);
        });
        var observation = scenario.Observations[0];
        var signed = SignedStatement.Parse(store.Entry(observation.Evidence.RecordIndex!.Value)).Statement!.Statement;
        Assert.Equal(observation.Observer, signed.Author);
    }

    // Also without the "record" member a demo record's output carries (origin, pending, demo).
    private static string WithoutRecordIndex(string json) => System.Text.RegularExpressions.Regex.Replace(
        System.Text.RegularExpressions.Regex.Replace(json, ",\n *\"record_index\": \\d+", ""), ",\n  \"record\": \\{[^}]*\\}", "");

    [Fact]
    public void Demo_ReadsTheWorldFromATemporaryRecord_AndProvesAFact()
    {
        var result = Cli.Run("demo");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("The record", result.Output);
        Assert.Contains("617 signed statements; checkpoint root", result.Output);
        Assert.Matches(@"inclusion proof of deployment \S+ \(log entry \d+, \d+ hashes\): verified", result.Output);
    }

    [Fact]
    public void KeysNewRotateRevoke_RevokedKeysLaterStatementsRejected()
    {
        var vkey = Run("keys", "new", "--party", "POL").Output.Trim();
        Assert.StartsWith("party.detente.local/POL/1+", vkey);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(Keyring));
        }
        var body = File("position.json", """{ "issue": "intermediate-range-missiles", "stance": "red-line" }""");

        var first = Run("record", "append", "--kind", "position", "--party", "POL", "--body", body);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("enrolled", first.Output);
        Assert.Contains("appended position by POL seq 1", first.Output);

        var rotate = Run("keys", "rotate", "--party", "POL");
        Assert.Equal(0, rotate.ExitCode);
        Assert.Contains("party.detente.local/POL/1+", rotate.Output);
        Assert.Contains("retired", rotate.Output);

        var second = Run("record", "append", "--kind", "position", "--party", "POL", "--body", body);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("seq 3", second.Output);

        var before = Stored();
        var old = Run("record", "append", "--kind", "position", "--party", "POL", "--body", body, "--key", "party.detente.local/POL/1");
        Assert.Equal(2, old.ExitCode);
        Assert.Contains("RevokedKey", old.Error);
        Assert.Equal(before, Stored());

        var revoke = Run("keys", "revoke", "--party", "POL", "--key", vkey);
        Assert.Equal(2, revoke.ExitCode); // already revoked by the rotation
        Assert.Contains("revoked", revoke.Error);

        Assert.Equal(0, Run("keys", "new", "--party", "POL", "--name", "pol-spare").ExitCode);
        var strange = Run("record", "append", "--kind", "position", "--party", "POL", "--body", body, "--key", "pol-spare");
        Assert.Equal(2, strange.ExitCode);
        Assert.Contains("UnknownKey", strange.Error);
        Assert.Equal(before, Stored());
    }

    [Fact]
    public void Append_BadInput_ClearErrorAndNothingWritten()
    {
        Run("keys", "new", "--party", "POL");
        Run("keys", "new", "--party", "RUS");
        var good = File("good.json", """{"issue":"x"}""");
        Assert.Equal(0, Run("record", "append", "--kind", "position", "--party", "POL", "--body", good).ExitCode);
        Assert.Equal(0, Run("record", "append", "--kind", "position", "--party", "RUS", "--body", good).ExitCode);
        var before = Stored();

        var cases = new List<(string[] Args, string Expected)>
        {
            (["--kind", "position", "--party", "POL", "--body", FileBytes("utf8.json", [.. "{\"a\":\""u8, 0xC3, 0x28, .. "\"}"u8])], "utf8.json: invalid UTF-8 at byte 6"),
            (["--kind", "position", "--party", "POL", "--body", File("broken.json", """{"a": """)], "not acceptable JSON"),
            (["--kind", "position", "--party", "POL", "--body", File("array.json", "[1]")], "must be a JSON object"),
            (["--kind", "no-such-kind", "--party", "POL", "--body", good], "unknown statement kind"),
            (["--kind", "position", "--party", "POL", "--body", File("big.json", $$"""{"a":"{{new string('x', 70_000)}}"}""")], "65535"),
        };

        using var pol = OpenKey("POL");
        var state = State();
        byte[] Entry(PartyId author, long seq, DateTimeOffset time, SigningKey key) =>
            [.. SignedStatement.Sign(new Statement(StatementKind.Position, author, key.NoteKey.Reference, seq, time, """{"issue":"x"}"""), key).Entry];
        var now = DateTimeOffset.UtcNow;
        var valid = Entry(new PartyId("POL"), 2, now, pol);
        var nonCanonical = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(valid).Replace("{\"author\"", "{ \"author\"", StringComparison.Ordinal));
        var badSignature = (byte[])valid.Clone();
        var sigAt = Encoding.UTF8.GetString(badSignature).IndexOf("\"sig\":\"", StringComparison.Ordinal) + 8;
        badSignature[sigAt] = (byte)(badSignature[sigAt] == 'A' ? 'B' : 'A');
        cases.Add((["--entry", FileBytes("noncanonical", nonCanonical)], "NotCanonical"));
        cases.Add((["--entry", FileBytes("badsig", badSignature)], "BadSignature"));
        cases.Add((["--entry", FileBytes("replay", Entry(new PartyId("POL"), 1, now, pol))], "SequenceReplayed"));
        cases.Add((["--entry", FileBytes("skip", Entry(new PartyId("POL"), 5, now, pol))], "SequenceSkipped"));
        cases.Add((["--entry", FileBytes("future", Entry(new PartyId("POL"), 2, now.AddHours(2), pol))], "TimeInFuture"));
        cases.Add((["--entry", FileBytes("impostor", Entry(new PartyId("RUS"), 2, now, pol))], "KeyNotOwnedByAuthor"));
        Assert.Equal(2, state.NextSequence(new PartyId("POL")));

        foreach (var (args, expected) in cases)
        {
            var result = Run(["record", "append", .. args]);
            Assert.True(result.ExitCode == 2, $"{string.Join(' ', args)}: exit {result.ExitCode}, {result.Error}");
            Assert.Contains(expected, result.Error);
            Assert.Equal(before, Stored());
        }

        Assert.Equal(0, Run("record", "append", "--entry", FileBytes("valid", valid)).ExitCode);
        Assert.Equal(before + 1, Stored());
    }

    private SigningKey OpenKey(string party) =>
        Record.Keys.Keyring.Load(Keyring).Entries.Last(e => e.Party == new PartyId(party)).Open();

    private RecordState State()
    {
        using var store = RecordStores.Open(Db, RecordStores.ExistingOrigin(Db)!);
        return store.State;
    }

    [Fact]
    public void Verify_ChangedEntryByte_ExitsOneNamingTheIndex()
    {
        Assert.Equal(0, Run("record", "import").ExitCode);
        var ok = Run("record", "verify");
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("verified 617 entries", ok.Output);

        using (var connection = new SqliteConnection($"Data Source={Db};Pooling=False"))
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "UPDATE entries SET entry = CAST(replace(CAST(entry AS TEXT), '\"confidence\":\"', '\"confidence\":\"x') AS BLOB) WHERE idx = 300";
            Assert.Equal(1, cmd.ExecuteNonQuery());
        }

        var changed = Run("record", "verify");
        Assert.Equal(1, changed.ExitCode);
        Assert.Contains("entry 300", changed.Output);
    }

    [Fact]
    public void ExportTiles_VerifyTiles_AndAChangedTileByteIsFound()
    {
        Assert.Equal(0, Run("record", "import").ExitCode);
        var tiles = Path.Combine(_dir, "tiles");
        var export = Run("record", "export-tiles", tiles);
        Assert.Equal(0, export.ExitCode);
        Assert.Equal(0, Run("record", "verify", "--tiles", tiles).ExitCode);

        var bundle = Path.Combine(tiles, "tile", "entries", "000");
        var bytes = System.IO.File.ReadAllBytes(bundle);
        bytes[100] ^= 0x01;
        System.IO.File.WriteAllBytes(bundle, bytes);
        var changed = Run("record", "verify", "--tiles", tiles);
        Assert.Equal(1, changed.ExitCode);
        Assert.Contains("changed:", changed.Output);
    }
}
