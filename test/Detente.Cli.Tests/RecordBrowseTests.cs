using System.Text;

namespace Detente.Cli.Tests;

/// <summary>
/// <c>record show</c>, <c>record list</c>, what <c>record verify-proof</c> says about the proven statement, and row proofs of
/// observation batches (<c>record prove --row</c>), on a SQLite record in a temporary directory.
/// </summary>
public sealed class RecordBrowseTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("detente-cli-browse-").FullName;

    private string Db => Path.Combine(_dir, "record.db");

    private string Keyring => Path.Combine(_dir, "keyring.json");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Cli.Result Run(params string[] args) => Cli.Run([.. args, "--db", Db, "--keyring", Keyring]);

    private static string Sample(string name) => Path.Combine(Cli.RepositoryRoot(), "data", "observations", name);

    private string Path_(string name) => Path.Combine(_dir, name);

    // The scenario's statements, then one batch of the six sample rows as the last entry (Batch).
    private string ImportWithBatch()
    {
        Assert.Equal(0, Run("record", "import").ExitCode);
        Assert.Equal(0, Run("observe", "import", Sample("feb-2022-sample.csv")).ExitCode);
        return Run("record", "vkey").Output.Trim();
    }

    private System.Text.Json.JsonElement Listed(params string[] filters) => Cli.Run(["record", "list", "--json", "--db", Db, .. filters]).Json();

    private long Size => Listed().GetProperty("size").GetInt64();

    private string Batch => Listed("--kind", "observation-batch").GetProperty("statements")[0].GetProperty("index").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);

    // The statement declaring the SM-3 interceptors at Deveselu: its index and sequence, as the record lists them.
    private (string Index, long Sequence) Deveselu()
    {
        var s = Listed("--kind", "deployment-declaration").GetProperty("statements").EnumerateArray()
            .Single(x => x.GetProperty("summary").GetString()!.StartsWith("usa-rou-deveselu-sm3:", StringComparison.Ordinal));
        return (s.GetProperty("index").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), s.GetProperty("sequence").GetInt64());
    }

    [Fact]
    public void Show_Declaration_PrintsEnvelopeBodyLeafHashAndCheckedCheckpoint()
    {
        Assert.Equal(0, Run("record", "import").ExitCode);
        var (index, sequence) = Deveselu();
        var shown = Run("record", "show", index);
        Assert.Equal(0, shown.ExitCode);
        Assert.Contains("kind       deployment-declaration", shown.Output);
        Assert.Contains("author     USA", shown.Output);
        Assert.Contains($"sequence   {sequence}", shown.Output);
        Assert.Matches(@"key        party\.detente\.local/USA/demo\+[0-9a-f]{8} \(signature valid\)", shown.Output);
        Assert.Matches(@"leaf hash  [A-Za-z0-9+/]{43}=", shown.Output);
        Assert.Contains($"covered by the checkpoint at size {Size}", shown.Output);
        Assert.Contains("(signature and inclusion checked)", shown.Output);
        Assert.Contains("    \"id\": \"usa-rou-deveselu-sm3\",", shown.Output);

        var json = Run("record", "show", index, "--json").Json();
        Assert.Equal("USA", json.GetProperty("author").GetString());
        Assert.Equal(24, json.GetProperty("body").GetProperty("quantity").GetInt32());
        Assert.True(json.GetProperty("checkpoint").GetProperty("verified").GetBoolean());
    }

    [Fact]
    public void Show_WithAnotherLogsKey_SaysTheCheckpointDoesNotVerify()
    {
        Assert.Equal(0, Run("record", "import").ExitCode);
        var otherKey = Cli.Run("record", "vkey", "--db", Path_("other.db"), "--keyring", Path_("other-keyring.json")).Output.Trim();
        var shown = Run("record", "show", "10", "--vkey", otherKey);
        Assert.Equal(0, shown.ExitCode);
        Assert.Contains("does not verify", shown.Output);
    }

    [Fact]
    public void Show_IndexOutsideTheLog_ExitTwoWithTheRange()
    {
        Assert.Equal(0, Run("record", "import").ExitCode);
        var size = Size;
        foreach (var bad in new[] { size.ToString(System.Globalization.CultureInfo.InvariantCulture), "99999999999" })
        {
            var shown = Run("record", "show", bad);
            Assert.Equal(2, shown.ExitCode);
            Assert.Contains($"holds entries 0..{size - 1}", shown.Error);
        }
    }

    [Fact]
    public void List_KindAndParty_FilterTheTableAndJson()
    {
        Assert.Equal(0, Run("record", "import").ExitCode);
        var json = Cli.Run("record", "list", "--kind", "deployment-declaration", "--party", "rou", "--json", "--db", Db).Json();
        var statements = json.GetProperty("statements").EnumerateArray().ToList();
        Assert.NotEmpty(statements);
        Assert.All(statements, s => Assert.Equal("deployment-declaration", s.GetProperty("kind").GetString()));
        Assert.Contains(statements, s => s.GetProperty("author").GetString() == "USA" && s.GetProperty("summary").GetString()!.StartsWith("usa-rou-2021: owner USA, host ROU"));
        Assert.All(statements, s => Assert.Contains("ROU", s.GetProperty("summary").GetString()!));

        var table = Cli.Run("record", "list", "--kind", "membership-event", "--party", "SWE", "--db", Db);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains($"1 of {Size} statements", table.Output);
        Assert.Contains("nato-swe: alliance NATO, member SWE", table.Output);
    }

    [Fact]
    public void List_UnknownKind_ExitTwoListingTheKinds()
    {
        Assert.Equal(0, Run("record", "import").ExitCode);
        var listed = Cli.Run("record", "list", "--kind", "deployment", "--db", Db);
        Assert.Equal(2, listed.ExitCode);
        Assert.Contains("unknown statement kind 'deployment'; expected one of", listed.Error);
        Assert.Contains("deployment-declaration", listed.Error);
    }

    [Fact]
    public void VerifyProof_SaysWhatTheProvenStatementSays()
    {
        Assert.Equal(0, Run("record", "import").ExitCode);
        var vkey = Run("record", "vkey").Output.Trim();
        var proof = Path_("sm3.tlog-proof");
        var (index, sequence) = Deveselu();
        Assert.Equal(0, Run("record", "prove", "--index", index, "--out", proof).ExitCode);
        var verified = Cli.Run("record", "verify-proof", proof, "--vkey", vkey);
        Assert.Equal(0, verified.ExitCode);
        Assert.Matches($@"statement: deployment-declaration by USA, key party\.detente\.local/USA/demo\+[0-9a-f]{{8}}, seq {sequence}, \d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ: "
                       + "usa-rou-deveselu-sm3: owner USA, quantity 24, unit missiles, system sm-3-block-ib, site aegis-ashore-deveselu, from 2016-05-12",
            verified.Output);
    }

    [Fact]
    public void ProveRow_VerifyProofOffline_PrintsTheRow()
    {
        var vkey = ImportWithBatch();
        var proof = Path_("batch.tlog-proof");
        var proved = Run("record", "prove", "--index", Batch, "--row", "3", "--out", proof);
        Assert.Equal(0, proved.ExitCode);
        Assert.Contains("and " + proof + ".row (row 3 of the batch's 6)", proved.Output);

        var verified = Cli.Run("record", "verify-proof", proof, "--vkey", vkey);
        Assert.Equal(0, verified.ExitCode);
        Assert.Contains("statement: observation-batch by DETENTE-LIBRARIAN", verified.Output);
        Assert.Contains("rows 6, file feb-2022-sample.csv", verified.Output);
        Assert.Contains("row 3 of the batch's 6 is part of its sha256: {\"area\":\"BLR\",", verified.Output);
        Assert.Contains("\"count\":30000", verified.Output);
    }

    [Fact]
    public void ProveRow_ChangedRowOrAnotherBatchStatement_Invalid()
    {
        var vkey = ImportWithBatch();
        var proof = Path_("batch.tlog-proof");
        Assert.Equal(0, Run("record", "prove", "--index", Batch, "--row", "3", "--out", proof).ExitCode);
        var original = File.ReadAllBytes(proof + ".row");

        // One figure changed in the batch (30000 → 90000): the rows no longer hash to the signed digest.
        File.WriteAllBytes(proof + ".row", Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(original).Replace("\"count\":30000", "\"count\":90000")));
        var changed = Cli.Run("record", "verify-proof", proof, "--vkey", vkey);
        Assert.Equal(1, changed.ExitCode);
        Assert.Contains("invalid:", changed.Output);
        Assert.Contains("but the batch statement binds", changed.Output);

        // A row proof claiming a row the batch does not hold.
        File.WriteAllBytes(proof + ".row", Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(original).Replace("row 3\n", "row 7\n")));
        var beyond = Cli.Run("record", "verify-proof", proof, "--vkey", vkey);
        Assert.Equal(1, beyond.ExitCode);
        Assert.Contains("row 7 asked for, but the batch holds 6 rows", beyond.Output);

        // The row proof paired with the proof of another statement (a deployment declaration).
        File.WriteAllBytes(proof + ".row", original);
        var other = Path_("other.tlog-proof");
        Assert.Equal(0, Run("record", "prove", "--index", Deveselu().Index, "--out", other).ExitCode);
        var mismatched = Cli.Run("record", "verify-proof", other, "--vkey", vkey, "--row-proof", proof + ".row");
        Assert.Equal(1, mismatched.ExitCode);
        Assert.Contains("is a deployment-declaration, not an observation-batch", mismatched.Output);
    }

    [Theory]
    [InlineData("wrong header\nrow 3\nrows 6\n\n", "row proof line 1: expected 'detente.local/batch-row-proof@v1'")]
    [InlineData("detente.local/batch-row-proof@v1\nrow 03\nrows 6\n\n", "row proof line 2: expected 'row <n>'")]
    [InlineData("detente.local/batch-row-proof@v1\nrow 0\nrows 6\n\n", "row proof line 2: rows count from 1")]
    [InlineData("detente.local/batch-row-proof@v1\nrow 3\nrows 5\n\n", "row proof line 3: the proof says 5 rows but holds 6")]
    [InlineData("detente.local/batch-row-proof@v1\nrow 3\n", "row proof line 3: the proof ends before its rows")]
    public void VerifyProof_MalformedRowProof_ExitTwoNamingTheLine(string head, string message)
    {
        var vkey = ImportWithBatch();
        var proof = Path_("batch.tlog-proof");
        Assert.Equal(0, Run("record", "prove", "--index", Batch, "--row", "3", "--out", proof).ExitCode);
        var original = Encoding.UTF8.GetString(File.ReadAllBytes(proof + ".row"));
        var rows = original[(original.IndexOf("\n\n", StringComparison.Ordinal) + 2)..];
        File.WriteAllText(proof + ".row", head.EndsWith("\n\n", StringComparison.Ordinal) ? head + rows : head);
        var verified = Cli.Run("record", "verify-proof", proof, "--vkey", vkey);
        Assert.Equal(2, verified.ExitCode);
        Assert.Contains(message, verified.Error);
    }

    [Fact]
    public void ProveRow_BadRequests_ExitTwo()
    {
        ImportWithBatch();
        var proof = Path_("p.tlog-proof");
        Assert.Contains("is a deployment-declaration, not an observation-batch",
            Run("record", "prove", "--index", Deveselu().Index, "--row", "1", "--out", proof).Error);
        Assert.Contains("holds 6 rows, so there is no row 7", Run("record", "prove", "--index", Batch, "--row", "7", "--out", proof).Error);
        Assert.Contains("rows count from 1", Run("record", "prove", "--index", Batch, "--row", "0", "--out", proof).Error);
        Assert.Contains("give --out FILE too", Run("record", "prove", "--index", Batch, "--row", "1").Error);
        Assert.False(File.Exists(proof + ".row"));
    }
}
