using System.Text;
using Detente.Node.Witnessing;
using Detente.Record.Keys;
using Detente.Record.Notes;
using Detente.Record.Witness;
using Detente.Storage;

namespace Detente.Node.Tests.Witnessing;

/// <summary>
/// The witness's protocol without HTTP: routing, answers to wrong paths and methods, the body limits, and a cosignature persisted before
/// it is answered. Bad inputs tried: a non-loopback or malformed listen address, an unknown path, GET on add-checkpoint, POST on a
/// checkpoint, an unknown origin hash, a body announced or sent larger than the limit, a body that never arrives.
/// </summary>
public sealed class WitnessHostTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("detente-node-witness-").FullName;
    private readonly SigningKey _witnessKey = SigningKey.Generate("witness.detente.test");
    private readonly SigningKey _log = SigningKey.Generate("log.detente.test");
    private readonly IRecordStore _store;

    public WitnessHostTests() => _store = RecordStores.Open(Path.Combine(_dir, "witness.db"), "witness-log.detente.test");

    public void Dispose()
    {
        _store.Dispose();
        _witnessKey.Dispose();
        _log.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private WitnessHost Host(WitnessLimits? limits = null) =>
        new(new CheckpointWitness(_witnessKey, WitnessHost.Logs([_log.NoteKey])), _store, WitnessHost.Logs([_log.NoteKey]), limits ?? WitnessLimits.Default);

    private string CheckpointPath => $"/{WitnessHost.OriginHash(_log.Name)}/checkpoint";

    [Theory]
    [InlineData("127.0.0.1:7380", "127.0.0.1:7380")]
    [InlineData("localhost:80", "localhost:80")]
    [InlineData("[::1]:7380", "[::1]:7380")]
    public void LoopbackEndpoint_Loopback_IsKept(string text, string expected) => Assert.Equal(expected, WitnessHost.LoopbackEndpoint(text));

    [Theory]
    [InlineData("0.0.0.0:7380", "is not a loopback address")]
    [InlineData("10.1.2.3:7380", "is not a loopback address")]
    [InlineData("127.0.0.1", "expected HOST:PORT")]
    [InlineData("127.0.0.1:0", "expected HOST:PORT")]
    [InlineData("127.0.0.1:70000", "expected HOST:PORT")]
    public void LoopbackEndpoint_Other_IsRefused(string text, string expected)
    {
        var e = Assert.Throws<NodeException>(() => WitnessHost.LoopbackEndpoint(text));
        Assert.StartsWith("--listen: ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void OriginHash_IsLowerHexSha256()
    {
        Assert.Equal("2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", WitnessHost.OriginHash("foo"));
    }

    [Theory]
    [InlineData("GET", "/nowhere", 0, 404)]
    [InlineData("GET", "/add-checkpoint", 0, 405)]
    [InlineData("POST", "/add-checkpoint", 1 << 20, 413)]
    [InlineData("GET", "/0000000000000000000000000000000000000000000000000000000000000000/checkpoint", 0, 404)]
    public void Route_RequestsWithoutABody_AreAnswered(string method, string path, long length, int status)
    {
        using var host = Host();
        Assert.Equal(status, host.Route(method, path, length)!.Status);
    }

    [Fact]
    public void Route_PostToACheckpoint_IsNotAllowed_AndAddCheckpointReadsTheBody()
    {
        using var host = Host();
        var reply = host.Route("POST", CheckpointPath, 0)!;
        Assert.Equal(405, reply.Status);
        Assert.Equal(("Allow", "GET"), reply.Header);
        Assert.Null(host.Route("POST", "/add-checkpoint", 100));
        Assert.Equal(404, host.Route("GET", CheckpointPath, 0)!.Status);
    }

    [Fact]
    public async Task AnswerAsync_ACheckpoint_IsCosignedPersistedAndServed()
    {
        using var host = Host();
        var note = SignedNote.Sign($"{_log.Name}\n1\n{Convert.ToBase64String(new byte[32])}\n", _log);
        var body = Encoding.UTF8.GetBytes(new AddCheckpointRequest(0, [], note).ToString());
        var reply = await host.AnswerAsync("POST", "/add-checkpoint", body.Length, new MemoryStream(body));
        Assert.Equal(200, reply.Status);
        Assert.StartsWith("— witness.detente.test ", reply.Body);

        var served = host.Route("GET", CheckpointPath, 0)!;
        Assert.Equal(200, served.Status);
        Assert.Contains(reply.Body.Trim(), served.Body);
    }

    [Fact]
    public async Task AnswerAsync_BodyLargerThanTheLimit_Is413()
    {
        using var host = Host(WitnessLimits.Default with { MaxRequestBytes = 10 });
        var reply = await host.AnswerAsync("POST", "/add-checkpoint", -1, new MemoryStream(new byte[100]));
        Assert.Equal(WitnessReply.TooLarge, reply);
        Assert.True(reply.Close);
    }

    [Fact]
    public async Task AnswerAsync_BodyNeverSent_Is408AndLogged()
    {
        using var host = Host(WitnessLimits.Default with { BodyTimeout = TimeSpan.FromMilliseconds(50) });
        var log = new List<string>();
        var reply = await host.AnswerAsync("POST", "/add-checkpoint", 100, new SilentStream(), log.Add);
        Assert.Equal(WitnessReply.TooSlow, reply);
        Assert.Contains("did not send its body", Assert.Single(log));
    }

    /// <summary>A request body whose bytes never come.</summary>
    private sealed class SilentStream : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            new(Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => 0, TaskScheduler.Default));
    }
}
