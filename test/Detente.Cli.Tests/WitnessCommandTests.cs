using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Detente.Record.Keys;
using Detente.Record.Merkle;
using Detente.Record.Notes;
using Detente.Record.Tiles;
using Detente.Record.Witness;

namespace Detente.Cli.Tests;

/// <summary>
/// <c>detente witness serve</c> as a real process on loopback: tlog-witness <c>add-checkpoint</c> answers with the spec's HTTP
/// codes, and <c>detente record cosign</c> collects its cosignature into the record.
/// </summary>
public sealed class WitnessCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("detente-cli-witness-").FullName;
    private readonly SigningKey _foreignLog = SigningKey.Demo("foreign.detente.test");
    private Process? _server;

    private string LogDb => Path.Combine(_dir, "log.db");

    private string LogKeyring => Path.Combine(_dir, "log-keyring.json");

    public void Dispose()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill();
            _server.WaitForExit();
        }

        _server?.Dispose();
        _foreignLog.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private Cli.Result Log(params string[] args) =>
        args is ["keys", "new", ..] ? Cli.Run([.. args, "--keyring", LogKeyring]) : Cli.Run([.. args, "--db", LogDb, "--keyring", LogKeyring]);

    /// <summary>Starts the witness for the given logs and returns its base URL and cosigner key.</summary>
    private (string Url, VerifierKey Key) Serve(params string[] logVkeys)
    {
        var keyring = Path.Combine(_dir, "witness-keyring.json");
        var vkey = VerifierKey.Parse(Cli.Run("witness", "vkey", "--keyring", keyring).Output.Trim());
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "detente.dll"), "witness", "serve", "--listen", $"127.0.0.1:{port}",
                     "--db", Path.Combine(_dir, "witness.db"), "--keyring", keyring })
        {
            start.ArgumentList.Add(a);
        }

        foreach (var log in logVkeys)
        {
            start.ArgumentList.Add("--log");
            start.ArgumentList.Add(log);
        }

        _server = Process.Start(start)!;
        var line = _server.StandardOutput.ReadLine();
        Assert.True(line is not null && line.Contains("listening on"), $"witness did not start: {line} {(_server.HasExited ? _server.StandardError.ReadToEnd() : "")}");
        return ($"http://127.0.0.1:{port}", vkey);
    }

    [Fact]
    public void Cosign_CollectsTheWitnessCosignature_AndProofsCarryIt()
    {
        Assert.Equal(0, Log("record", "import").ExitCode);
        var logVkey = Log("record", "vkey").Output.Trim();
        var (url, witnessKey) = Serve(logVkey);

        var cosign = Log("record", "cosign", "--witness", url, "--witness-key", witnessKey.ToString(), "--timeout", "600");
        Assert.True(cosign.ExitCode == 0, cosign.Error);
        Assert.Contains("cosigned at size 617", cosign.Output);

        var proof = Path.Combine(_dir, "p.tlog-proof");
        Assert.Equal(0, Log("record", "prove", "--index", "7", "--out", proof).ExitCode);
        var verified = Cli.Run("record", "verify-proof", proof, "--vkey", logVkey, "--witness-key", witnessKey.ToString(), "--quorum", "1");
        Assert.True(verified.ExitCode == 0, verified.Output + verified.Error);
        Assert.Contains("1 witness cosignatures", verified.Output);

        // The log grows; the witness holds 617, so the second cosign proves consistency from there (after a 409).
        var body = Path.Combine(_dir, "b.json");
        File.WriteAllText(body, """{"issue":"transparency"}""");
        Assert.Equal(0, Log("keys", "new", "--party", "RUS").ExitCode);
        Assert.Equal(0, Log("record", "append", "--kind", "position", "--party", "RUS", "--body", body).ExitCode);
        Assert.Equal(0, Log("record", "integrate").ExitCode);
        Assert.Equal(0, Log("record", "checkpoint").ExitCode);
        var again = Log("record", "cosign", "--witness", url, "--witness-key", witnessKey.ToString(), "--timeout", "600");
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains("cosigned at size 618", again.Output);
    }

    [Fact]
    public async Task AddCheckpoint_OverHttp_AnswersWithTlogWitnessCodes()
    {
        var (url, _) = Serve(_foreignLog.NoteKey.ToString());
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) }; // a hang guard only
        var log = new MemoryLog();
        for (var i = 0; i < 10; i++)
        {
            log.Append(Encoding.UTF8.GetBytes($"entry {i}"));
        }

        SignedNote Note(long size, SigningKey key, string origin = "foreign.detente.test") => new Checkpoint(origin, size, log.RootHash(size)).Sign(key);
        async Task<(int Status, string Body, string? Type)> Post(long old, IEnumerable<MerkleHash> proof, SignedNote note, string path = "/add-checkpoint")
        {
            using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(new AddCheckpointRequest(old, [.. proof], note).ToString()));
            using var response = await http.PostAsync(url + path, content);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
        }

        var first = await Post(0, [], Note(4, _foreignLog));
        Assert.Equal(200, first.Status);
        Assert.StartsWith("— ", first.Body);

        using var stranger = SigningKey.Demo("stranger.detente.test");
        Assert.Equal(404, (await Post(0, [], Note(4, stranger, "stranger.detente.test"))).Status); // unknown origin
        using var impostor = SigningKey.Demo("foreign.detente.test/impostor");
        Assert.Equal(403, (await Post(4, MerkleProofs.Consistency(log, 4, 8), new Checkpoint("foreign.detente.test", 8, log.RootHash(8)).Sign(impostor))).Status);

        var stale = await Post(0, [], Note(8, _foreignLog)); // the witness holds 4
        Assert.Equal(409, stale.Status);
        Assert.Equal("4\n", stale.Body);
        Assert.Equal(CheckpointWitness.SizeContentType, stale.Type);

        var badProof = MerkleProofs.Consistency(log, 4, 8).ToArray();
        badProof[0] = MerkleHash.Empty;
        Assert.Equal(422, (await Post(4, badProof, Note(8, _foreignLog))).Status);
        Assert.Equal(400, (await Post(9, [], Note(8, _foreignLog))).Status); // old > new
        Assert.Equal(200, (await Post(4, MerkleProofs.Consistency(log, 4, 8), Note(8, _foreignLog))).Status);
        Assert.Equal(404, (await Post(8, [], Note(8, _foreignLog), "/other")).Status);
        using var get = await http.GetAsync(url + "/add-checkpoint");
        Assert.Equal(405, (int)get.StatusCode);

        // Bad input tried: a body over the 64 KiB limit (a valid request followed by padding); 413, and nothing changes.
        var oversize = Encoding.UTF8.GetBytes(new AddCheckpointRequest(8, [], Note(8, _foreignLog)).ToString() + new string('x', 70_000));
        using (var content = new ByteArrayContent(oversize))
        using (var response = await http.PostAsync(url + "/add-checkpoint", content))
        {
            Assert.Equal(413, (int)response.StatusCode);
        }

        var held = await Post(0, [], Note(8, _foreignLog));
        Assert.Equal(409, held.Status);
        Assert.Equal("8\n", held.Body);
    }

    [Fact]
    public async Task Checkpoint_OverHttp_ServesTheLatestCosignedCheckpointByOriginHash()
    {
        var (url, witnessKey) = Serve(_foreignLog.NoteKey.ToString());
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) }; // a hang guard only
        var log = new MemoryLog();
        for (var i = 0; i < 6; i++)
        {
            log.Append(Encoding.UTF8.GetBytes($"entry {i}"));
        }

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("foreign.detente.test")));
        using (var before = await http.GetAsync($"{url}/{hash}/checkpoint"))
        {
            Assert.Equal(404, (int)before.StatusCode); // never cosigned
        }

        using var stranger = SigningKey.Demo("stranger.detente.test/log");
        var note = SignedNote.Sign(new Checkpoint("foreign.detente.test", 6, log.RootHash(6)).ToText(), _foreignLog, stranger);
        using (var content = new ByteArrayContent(Encoding.UTF8.GetBytes(new AddCheckpointRequest(0, [], note).ToString())))
        using (var added = await http.PostAsync(url + "/add-checkpoint", content))
        {
            Assert.Equal(200, (int)added.StatusCode);
        }

        using var served = await http.GetAsync($"{url}/{hash}/checkpoint");
        Assert.Equal(200, (int)served.StatusCode);
        var checkpoint = SignedNote.Parse(await served.Content.ReadAsStringAsync());
        Assert.Equal(note.Text, checkpoint.Text);
        Assert.True(checkpoint.Verify([_foreignLog.NoteKey]).IsVerified);
        Assert.True(checkpoint.Verify([witnessKey]).IsVerified);
        Assert.DoesNotContain(checkpoint.Signatures, s => s.Name == stranger.Name); // signatures of unknown keys are not kept

        using var unknown = await http.GetAsync($"{url}/{new string('0', 64)}/checkpoint");
        Assert.Equal(404, (int)unknown.StatusCode);
        using var post = await http.PostAsync($"{url}/{hash}/checkpoint", new ByteArrayContent([]));
        Assert.Equal(405, (int)post.StatusCode);
    }

    [Fact]
    public void Serve_NonLoopbackAddress_Refused()
    {
        var result = Cli.Run("witness", "serve", "--listen", "0.0.0.0:7380", "--log", _foreignLog.NoteKey.ToString(),
            "--db", Path.Combine(_dir, "w.db"), "--keyring", Path.Combine(_dir, "w.json"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not a loopback address", result.Error);
    }
}
