using Detente.Record.Keys;
using Detente.Record.Merkle;
using Detente.Record.Notes;

namespace Detente.Record.Tests.Notes;

public sealed class CheckpointHistoryTests
{
    private static readonly MerkleHash Root = RecordHashing.LeafHash("root"u8);

    [Fact]
    public void Parse_OfText_IsIdentity()
    {
        var history = new CheckpointHistory("log.example/test", 3, CheckpointHistory.Extend(CheckpointHistory.Empty, "a\n1\nb\n"), Root);
        Assert.Equal(history, CheckpointHistory.Parse(history.ToText()));
    }

    [Fact]
    public void SignedHistory_NeverParsesAsACheckpoint()
    {
        using var key = SigningKey.Demo("log.example/test");
        var note = new CheckpointHistory("log.example/test", 1, CheckpointHistory.Empty, Root).Sign(key);
        Assert.True(note.Verify([key.NoteKey]).IsVerified);
        Assert.Throws<RecordFormatException>(() => Checkpoint.Parse(note.Text));
    }

    [Fact]
    public void Extend_DependsOnOrderAndOnEveryCheckpoint()
    {
        var ab = CheckpointHistory.Extend(CheckpointHistory.Extend(CheckpointHistory.Empty, "a\n"), "b\n");
        var ba = CheckpointHistory.Extend(CheckpointHistory.Extend(CheckpointHistory.Empty, "b\n"), "a\n");
        var b = CheckpointHistory.Extend(CheckpointHistory.Empty, "b\n");
        Assert.NotEqual(ab, ba);
        Assert.NotEqual(ab, b);
    }

    [Fact]
    public void EnrolmentDigest_IgnoresInputOrder_ButNotAPosition()
    {
        (long, string, string, string)[] rows = [(0, "a+1", "POL", "ka"), (4, "b+2", "RUS", "kb")];
        Assert.Equal(CheckpointHistory.EnrolmentDigest(rows), CheckpointHistory.EnrolmentDigest(rows.Reverse()));
        Assert.NotEqual(CheckpointHistory.EnrolmentDigest(rows), CheckpointHistory.EnrolmentDigest([(0, "a+1", "POL", "ka"), (3, "b+2", "RUS", "kb")]));
    }

    // Bad inputs tried: a checkpoint's text, four lines, a count that is not a number, a chain that is not 32 bytes of base64.
    [Theory]
    [InlineData("log.example/test\n3\nAAAA\n")]
    [InlineData("detente checkpoint history v1\norigin x\ncheckpoints 1\nchain AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")]
    [InlineData("detente checkpoint history v1\norigin x\ncheckpoints one\nchain AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\nenrolments AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")]
    [InlineData("detente checkpoint history v1\norigin x\ncheckpoints 1\nchain AAAA\nenrolments AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")]
    public void Parse_NotAHistory_Throws(string text) => Assert.Throws<RecordFormatException>(() => CheckpointHistory.Parse(text));
}
