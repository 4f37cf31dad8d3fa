using Detente.Record.Notes;
using Detente.Record.Proofs;
using Detente.Record.Tests.Tiles;

namespace Detente.Record.Tests.Proofs;

public sealed class InclusionProofFileTests
{
    [Fact]
    public void Create_Format_Parse_Verify_RoundTrip()
    {
        using var logKey = Some.LogKey();
        using var witness = Some.WitnessKey();
        var log = TileTests.Log(21);
        var checkpoint = new Checkpoint(logKey.Name, 21, log.RootHash(21));
        var note = checkpoint.Sign(logKey).WithSignature(Cosignature.Sign(witness, checkpoint.ToText(), 1_800_000_000));
        var proof = InclusionProofFile.Create(log, 13, note, [1, 2, 3]);
        var text = proof.ToString();

        Assert.StartsWith("c2sp.org/tlog-proof@v1\nextra AQID\nindex 13\n", text, StringComparison.Ordinal);
        Assert.Contains("\n\nlog.detente.test\n21\n", text, StringComparison.Ordinal);
        var parsed = InclusionProofFile.Parse(text);
        Assert.Equal(proof, parsed);
        var check = parsed.Verify(log.Entry(13), logKey.Name, [logKey.NoteKey], [witness.CosignerKey], witnessQuorum: 1);
        Assert.True(check.IsValid, check.ToString());
        Assert.Equal(1, check.Cosigners);
    }

    // Bad inputs tried: another entry, another origin, a missing witness, an unrelated log key.
    [Fact]
    public void Verify_WrongEntryOriginQuorumOrKey_Fails()
    {
        using var logKey = Some.LogKey();
        using var stranger = Some.WitnessKey(9);
        var log = TileTests.Log(5);
        var proof = InclusionProofFile.Create(log, 2, new Checkpoint(logKey.Name, 5, log.RootHash(5)).Sign(logKey));

        Assert.True(proof.Verify(log.Entry(2), logKey.Name, [logKey.NoteKey]).IsValid);
        Assert.Contains("does not lead to the root", proof.Verify(log.Entry(3), logKey.Name, [logKey.NoteKey]).Problem, StringComparison.Ordinal);
        Assert.Contains("not 'other.log'", proof.Verify(log.Entry(2), "other.log", [logKey.NoteKey]).Problem, StringComparison.Ordinal);
        Assert.Contains("0 trusted witnesses", proof.Verify(log.Entry(2), logKey.Name, [logKey.NoteKey], [stranger.CosignerKey], 1).Problem,
            StringComparison.Ordinal);
        Assert.False(proof.Verify(log.Entry(2), logKey.Name, [stranger.NoteKey]).IsValid);
    }

    // Bad inputs tried: wrong header, missing index, leading zero index, a proof line that is not a hash, no blank line.
    [Theory]
    [InlineData("c2sp.org/tlog-proof@v2\nindex 1\n\n", "must start with")]
    [InlineData("c2sp.org/tlog-proof@v1\nextra AQID\n\n", "line 3")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 01\n\n", "leading zeros")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 1\nnot-a-hash\n\n", "line 3")]
    public void Parse_Malformed_NamesTheLine(string text, string expected)
    {
        var e = Assert.Throws<RecordFormatException>(() => InclusionProofFile.Parse(text + "x\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n— x AAAAAAA=\n"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoEmptyLine_Rejected()
    {
        var e = Assert.Throws<RecordFormatException>(() => InclusionProofFile.Parse("c2sp.org/tlog-proof@v1\nindex 1\n"));
        Assert.Contains("no empty line", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConsistencyProof_BetweenCheckpoints_Verifies()
    {
        using var logKey = Some.LogKey();
        var log = TileTests.Log(40);
        var older = new Checkpoint(logKey.Name, 17, log.RootHash(17));
        var newer = new Checkpoint(logKey.Name, 40, log.RootHash(40));
        var proof = ConsistencyProof.Create(log, 17, 40);
        Assert.True(proof.Verify(older, newer));
        Assert.False(proof.Verify(new Checkpoint(logKey.Name, 17, log.RootHash(16)), newer));
    }
}
