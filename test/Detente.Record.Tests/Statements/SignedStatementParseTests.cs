using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;
using Detente.Core;
using Detente.Record.Keys;
using Detente.Record.Statements;

namespace Detente.Record.Tests.Statements;

/// <summary>Reading an entry back: the statement equals the one signed, whichever way the entry is read, and bad fields are refused.</summary>
public sealed class SignedStatementParseTests
{
    [Fact]
    public void Parse_SignedEntry_EqualsTheSignedStatementAndItsSignatureVerifies()
    {
        using var key = Some.StatementKey(Some.Pol);
        var signed = Some.Signed(key, Some.Pol, 7, StatementKind.Observation, """{"note":"Чорноморськ 🚢","count":3}""");

        var parsed = SignedStatement.Parse(signed.Entry.AsSpan());

        Assert.True(parsed.IsAccepted, parsed.ToString());
        var read = parsed.Statement.Statement;
        Assert.Equal(signed.Statement, read);
        Assert.Equal(signed.Statement.GetHashCode(), read.GetHashCode());
        Assert.Equal(signed.Statement.Body, read.Body);
        Assert.Equal(signed.Statement.ToCanonicalJson(), read.ToCanonicalJson());
        Assert.Equal(signed.Statement.SigningBytes(), read.SigningBytes());
        Assert.Equal(3, read.ParseBody().RootElement.GetProperty("count").GetInt32());
        Assert.True(parsed.Statement.VerifySignature(key.NoteKey));
        Assert.Equal(signed, parsed.Statement);
    }

    [Fact]
    public void Parse_OwnedEntry_KeepsTheSameBytesWithoutACopy()
    {
        using var key = Some.StatementKey(Some.Pol);
        var bytes = Some.Signed(key, Some.Pol, 1).Entry.ToArray();

        var parsed = SignedStatement.Parse(ImmutableCollectionsMarshal.AsImmutableArray(bytes));

        Assert.True(parsed.IsAccepted, parsed.ToString());
        Assert.Same(bytes, ImmutableCollectionsMarshal.AsArray(parsed.Statement.Entry));
    }

    [Fact]
    public void VerifySignature_OtherKey_IsFalse()
    {
        using var key = Some.StatementKey(Some.Pol);
        using var other = Some.StatementKey(Some.Pol, generation: 2);
        var parsed = SignedStatement.Parse(Some.Signed(key, Some.Pol, 1).Entry.AsSpan());

        Assert.False(parsed.Statement!.VerifySignature(other.NoteKey));
    }

    [Theory]
    [InlineData("2026-11-22T13:00:00Z", "2026-02-30T13:00:00Z")] // no such day
    [InlineData("2026-11-22T13:00:00Z", "2026-11-22T24:00:00Z")] // no such hour
    [InlineData("2026-11-22T13:00:00Z", "2026-11-22T13:60:00Z")]
    [InlineData("2026-11-22T13:00:00Z", "2026-11-22T13:00:60Z")]
    [InlineData("2026-11-22T13:00:00Z", "0000-11-22T13:00:00Z")] // year 0
    [InlineData("2026-11-22T13:00:00Z", "2026-11-22 13:00:00Z")]
    [InlineData("2026-11-22T13:00:00Z", "2026-11-22T13:00:00+00:00")]
    [InlineData("2026-11-22T13:00:00Z", "2026-11-22T13:00:00.5Z")]
    [InlineData("2026-11-22T13:00:00Z", "2026-11-22T13:00Z")]
    [InlineData("2026-11-22T13:00:00Z", "2026-1-22T13:00:00Z")]
    [InlineData("2026-11-22T13:00:00Z", "２026-11-22T13:00:00Z")] // a full-width digit
    [InlineData("\"author\":\"POL\"", "\"author\":\"pol\"")]
    [InlineData("\"author\":\"POL\"", "\"author\":\"P\"")]
    [InlineData("\"author\":\"POL\"", "\"author\":1")]
    [InlineData("\"kind\":\"position\"", "\"kind\":\"Position\"")]
    [InlineData(".detente.test/statements/1+", ".detente.test/statements/1+0")] // nine hex digits
    public void Parse_BadEnvelopeField_RejectedAsBefore(string find, string replace)
    {
        using var key = Some.StatementKey(Some.Pol);
        var text = Encoding.UTF8.GetString(Some.Signed(key, Some.Pol, 1).Entry.AsSpan());
        Assert.Contains(find, text, StringComparison.Ordinal);

        var parsed = SignedStatement.Parse(Encoding.UTF8.GetBytes(text.Replace(find, replace, StringComparison.Ordinal)));

        Assert.False(parsed.IsAccepted);
        Assert.Contains(parsed.Error, new StatementError?[] { StatementError.Malformed, StatementError.UnknownKind, StatementError.NotCanonical });
    }

    [Fact]
    public void Parse_SignatureNotCanonicalBase64_Rejected()
    {
        using var key = Some.StatementKey(Some.Pol);
        var text = Encoding.UTF8.GetString(Some.Signed(key, Some.Pol, 1).Entry.AsSpan());
        var sig = text.IndexOf("\"sig\":\"", StringComparison.Ordinal) + 7;
        // The last character before "==" carries 4 unused bits: setting one decodes to the same 64 bytes, but is not what was signed.
        var last = sig + 85;
        var changed = text[last] switch { 'A' => 'B', 'Q' => 'R', 'g' => 'h', 'w' => 'x', _ => text[last] };
        Assert.NotEqual(text[last], changed);

        var parsed = SignedStatement.Parse(Encoding.UTF8.GetBytes(text[..last] + changed + text[(last + 1)..]));

        Assert.Equal(StatementError.Malformed, parsed.Error);
    }

    [Fact]
    public void Parse_MoreDistinctAuthorsAndKeysThanAThreadKeeps_ReadsEveryOne()
    {
        // 300 parties, each with its own key: beyond the 256 words one thread keeps, entries are still read in full.
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 300; i++)
            {
                var party = new PartyId($"P{i:D3}");
                using var key = SigningKey.Demo($"p{i}.detente.test/statements/1");
                var signed = Some.Signed(key, party, 1);

                var parsed = SignedStatement.Parse(signed.Entry.AsSpan());

                Assert.True(parsed.IsAccepted, parsed.ToString());
                Assert.Equal(party, parsed.Statement.Statement.Author);
                Assert.Equal(key.NoteKey.Reference, parsed.Statement.Statement.Key);
                Assert.True(parsed.Statement.VerifySignature(key.NoteKey));
            }
        }
    }
}
