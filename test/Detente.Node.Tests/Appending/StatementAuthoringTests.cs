using Detente.Core;
using Detente.Node.Appending;
using Detente.Node.Reports.Record;
using Detente.Record.Keys;
using Detente.Record.Statements;

namespace Detente.Node.Tests.Appending;

/// <summary>
/// Statements a person writes through the node (what <c>record append</c> and <c>keys</c> call): the body checks refuse before any key
/// is used, and a refused statement writes nothing. Bad inputs tried: bytes that are not UTF-8 (a broken pair, a truncated sequence),
/// a bad byte after characters of two and three bytes, unterminated JSON, a JSON array, a key name with a space or '+', a duplicate key name, a second enrolment, a revoked key.
/// </summary>
public sealed class StatementAuthoringTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly string _dir = Directory.CreateTempSubdirectory("detente-node-authoring-").FullName;
    private readonly RecordNode _node;

    public StatementAuthoringTests() => _node = new RecordNode(Path.Combine(_dir, "record.db"), Path.Combine(_dir, "keyring.json"));

    public void Dispose()
    {
        _node.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private static readonly PartyId Pol = new("POL");

    [Theory]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}' }, 6)]
    [InlineData(new byte[] { (byte)'{', 0xE2, 0x82 }, 1)]
    [InlineData(new byte[] { (byte)'{', 0xFF, (byte)'}' }, 1)]
    [InlineData(new byte[] { 0xC5, 0x81, 0xE2, 0x80, 0x93, 0xFF }, 5)]
    public void CanonicalBody_InvalidUtf8_NamesTheByte(byte[] body, int offset)
    {
        var e = Assert.Throws<NodeException>(() => StatementAuthoring.CanonicalBody(body, "--body b.json"));
        Assert.Equal($"--body b.json: invalid UTF-8 at byte {offset}", e.Message);
        Assert.Equal(offset, StatementAuthoring.InvalidUtf8Offset(body));
    }

    [Fact]
    public void InvalidUtf8Offset_ValidText_IsTheLength()
    {
        var text = "{\"a\":\"Ł–€😀\"}"u8.ToArray();
        Assert.Equal(text.Length, StatementAuthoring.InvalidUtf8Offset(text));
    }

    [Fact]
    public void CanonicalBody_UnterminatedJson_ReportsLineAndColumn()
    {
        var e = Assert.Throws<NodeException>(() => StatementAuthoring.CanonicalBody("{\n  \"a\": "u8.ToArray(), "--body b.json"));
        Assert.StartsWith("--body b.json:2:", e.Message);
        Assert.Contains("not acceptable JSON", e.Message);
    }

    [Fact]
    public void CanonicalBody_Array_IsRefused()
    {
        var e = Assert.Throws<NodeException>(() => StatementAuthoring.CanonicalBody("[1]"u8.ToArray(), "--body b.json"));
        Assert.Equal("--body b.json: the body must be a JSON object", e.Message);
    }

    [Fact]
    public void CanonicalBody_Object_IsCanonical()
    {
        Assert.Equal("""{"a":1,"b":"x"}""", StatementAuthoring.CanonicalBody("""{ "b": "x", "a": 1 }"""u8.ToArray(), "b"));
    }

    [Fact]
    public void Append_FirstKey_EnrolsItWithTheStatement_ThenIsListed()
    {
        var key = PartyKeys.New(_node, Pol, null);
        Assert.Equal("party.detente.local/POL/1", key.Name);

        var first = StatementAuthoring.Append(_node, StatementKind.Position, Pol, """{"issue":"x"}""", null, Now);
        Assert.Equal(key, first.Enrolled);
        Assert.Equal(1, first.Statement.Sequence);
        var second = StatementAuthoring.Append(_node, StatementKind.Position, Pol, """{"issue":"y"}""", null, Now);
        Assert.Null(second.Enrolled);
        Assert.Equal(first.Index + 1, second.Index);

        var list = StatementList.Build(_node.Store, StatementKind.Position, Pol);
        Assert.Equal([first.Index, second.Index], list.Rows.Select(r => r.Index));
        Assert.Empty(StatementList.Build(_node.Store, StatementKind.Observation, null).Rows);
        Assert.Empty(StatementList.Build(_node.Store, null, new PartyId("RUS")).Rows);
    }

    [Fact]
    public void AppendEntry_Rejected_WritesNothing()
    {
        PartyKeys.New(_node, Pol, null);
        var written = StatementAuthoring.Append(_node, StatementKind.Position, Pol, """{"issue":"x"}""", null, Now);
        var size = _node.Store.Size;

        // The same entry again is a replayed sequence number.
        var e = Assert.Throws<NodeException>(() => StatementAuthoring.AppendEntry(_node, _node.Store.Entry(written.Index)));
        Assert.Contains("SequenceReplayed", e.Message);
        Assert.Equal(size, _node.Store.Size);
        Assert.Equal(0, _node.Store.PendingCount);
    }

    [Fact]
    public void Append_NoKeyForTheParty_IsRefusedNamingTheKeyring()
    {
        var e = Assert.Throws<NodeException>(() => StatementAuthoring.Append(_node, StatementKind.Position, Pol, """{"issue":"x"}""", null, Now));
        Assert.Contains("has no key for POL", e.Message);
    }

    [Theory]
    [InlineData("a b")]
    [InlineData("a+b")]
    [InlineData("")]
    public void NewKey_BadName_IsRefused(string name)
    {
        var e = Assert.Throws<NodeException>(() => PartyKeys.New(_node, Pol, name));
        Assert.StartsWith("--name: ", e.Message);
        Assert.Empty(_node.PartyKeys(Pol));
    }

    [Fact]
    public void NewKey_NameTaken_IsRefused_AndNextNameSkipsIt()
    {
        PartyKeys.New(_node, Pol, "party.detente.local/POL/2");
        Assert.Equal("party.detente.local/POL/3", PartyKeys.NextName(_node, Pol));
        var e = Assert.Throws<NodeException>(() => PartyKeys.New(_node, Pol, "party.detente.local/POL/2"));
        Assert.Contains("already holds a key named", e.Message);
    }

    [Fact]
    public void Rotate_RetiresTheKey_ThenRevokingTheLastKeyLeavesNoneToSignWith()
    {
        var first = PartyKeys.New(_node, Pol, null);
        StatementAuthoring.Append(_node, StatementKind.Position, Pol, """{"issue":"x"}""", null, Now);
        var (retired, fresh) = PartyKeys.Rotate(_node, Pol, Now);
        Assert.Equal(first.Reference, retired);
        Assert.Equal("party.detente.local/POL/2", fresh.Name);

        // The retired key is not live: the revocation of the new key is signed by the new key itself.
        Assert.Equal(fresh.Reference, PartyKeys.Revoke(_node, Pol, fresh.Reference, Now));
        var size = _node.Store.Size;
        var e = Assert.Throws<NodeException>(() => StatementAuthoring.Append(_node, StatementKind.Position, Pol, """{"issue":"y"}""", null, Now));
        Assert.Contains("is live in the record", e.Message);
        Assert.Equal(size, _node.Store.Size);
    }

    [Fact]
    public void Revoke_NoKeyOfThePartyInTheKeyring_IsRefused()
    {
        using var other = SigningKey.Generate("rus");
        var e = Assert.Throws<NodeException>(() => PartyKeys.Revoke(_node, new PartyId("RUS"), other.NoteKey.Reference, Now));
        Assert.Contains("holds no live key of RUS", e.Message);
    }

    [Fact]
    public void RecordShow_PendingOrMissingIndex_IsRefused_AndAnEntryIsCovered()
    {
        PartyKeys.New(_node, Pol, null);
        var written = StatementAuthoring.Append(_node, StatementKind.Position, Pol, """{"issue":"x"}""", null, Now);
        var keys = RecordStatements.LogKeys([], _node.KeyringPath, _node.Store.Origin);
        Assert.Single(keys);

        var report = StatementReport.Build(_node.Store, written.Index, keys);
        Assert.Equal("valid", report.Signature);
        Assert.True(report.Coverage.Verified);
        Assert.Equal(written.Index, (long)report.ToJson()["index"]!);

        Assert.Contains("is not in the record", Assert.Throws<NodeException>(() => StatementReport.Build(_node.Store, 99, keys)).Message);
        Assert.Contains("is not in the record", Assert.Throws<NodeException>(() => StatementReport.Build(_node.Store, -1, keys)).Message);
        Assert.Contains("no record in", Assert.Throws<NodeException>(() => RecordStatements.Open(Path.Combine(_dir, "none.db"))).Message);
    }
}
