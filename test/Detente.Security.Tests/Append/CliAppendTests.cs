using Detente.Storage;
using Microsoft.Data.Sqlite;

namespace Detente.Security.Tests.Append;

/// <summary>
/// The attacks through the <c>detente</c> command, on a SQLite record in a temporary directory: a rejected statement leaves no trace
/// (no key enrolled, no row, keyring unchanged), demo keys stay out of records with real keys, the keyring is never written through a
/// link, a world read from a record says what it leaves out, and proofs of a demo record say so.
/// </summary>
public sealed class CliAppendTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("detente-security-cli-").FullName;

    private string Db => Path.Combine(_dir, "record.db");

    private string Keyring => Path.Combine(_dir, "keyring.json");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private Cli.Result Run(params string[] args) =>
        args is ["keys", "new", ..] ? Cli.Run([.. args, "--keyring", Keyring]) : Cli.Run([.. args, "--db", Db, "--keyring", Keyring]);

    private string File(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Every table's rows and the keyring's bytes: what "nothing written" compares.</summary>
    private string Snapshot()
    {
        var parts = new List<string>();
        if (System.IO.File.Exists(Db))
        {
            using var connection = new SqliteConnection($"Data Source={Db};Pooling=False");
            connection.Open();
            foreach (var table in new[] { "enrolled_keys", "statement_keys", "sequences", "entries", "facts", "checkpoints" })
            {
                using var cmd = connection.CreateCommand();
                cmd.CommandText = $"SELECT COUNT(*) FROM {table}";
                parts.Add($"{table}={cmd.ExecuteScalar()}");
            }
        }

        parts.Add(System.IO.File.Exists(Keyring) ? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.IO.File.ReadAllBytes(Keyring))) : "no keyring");
        return string.Join(" ", parts);
    }

    // Bad input tried: a 70 KB body (over the 65,535-byte entry limit) as a party's first statement: it used to enrol the key anyway.
    [Fact]
    public void Append_OversizedFirstStatement_Rejected_NoKeyEnrolled()
    {
        Assert.Equal(0, Run("keys", "new", "--party", "POL").ExitCode);
        Assert.Equal(0, Run("record", "integrate").ExitCode); // creates the record (real log key)
        var before = Snapshot();
        var result = Run("record", "append", "--kind", "position", "--party", "POL", "--body", File("big.json", $$"""{"a":"{{new string('x', 70_000)}}"}"""));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("65535", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("enrolled", result.Output, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    // Bad inputs tried: a body whose third line ends in a member with no value, and one with a trailing comma on its second line: the
    // error names the file, line and column (in characters, after a multi-byte name on the line before), and nothing is written.
    [Fact]
    public void Append_BadJsonBody_ErrorNamesFileLineAndColumn_NothingWritten()
    {
        Assert.Equal(0, Run("keys", "new", "--party", "POL").ExitCode);
        Assert.Equal(0, Run("record", "integrate").ExitCode);
        var before = Snapshot();
        foreach (var (name, body, place) in new[]
                 {
                     ("missing.json", "{\n  \"issue\": \"Zürich\",\n  \"stance\": }\n", "missing.json:3:13:"),
                     ("comma.json", "{\"issue\": \"ab\",\n  \"n\": 1,\n}", "comma.json:3:1:"),
                 })
        {
            var result = Run("record", "append", "--kind", "position", "--party", "POL", "--body", File(name, body));
            Assert.Equal(2, result.ExitCode);
            Assert.Contains(place, result.Error, StringComparison.Ordinal);
            Assert.Contains("not acceptable JSON", result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("at byte", result.Error, StringComparison.Ordinal);
        }

        Assert.Equal(before, Snapshot());
    }

    // Bad input tried: RUS's first statement declares a US deployment (owner USA): refused by own-declaration, its key not enrolled.
    [Fact]
    public void Append_ForgedDeclaration_RefusedNamingTheRule_NothingWritten()
    {
        Assert.Equal(0, Run("keys", "new", "--party", "RUS").ExitCode);
        Assert.Equal(0, Run("record", "integrate").ExitCode); // creates the record (real log key)
        var before = Snapshot();
        var result = Run("record", "append", "--kind", "deployment-declaration", "--party", "RUS", "--body", File("forged.json", AppendWorld.Deployment("usa-9999", "USA", quantity: "9999")));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("rejected (BodyRule): own-declaration: owner: 'USA' is not the author RUS", result.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was written", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    // Bad input tried: observe import --party NATO, NATO holding no key, on a record whose parties hold real keys.
    [Fact]
    public void ObserveImport_DemoKeyOnARecordWithRealKeys_RefusedWithTheReason_NothingEnrolled()
    {
        Assert.Equal(0, Run("keys", "new", "--party", "POL").ExitCode);
        Assert.Equal(0, Run("record", "append", "--kind", "position", "--party", "POL", "--body", File("p.json", """{"issue":"x"}""")).ExitCode);
        var rows = File("rows.csv", "time,area,party,what,count,source,confidence\n2022-02-01,BLR,RUS,troops,100,businessinsider-2022-02-18,verified\n");
        var before = Snapshot();
        var result = Run("observe", "import", rows, "--party", "NATO");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("has no key for NATO", result.Error, StringComparison.Ordinal);
        Assert.Contains("demo keys", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());

        var demo = Run("observe", "import", rows, "--party", "NATO", "--demo");
        Assert.Equal(2, demo.ExitCode);
        Assert.Contains("--demo", demo.Error, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    // Bad input tried: a monitor's batch holding another observer's rows (the sample file names NATO, USA and others).
    [Fact]
    public void ObserveImport_OtherObserversRowsUnderAPartysKey_RefusedByOwnObservation()
    {
        Assert.Equal(0, Run("keys", "new", "--party", "NATO").ExitCode);
        Assert.Equal(0, Run("record", "integrate").ExitCode); // creates the record (real log key)
        var sample = Path.Combine(RepositoryRoot(), "data", "observations", "feb-2022-sample.csv");
        var before = Snapshot();
        var result = Run("observe", "import", sample, "--party", "NATO");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("own-observation", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    // Bad inputs tried: the keyring path is a symbolic link; a link planted at the old fixed temporary name keyring.json.tmp.
    [Fact]
    public void Keyring_NeverWrittenThroughALink()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var victim = File("victim.txt", "do not overwrite\n");
        System.IO.File.CreateSymbolicLink(Keyring + ".tmp", victim);
        Assert.Equal(0, Run("keys", "new", "--party", "POL").ExitCode);
        Assert.Equal("do not overwrite\n", System.IO.File.ReadAllText(victim));
        Assert.Null(new FileInfo(Keyring).LinkTarget);

        var real = Path.Combine(_dir, "real-keyring.json");
        System.IO.File.Move(Keyring, real);
        System.IO.File.CreateSymbolicLink(Keyring, real);
        var before = System.IO.File.ReadAllBytes(real);
        var result = Run("keys", "new", "--party", "RUS");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("symbolic link", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, System.IO.File.ReadAllBytes(real));
        Assert.Empty(Directory.GetFiles(_dir, ".keyring.json.*.tmp"));
    }

    // Bad input tried: statements accepted but never integrated (an import or append stopped before integration).
    [Fact]
    public void WorldFromRecord_WithUnintegratedEntries_WarnsAndSaysSoInJson()
    {
        Assert.Equal(0, Run("record", "import").ExitCode);
        using (var store = RecordStores.Open(Db, RecordStores.ExistingOrigin(Db)!))
        {
            // An append stopped before integration: written to the store directly, since the appender integrates at once.
            using var pol = Record.Keys.SigningKey.Demo(Node.Appending.ScenarioImport.DemoKeyName(new Core.PartyId("POL")));
            var statement = new Record.Statements.Statement(Core.StatementKind.Position, new Core.PartyId("POL"), pol.NoteKey.Reference,
                store.State.NextSequence(new Core.PartyId("POL")), DateTimeOffset.UtcNow, """{"issue":"x"}""");
            var entry = Record.Statements.SignedStatement.Sign(statement, pol).Entry.ToArray();
            var check = store.State.Keys.Find(pol.NoteKey.Reference) is null
                ? store.AppendBatch([entry], DateTimeOffset.UtcNow, [(new Core.PartyId("POL"), pol.NoteKey)])[0]
                : store.Append(entry, DateTimeOffset.UtcNow);
            Assert.True(check.IsAccepted, check.ToString());
        }

        var world = Cli.Run("world", "--at", "2022-01-12", "--json", "--record", Db);
        Assert.Equal(0, world.ExitCode);
        Assert.Contains("1 statements accepted but not integrated", world.Error, StringComparison.Ordinal);
        Assert.Contains("demo record", world.Error, StringComparison.Ordinal);
        var record = world.Json().GetProperty("record");
        Assert.Equal(1, record.GetProperty("pending").GetInt64());
        Assert.True(record.GetProperty("demo").GetBoolean());
    }

    [Fact]
    public void DemoRecord_SaysSoInItsOriginItsProofsAndVerifyProof()
    {
        var import = Run("record", "import");
        Assert.Equal(0, import.ExitCode);
        Assert.Contains("(a demo record)", import.Output, StringComparison.Ordinal);
        var vkey = Run("record", "vkey").Output.Trim();
        Assert.Contains("/demo-", vkey, StringComparison.Ordinal);
        var proof = Path.Combine(_dir, "five.tlog-proof");
        Assert.Equal(0, Run("record", "prove", "--index", "5", "--out", proof).ExitCode);
        Assert.Contains("/demo-", System.IO.File.ReadAllText(proof), StringComparison.Ordinal);
        var check = Cli.Run("record", "verify-proof", proof, "--vkey", vkey);
        Assert.Equal(0, check.ExitCode);
        Assert.Contains("warning:", check.Error, StringComparison.Ordinal);
        Assert.Contains("demo key", check.Error, StringComparison.Ordinal);
        Assert.Contains("(a demo record", Run("record", "verify").Output, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordImport_IntoARecordWithRealKeys_Refused()
    {
        Assert.Equal(0, Run("record", "integrate").ExitCode); // creates the record (real log key)
        var result = Run("record", "import");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("demo keys", result.Error, StringComparison.Ordinal);
        using var store = RecordStores.Open(Db, RecordStores.ExistingOrigin(Db)!);
        Assert.Equal(0, store.Size + store.PendingCount);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Detente.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Detente.slnx not found above " + AppContext.BaseDirectory);
    }
}
