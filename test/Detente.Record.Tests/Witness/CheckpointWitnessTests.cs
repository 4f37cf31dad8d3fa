using System.Collections.Immutable;
using System.Text;
using Detente.Record.Keys;
using Detente.Record.Merkle;
using Detente.Record.Notes;
using Detente.Record.Tests.Tiles;
using Detente.Record.Witness;

namespace Detente.Record.Tests.Witness;

public sealed class CheckpointWitnessTests : IDisposable
{
    private readonly SigningKey _logKey = Some.LogKey();
    private readonly SigningKey _witnessKey = Some.WitnessKey();
    private readonly CheckpointWitness _witness;
    private readonly Dictionary<string, WitnessRecord> _store = [];
    private readonly Record.Tiles.MemoryLog _log = TileTests.Log(30);

    public CheckpointWitnessTests()
    {
        _witness = new CheckpointWitness(_witnessKey, [new WitnessedLog(_logKey.Name, [_logKey.NoteKey])]);
    }

    public void Dispose()
    {
        _logKey.Dispose();
        _witnessKey.Dispose();
    }

    [Fact]
    public void AddCheckpoint_FirstThenGrowth_200WithVerifiableCosignature()
    {
        var first = Send(0, [], Signed(10));
        Assert.Equal(200, first.StatusCode);
        Assert.StartsWith("— witness1.detente.test ", first.Body, StringComparison.Ordinal);
        var cosigned = SignedNote.Parse(Signed(10).ToString() + first.Body);
        Assert.True(cosigned.Verify([_witnessKey.CosignerKey]).IsVerified);
        Assert.Equal(1_800_000_000UL, cosigned.Signatures[^1].CosignatureTime);

        var second = Send(10, MerkleProofs.Consistency(_log, 10, 30), Signed(30));
        Assert.Equal(200, second.StatusCode);
        Assert.Equal(30, _store[_logKey.Name].Size);
    }

    [Fact]
    public void AddCheckpoint_UnknownOrigin_404()
    {
        using var otherLog = SigningKey.Demo("other.log");
        var note = new Checkpoint("other.log", 10, _log.RootHash(10)).Sign(otherLog);
        Assert.Equal(404, Send(0, [], note).StatusCode);
    }

    [Fact]
    public void AddCheckpoint_SignedByUntrustedKeyOrTampered_403()
    {
        using var impostor = SigningKey.Demo("impostor");
        var foreign = SignedNote.Sign(new Checkpoint(_logKey.Name, 10, _log.RootHash(10)).ToText(), impostor);
        Assert.Equal(403, Send(0, [], foreign).StatusCode);

        var good = Signed(10).ToString();
        var tampered = SignedNote.Parse(good.Replace("\n10\n", "\n11\n", StringComparison.Ordinal));
        Assert.Equal(403, Send(0, [], tampered).StatusCode);
        Assert.Empty(_store);
    }

    [Fact]
    public void AddCheckpoint_OldBeyondNewOrMalformed_400()
    {
        Assert.Equal(400, Send(20, [], Signed(10)).StatusCode);
        Assert.Equal(400, _witness.AddCheckpoint("old 01\n\nx\n"u8, Lookup, Now).StatusCode);
        Assert.Equal(400, _witness.AddCheckpoint("nonsense"u8, Lookup, Now).StatusCode);
    }

    [Fact]
    public void AddCheckpoint_OldDiffersFromStored_409WithSize()
    {
        Assert.Equal(200, Send(0, [], Signed(10)).StatusCode);
        var conflict = Send(0, [], Signed(30));
        Assert.Equal(409, conflict.StatusCode);
        Assert.Equal("10\n", conflict.Body);
        Assert.Equal(CheckpointWitness.SizeContentType, conflict.ContentType);
    }

    // Bad inputs tried: a proof for other sizes, a proof with old = 0, the same size with another root, an empty tree with a non-empty root.
    [Fact]
    public void AddCheckpoint_BadProofs_422()
    {
        Assert.Equal(200, Send(0, [], Signed(10)).StatusCode);
        Assert.Equal(422, Send(10, MerkleProofs.Consistency(_log, 11, 30), Signed(30)).StatusCode);
        Assert.Equal(10, _store[_logKey.Name].Size);

        var otherRoot = new Checkpoint(_logKey.Name, 10, _log.RootHash(9)).Sign(_logKey);
        Assert.Equal(422, Send(10, [], otherRoot).StatusCode);

        _store.Clear();
        Assert.Equal(422, Send(0, MerkleProofs.Consistency(_log, 5, 10), Signed(10)).StatusCode);
        var emptyWrongRoot = new Checkpoint(_logKey.Name, 0, _log.RootHash(1)).Sign(_logKey);
        Assert.Equal(422, Send(0, [], emptyWrongRoot).StatusCode);
    }

    [Fact]
    public void AddCheckpointRequest_FormatThenParse_RoundTrips()
    {
        var request = new AddCheckpointRequest(10, MerkleProofs.Consistency(_log, 10, 30), Signed(30));
        var text = request.ToString();
        Assert.StartsWith("old 10\n", text, StringComparison.Ordinal);
        var parsed = AddCheckpointRequest.Parse(Encoding.UTF8.GetBytes(text));
        Assert.Equal(request, parsed);
        Assert.Equal(request.Proof.ToArray(), parsed.Proof.ToArray());
    }

    private static DateTimeOffset Now => DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private SignedNote Signed(long size) => new Checkpoint(_logKey.Name, size, _log.RootHash(size)).Sign(_logKey);

    private WitnessRecord? Lookup(string origin) => _store.GetValueOrDefault(origin);

    private WitnessResponse Send(long old, ImmutableArray<MerkleHash> proof, SignedNote note)
    {
        var body = Encoding.UTF8.GetBytes(new AddCheckpointRequest(old, proof, note).ToString());
        var response = _witness.AddCheckpoint(body, Lookup, Now);
        if (response.Persist is { } record)
        {
            _store[record.Origin] = record;
        }

        return response;
    }
}
