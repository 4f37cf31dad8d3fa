using System.Text;
using Detente.Core;
using Detente.Node.Appending;
using Detente.Node.Reports.Record;
using Detente.Record.Keys;
using Detente.Record.Proofs;
using Detente.Record.Statements;

namespace Detente.Node.Tests.Reports;

/// <summary>
/// Proofs and verification of a record as the node computes them for <c>record prove</c>, <c>verify-proof</c> and <c>verify</c>. Bad inputs
/// tried: no checkpoint yet, an index past the checkpoint and a negative one, a row of an entry that is no observation batch, row 0, a
/// changed entry, a log key of another log, a trusted checkpoint that is not one, one signed by another key, a missing record.
/// </summary>
public sealed class RecordProofsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("detente-node-proofs-").FullName;
    private readonly RecordNode _node;
    private readonly long _index;

    public RecordProofsTests()
    {
        _node = new RecordNode(Path.Combine(_dir, "record.db"), Path.Combine(_dir, "keyring.json"));
        PartyKeys.New(_node, new PartyId("POL"), null);
        _index = StatementAuthoring.Append(_node, StatementKind.Position, new PartyId("POL"), """{"issue":"x"}""", null, DateTimeOffset.UtcNow).Index;
    }

    public void Dispose()
    {
        _node.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private VerifierKey LogKey => _node.LogKeyEntry().VerifierKey();

    private RecordCheckRequest Request => new() { Connection = _node.Connection, KeyringPath = _node.KeyringPath };

    [Fact]
    public void Prove_ThenCheck_IsValid_AndNamesTheStatement()
    {
        var proof = EntryProofs.Prove(_node.Store, _index, null);
        var warnings = new List<string>();
        var report = EntryProofs.Check(InclusionProofFile.Parse(proof.Proof), proof.Entry, LogKey, [], 0, null, warnings.Add);
        Assert.True(report.IsValid);
        Assert.StartsWith($"valid: position by POL seq 1 is entry {_index} of {_node.Store.Origin}", report.Lines[0]);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Check_ChangedEntry_IsInvalid()
    {
        var proof = EntryProofs.Prove(_node.Store, _index, null);
        var changed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(proof.Entry).Replace("\"x\"", "\"y\"", StringComparison.Ordinal));
        var report = EntryProofs.Check(InclusionProofFile.Parse(proof.Proof), changed, LogKey, [], 0, null, _ => { });
        Assert.False(report.IsValid);
        Assert.StartsWith("invalid: ", Assert.Single(report.Lines));
    }

    [Fact]
    public void Check_AnotherLogsKey_IsInvalid()
    {
        var proof = EntryProofs.Prove(_node.Store, _index, null);
        using var other = SigningKey.Generate(_node.Store.Origin);
        Assert.False(EntryProofs.Check(InclusionProofFile.Parse(proof.Proof), proof.Entry, other.NoteKey, [], 0, null, _ => { }).IsValid);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(-1)]
    public void Prove_IndexOutsideTheCheckpoint_IsRefused(long index)
    {
        var e = Assert.Throws<NodeException>(() => EntryProofs.Prove(_node.Store, index, null));
        Assert.Contains("is not below the latest checkpoint's size", e.Message);
    }

    [Fact]
    public void Prove_RowOfAPosition_IsRefused()
    {
        var e = Assert.Throws<NodeException>(() => EntryProofs.Prove(_node.Store, _index, 1));
        Assert.Equal($"--row: entry {_index} is a position, not an observation-batch", e.Message);
    }

    [Fact]
    public void Prove_NoCheckpoint_IsRefused()
    {
        using var empty = new RecordNode(Path.Combine(_dir, "empty.db"), Path.Combine(_dir, "keyring.json"));
        _ = empty.LogKeyEntry();
        var e = Assert.Throws<NodeException>(() => EntryProofs.Prove(empty.Store, 0, null));
        Assert.Equal("the record has no checkpoint yet; run 'detente record checkpoint'", e.Message);
    }

    [Fact]
    public void Verify_UntouchedRecord_IsValid_WithAndWithoutATrustedCheckpoint()
    {
        var report = RecordCheck.Verify(Request);
        Assert.True(report.IsValid, string.Join("\n", report.Lines));
        Assert.StartsWith($"verified {_index + 1} entries; checkpoint {_node.Store.Origin}", report.Lines[0]);

        var trusted = RecordCheck.ParseTrusted(Encoding.UTF8.GetBytes(_node.Store.LatestCheckpoint()!.ToString()), "kept.txt");
        var withTrusted = RecordCheck.Verify(Request with { Trusted = trusted });
        Assert.EndsWith($"consistent with the trusted checkpoint of size {_index + 1}", withTrusted.Lines[0]);
    }

    [Fact]
    public void Verify_TrustedCheckpointOfAnotherKey_IsRefused()
    {
        using var other = SigningKey.Generate("other.detente.test/log");
        var note = Detente.Record.Notes.SignedNote.Sign(_node.Store.LatestCheckpoint()!.Text, other);
        var e = Assert.Throws<NodeException>(() => RecordCheck.Verify(Request with { Trusted = note }));
        Assert.StartsWith("--trusted-checkpoint: not signed by the log key", e.Message);
    }

    [Fact]
    public void ParseTrusted_NotACheckpoint_IsRefusedNamingTheFile()
    {
        var e = Assert.Throws<NodeException>(() => RecordCheck.ParseTrusted("hello\n"u8.ToArray(), "kept.txt"));
        Assert.StartsWith("--trusted-checkpoint kept.txt: not a signed checkpoint", e.Message);
    }

    [Fact]
    public void Verify_NoRecord_IsRefused()
    {
        var e = Assert.Throws<NodeException>(() => RecordCheck.Verify(Request with { Connection = Path.Combine(_dir, "none.db") }));
        Assert.StartsWith("no record in ", e.Message);
    }

    [Fact]
    public void ExportTiles_ThenVerifyTheTiles_IsValid()
    {
        var tiles = Path.Combine(_dir, "tiles");
        var (files, size) = RecordCheck.ExportTiles(_node.Store, tiles);
        Assert.True(files > 0);
        Assert.Equal(_index + 1, size);
        var report = RecordCheck.Verify(Request with { Tiles = tiles });
        Assert.True(report.IsValid, string.Join("\n", report.Lines));
    }
}
