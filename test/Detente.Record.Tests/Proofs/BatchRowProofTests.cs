using System.Text;
using Detente.Core;
using Detente.Record;
using Detente.Record.Proofs;
using Detente.Record.Statements;

namespace Detente.Record.Tests.Proofs;

/// <summary>Row proofs of observation batches: every row verifies against the signed digest; any changed byte does not.</summary>
public sealed class BatchRowProofTests
{
    private static readonly string[] Rows =
    [
        """{"area":"RUS","count":100000,"source":"a","time":"2022-01-26","what":"troops"}""",
        """{"area":"BLR","count":30000,"source":"b","time":"2022-02-03","what":"troops"}""",
        """{"area":"RUS","count":160000,"source":"c","time":"2022-02-16","what":"troops"}""",
    ];

    private static byte[] Lines(IEnumerable<string> rows) => Encoding.UTF8.GetBytes(string.Concat(rows.Select(r => r + "\n")));

    // The digest over the bytes as given (ObservationBatch.Digest would canonicalise them first).
    private static Statement Batch(IEnumerable<string> rows, long? count = null)
    {
        var list = rows.ToList();
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Lines(list)));
        return new Statement(StatementKind.ObservationBatch, Some.Pol, Some.StatementKey(Some.Pol).NoteKey.Reference, 1, Some.Now,
            $$"""{"rows":{{count ?? list.Count}},"sha256":"{{digest}}"}""");
    }

    [Fact]
    public void Verify_EveryRow_ReturnsItsCanonicalBytes_AndSurvivesTheTextRoundTrip()
    {
        var batch = Batch(Rows);
        for (var r = 1; r <= Rows.Length; r++)
        {
            var proof = BatchRowProof.Parse(new BatchRowProof(r, Lines(Rows)).ToBytes());
            var check = proof.Verify(batch);
            Assert.True(check.IsValid, check.Problem);
            Assert.Equal(Rows[r - 1], Encoding.UTF8.GetString(check.Row.Span));
        }
    }

    [Fact]
    public void Verify_AnyByteOfTheRowsChanged_Fails()
    {
        var batch = Batch(Rows);
        var lines = Lines(Rows);
        for (var i = 0; i < lines.Length; i++)
        {
            var changed = (byte[])lines.Clone();
            changed[i] ^= 0x01;
            Assert.False(new BatchRowProof(1, changed).Verify(batch).IsValid, $"byte {i} changed");
        }
    }

    [Fact]
    public void Verify_RowsReorderedOrDropped_Fails()
    {
        var batch = Batch(Rows);
        Assert.Contains("hash to", new BatchRowProof(1, Lines(Rows.Reverse())).Verify(batch).Problem);
        Assert.Contains("hash to", new BatchRowProof(1, Lines(Rows.Take(2))).Verify(batch).Problem);
    }

    [Fact]
    public void Verify_StatementWithAnotherRowCount_Fails()
    {
        Assert.Contains("binds 4", new BatchRowProof(1, Lines(Rows)).Verify(Batch(Rows, count: 4)).Problem);
    }

    [Fact]
    public void Verify_NonCanonicalRowsThatTheMonitorSigned_Fail()
    {
        // A digest over rows with a space: the bytes match, but the row is not the canonical JSON the importer writes.
        string[] rows = ["""{"a": 1}"""];
        Assert.Contains("not canonical JSON", new BatchRowProof(1, Lines(rows)).Verify(Batch(rows)).Problem);
    }

    [Theory]
    [InlineData("detente.local/batch-row-proof@v1\nrow 1\nrows 1\n\n{\"a\":1}", "line 3")]
    [InlineData("detente.local/batch-row-proof@v1\nrow -1\nrows 1\n\n{\"a\":1}\n", "line 2")]
    [InlineData("detente.local/batch-row-proof@v1\nrow 1\nrows 1\nx\n{\"a\":1}\n", "line 4")]
    [InlineData("detente.local/batch-row-proof@v2\nrow 1\nrows 1\n\n{\"a\":1}\n", "line 1")]
    [InlineData("", "line 1")]
    public void Parse_Malformed_NamesTheLine(string text, string line)
    {
        var e = Assert.Throws<RecordFormatException>(() => BatchRowProof.Parse(Encoding.UTF8.GetBytes(text)));
        Assert.Contains(line, e.Message);
    }
}
