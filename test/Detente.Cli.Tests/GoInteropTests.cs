using System.Diagnostics;
using System.Text;
using Detente.Record.Keys;
using Detente.Record.Notes;
using Detente.Record.Proofs;
using Detente.Record.Tiles;

namespace Detente.Cli.Tests;

/// <summary>
/// Our checkpoints, tiles and proofs are accepted by Go's reference code (golang.org/x/mod/sumdb/note and tlog), run by the
/// program in test/interop/go with Debian's golang-go and golang-golang-x-mod-dev (./test.sh installs them).
/// </summary>
public sealed class GoInteropTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("detente-go-interop-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ImportedRecord_ExportedTilesAndProof_AcceptedByGoXMod()
    {
        var db = Path.Combine(_dir, "record.db");
        var keyring = Path.Combine(_dir, "keyring.json");
        Assert.Equal(0, Cli.Run("record", "import", "--db", db, "--keyring", keyring).ExitCode);
        var tiles = Path.Combine(_dir, "tiles");
        Assert.Equal(0, Cli.Run("record", "export-tiles", tiles, "--db", db, "--keyring", keyring).ExitCode);
        var proof = Path.Combine(_dir, "p.tlog-proof");
        Assert.Equal(0, Cli.Run("record", "prove", "--index", "300", "--out", proof, "--db", db, "--keyring", keyring).ExitCode);
        var vkey = Cli.Run("record", "vkey", "--db", db, "--keyring", keyring).Output.Trim();

        var output = RunGo(tiles, vkey, proof, proof + ".entry");
        Assert.Contains("ok: checkpoint log.detente.local/", output);
    }

    [Fact]
    public void LogOf70000Entries_ThreeTileLevelsWithPartials_AcceptedByGoXMod()
    {
        // 70,000 entries: 273 full level-0 tiles and a partial of 112, a full level-1 tile and a partial of 17, a level-2 partial of 1.
        var log = new MemoryLog();
        for (var i = 0; i < 70_000; i++)
        {
            log.Append(Encoding.UTF8.GetBytes($"{{\"n\":{i}}}"));
        }

        using var key = SigningKey.Demo("interop.detente.test");
        var note = new Checkpoint(key.Name, log.Size, log.RootHash(log.Size)).Sign(key);
        var tiles = Path.Combine(_dir, "tiles");
        TileDirectory.Export(tiles, log, note);
        Assert.True(File.Exists(Path.Combine(tiles, "tile", "2", "000.p", "1")));
        var proof = Path.Combine(_dir, "p.tlog-proof");
        const long index = 69_950;
        File.WriteAllText(proof, InclusionProofFile.Create(log, index, note).ToString());
        File.WriteAllBytes(proof + ".entry", log.Entry(index));

        var output = RunGo(tiles, key.NoteKey.ToString(), proof, proof + ".entry");
        Assert.Contains("size 70000 verified", output);
    }

    private string RunGo(params string[] args)
    {
        var go = new[] { "/usr/bin/go", "/usr/lib/go/bin/go", "/usr/local/go/bin/go" }.FirstOrDefault(File.Exists);
        Assert.True(go is not null && Directory.Exists("/usr/share/gocode/src/golang.org/x/mod/sumdb/tlog"),
            "Go interop needs Debian's golang-go and golang-golang-x-mod-dev: run ./test.sh as root, or apt-get install golang-go golang-golang-x-mod-dev");
        var start = new ProcessStartInfo(go!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("run");
        start.ArgumentList.Add(Path.Combine(Cli.RepositoryRoot(), "test", "interop", "go", "main.go"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        // Debian's x/mod lives in GOPATH /usr/share/gocode; modules off, and a private cache so the test needs no HOME.
        start.Environment["GO111MODULE"] = "off";
        start.Environment["GOPATH"] = "/usr/share/gocode";
        start.Environment["GOCACHE"] = Path.Combine(Path.GetTempPath(), "detente-go-cache");
        start.Environment["GOFLAGS"] = "";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A guard against a hang only: compiling x/mod on a loaded 2-core machine can take minutes.
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(20)), "go run did not finish in 20 minutes");
        Assert.True(process.ExitCode == 0, $"Go x/mod rejected our export: {stderr.Result}{stdout.Result}");
        return stdout.Result;
    }
}
