using System.Text;
using Detente.Core;
using Detente.Data.Json;

namespace Detente.Data.Tests.Json;

/// <summary>
/// The one located JSON reader, in both its forms (the streaming <see cref="JsonReader"/> and the <see cref="LocatedJson"/> tree):
/// one byte-order-mark policy, invalid UTF-8 and duplicate members as located errors, columns in characters.
/// </summary>
public sealed class JsonReaderTests
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    // Reads every token with the streaming reader, as the scenario loader does.
    private static void Stream(byte[] bytes, string file = "f.json")
    {
        var r = new JsonReader(JsonInput.Of(bytes, file));
        r.Read();
        r.SkipCurrent();
        r.ExpectEnd();
    }

    private static InputException StreamFails(byte[] bytes) => Assert.Throws<InputException>(() => Stream(bytes));

    private static InputException TreeFails(byte[] bytes) => Assert.Throws<InputException>(() => LocatedJson.Parse(bytes, "f.json"));

    [Fact]
    public void ByteOrderMark_IsAccepted_ByBothReaders()
    {
        var text = Utf8("{\"a\": [1, 2]}");
        Stream([.. Bom, .. text]);
        var tree = LocatedJson.Parse([.. Bom, .. text], "f.json");
        Assert.Equal(2, tree.Required("a").Items.Length);
    }

    [Fact]
    public void ByteOrderMark_IsNotAColumn()
    {
        // Tried: the same bad token with and without a byte-order mark before it, on line 1 where the mark sits.
        var bad = Utf8("{\"a\": x}");
        Assert.Equal("f.json:1:7", StreamFails(bad).Location.ToString());
        Assert.Equal("f.json:1:7", StreamFails([.. Bom, .. bad]).Location.ToString());
        Assert.Equal("f.json:1:7", TreeFails([.. Bom, .. bad]).Location.ToString());
    }

    [Fact]
    public void ByteOrderMark_Twice_IsAnError()
    {
        // Tried: a second mark (U+FEFF) after the first: it is text, and not JSON.
        var e = StreamFails([.. Bom, .. Bom, .. Utf8("{}")]);
        Assert.StartsWith("f.json:1:1: malformed JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8_IsAnError_AtItsLineAndColumn()
    {
        // Tried: a lone 0xFF inside a string on line 2, after a two-byte 'é'; and a truncated three-byte sequence at the end.
        byte[] bad = [.. Utf8("{\n  \"a\": \"é"), 0xFF, .. Utf8("\"}")];
        Assert.StartsWith("f.json:2:10: invalid UTF-8 (byte 0xFF)", StreamFails(bad).Message, StringComparison.Ordinal);
        Assert.StartsWith("f.json:2:10: invalid UTF-8 (byte 0xFF)", TreeFails(bad).Message, StringComparison.Ordinal);
        Assert.StartsWith("f.json:1:8: invalid UTF-8", TreeFails([.. Utf8("{\"a\": \""), 0xE2, 0x82]).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"a\": 1, \"a\": 2}", "1:10", "a")]
    [InlineData("{\"o\": {\"b\": 1,\n \"b\": 2}}", "2:2", "b")]
    [InlineData("[{\"c\": 1}, {\"c\": 1, \"d\": 2, \"d\": 3}]", "1:29", "d")]
    [InlineData("{\"e\\u0301\": 1, \"e\u0301\": 2}", "1:16", "e\u0301")]
    public void DuplicateMember_IsAnError_AtAnyDepth(string json, string at, string name)
    {
        // Tried: the same name twice at the top, nested, in the second object of an array, and once escaped, once not.
        var message = $"f.json:{at}: the member '{name}' appears twice in one object; give each member once";
        Assert.Equal(message, StreamFails(Utf8(json)).Message);
        Assert.Equal(message, TreeFails(Utf8(json)).Message);
    }

    [Fact]
    public void DuplicateMember_InsideASkippedValue_IsStillAnError()
    {
        var r = new JsonReader(JsonInput.Of(Utf8("{\"skip\": {\"x\": 1, \"x\": 2}}"), "f.json"));
        r.ExpectStartObject(null, "an object");
        r.NextProperty();
        InputException? e = null;
        try
        {
            r.SkipValue();
        }
        catch (InputException caught)
        {
            e = caught;
        }

        Assert.Equal("f.json:1:19", e?.Location.ToString());
    }

    [Fact]
    public void Column_AfterMultiByteCharacters_CountsCharacters()
    {
        // 'é' is two bytes and one character; '😀' (U+1F600) is four bytes, two UTF-16 units and one character. The bad token 'x'
        // is the 16th character of the line (17th UTF-16 unit, 19th byte).
        var bad = Utf8("{\"é😀\": 1, \"b\": x}");
        Assert.Equal(new SourceLocation("f.json", 1, 16), StreamFails(bad).Location);
        Assert.Equal(new SourceLocation("f.json", 1, 16), TreeFails(bad).Location);
    }

    [Fact]
    public void Column_OfAMalformedToken_CountsCharacters_NotBytes()
    {
        // System.Text.Json reports a byte position in the line (here the '}' that cuts 'tru' short: byte 15, after three
        // two-byte 'é'); the reader turns it into characters: column 12.
        var e = StreamFails(Utf8("{\"ééé\": tru}"));
        Assert.Equal(new SourceLocation("f.json", 1, 12), e.Location);
    }

    [Fact]
    public void Column_OfACombiningSequence_CountsEachCodePoint()
    {
        // 'e' + U+0301 (combining acute) is two characters, as documented on SourceLocation.
        Assert.Equal(new SourceLocation("f.json", 1, 8), StreamFails(Utf8("{\"e\u0301\": x}")).Location);
    }

    [Fact]
    public void UnknownField_SuggestsTheNearestName_AsTextAndAsData()
    {
        var tree = LocatedJson.Parse(Utf8("{\n  \"qouta\": 3}"), "f.json");
        var e = Assert.Throws<InputException>(() => tree.ExpectObject("quota", "notice"));
        Assert.Equal("f.json:2:12: field 'qouta': unknown field; did you mean 'quota'?; expected one of quota, notice", e.Message);
        Assert.Equal("quota", e.First.Suggestion);
        Assert.Equal("quota, notice", e.First.Expected);
    }

    [Fact]
    public void EmptyInput_IsAnError()
    {
        Assert.Equal("f.json:1:1: the file is empty; expected a JSON value", TreeFails(Utf8(" \n")).Message);
    }

    [Fact]
    public void ContentAfterTheTopLevelValue_IsAnError()
    {
        Assert.StartsWith("f.json:1:4: ", TreeFails(Utf8("{} {}")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FieldPath_NamesArraysAndMembers()
    {
        var tree = LocatedJson.Parse(Utf8("{\"regimes\": [{\"quota\": \"three\"}]}"), "f.json");
        var quota = tree.Required("regimes").Items[0].Required("quota");
        Assert.Equal("regimes[0].quota", quota.Path);
        var e = Assert.Throws<InputException>(() => quota.Int());
        Assert.Equal("f.json:1:24: field 'regimes[0].quota': expected a whole number, found the string \"three\"", e.Message);
    }

    [Fact]
    public void NestingDeeperThan64_IsAnError()
    {
        var deep = Utf8(new string('[', 65) + new string(']', 65));
        Assert.Contains("malformed JSON", StreamFails(deep).Message, StringComparison.Ordinal);
        Assert.Contains("malformed JSON", TreeFails(deep).Message, StringComparison.Ordinal);
    }
}
