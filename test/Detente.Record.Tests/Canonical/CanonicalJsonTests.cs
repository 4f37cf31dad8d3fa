using System.Text;
using Detente.Record.Canonical;

namespace Detente.Record.Tests.Canonical;

public sealed class CanonicalJsonTests
{
    // RFC 8785 Appendix B: IEEE 754 bit patterns and their ECMAScript serialisation.
    [Theory]
    [InlineData(0x0000000000000000UL, "0")]
    [InlineData(0x8000000000000000UL, "0")]
    [InlineData(0x0000000000000001UL, "5e-324")]
    [InlineData(0x8000000000000001UL, "-5e-324")]
    [InlineData(0x7fefffffffffffffUL, "1.7976931348623157e+308")]
    [InlineData(0xffefffffffffffffUL, "-1.7976931348623157e+308")]
    [InlineData(0x4340000000000000UL, "9007199254740992")]
    [InlineData(0xc340000000000000UL, "-9007199254740992")]
    [InlineData(0x4430000000000000UL, "295147905179352830000")]
    [InlineData(0x44b52d02c7e14af5UL, "9.999999999999997e+22")]
    [InlineData(0x44b52d02c7e14af6UL, "1e+23")]
    [InlineData(0x44b52d02c7e14af7UL, "1.0000000000000001e+23")]
    [InlineData(0x444b1ae4d6e2ef4eUL, "999999999999999700000")]
    [InlineData(0x444b1ae4d6e2ef4fUL, "999999999999999900000")]
    [InlineData(0x444b1ae4d6e2ef50UL, "1e+21")]
    [InlineData(0x3eb0c6f7a0b5ed8cUL, "9.999999999999997e-7")]
    [InlineData(0x3eb0c6f7a0b5ed8dUL, "0.000001")]
    [InlineData(0x41b3de4355555553UL, "333333333.3333332")]
    [InlineData(0x41b3de4355555554UL, "333333333.33333325")]
    [InlineData(0x41b3de4355555555UL, "333333333.3333333")]
    [InlineData(0x41b3de4355555556UL, "333333333.3333334")]
    [InlineData(0x41b3de4355555557UL, "333333333.33333343")]
    [InlineData(0xbecbf647612f3696UL, "-0.0000033333333333333333")]
    [InlineData(0x43143ff3c1cb0959UL, "1424953923781206.2")]
    public void FormatNumber_Rfc8785AppendixB_MatchesEcmaScript(ulong bits, string expected)
    {
        Assert.Equal(expected, CanonicalJson.FormatNumber(BitConverter.UInt64BitsToDouble(bits)));
    }

    [Theory]
    [InlineData("1e21", "1e+21")]
    [InlineData("1e-7", "1e-7")]
    [InlineData("-0", "0")]
    [InlineData("-0.0e5", "0")]
    [InlineData("5e-324", "5e-324")]
    [InlineData("100", "100")]
    [InlineData("1E2", "100")]
    [InlineData("0.1", "0.1")]
    [InlineData("123e-20", "1.23e-18")]
    [InlineData("1e-400", "0")]
    public void Canonicalize_NumberLiterals_SerialiseAsEcmaScript(string input, string expected)
    {
        Assert.Equal(expected, Canon(input));
    }

    [Fact]
    public void Canonicalize_Rfc8785MainExample_MatchesExpectedBytes()
    {
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string expected =
            """{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}""";
        Assert.Equal(expected, Canon(input));
    }

    [Fact]
    public void Canonicalize_MemberNames_SortedByUtf16CodeUnits()
    {
        const string input = """
            {"\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew", "1": "One",
             "\ud83d\ude00": "Emoji", "\u0080": "Control", "\u00f6": "o umlaut"}
            """;
        var output = Canon(input);
        var order = new[] { "\"\\r\"", "\"1\"", "\"\u0080\"", "\"\u00f6\"", "\"\u20ac\"", "\"\U0001F600\"", "\"\ufb33\"" };
        var positions = order.Select(k => output.IndexOf(k, StringComparison.Ordinal)).ToArray();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order().ToArray(), positions);
    }

    // Bad inputs tried: duplicate key (also via escapes), lone high and low surrogates, overlong and truncated UTF-8,
    // overflow to infinity, NaN/Infinity literals, leading zeros, trailing comma, trailing data, raw control character, BOM.
    [Theory]
    [InlineData("""{"a":1,"a":2}""", 7, "duplicate")]
    [InlineData("""{"a":1,"\u0061":2}""", 7, "duplicate")]
    [InlineData("""["\ud800"]""", 2, "lone surrogate")]
    [InlineData("""["\udc00x"]""", 2, "lone surrogate")]
    [InlineData("""["\ud800\u0041"]""", 2, "lone surrogate")]
    [InlineData("[1e400]", 1, "not finite")]
    [InlineData("[-1e400]", 1, "not finite")]
    [InlineData("[NaN]", 1, "expected a JSON value")]
    [InlineData("[Infinity]", 1, "expected a JSON value")]
    [InlineData("[01]", 2, "leading zeros")]
    [InlineData("[1,]", 3, "expected a JSON value")]
    [InlineData("{} {}", 3, "after the JSON value")]
    [InlineData("[\"a\tb\"]", 3, "control character")]
    [InlineData("{\"a\" 1}", 5, "expected ':'")]
    public void TryCanonicalize_BadInput_ReportsPositionAndReason(string input, long position, string reason)
    {
        Assert.False(CanonicalJson.TryCanonicalize(Encoding.UTF8.GetBytes(input), out _, out var error));
        Assert.Equal(position, error.Position);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x22, 0xC0, 0xAF, 0x22 }, 1)] // overlong '/'
    [InlineData(new byte[] { 0x22, 0xE2, 0x82, 0x22 }, 1)] // truncated 3-byte sequence
    [InlineData(new byte[] { 0x22, 0xED, 0xA0, 0x80, 0x22 }, 1)] // UTF-8-encoded surrogate
    [InlineData(new byte[] { 0x22, 0x61, 0xFF, 0x22 }, 2)] // 0xFF never occurs in UTF-8
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x7B, 0x7D }, 0)] // byte-order mark
    public void TryCanonicalize_InvalidUtf8_ReportsPosition(byte[] input, long position)
    {
        Assert.False(CanonicalJson.TryCanonicalize(input, out _, out var error));
        Assert.Equal(position, error.Position);
    }

    [Fact]
    public void Canonicalize_BadInput_ThrowsWithPosition()
    {
        var e = Assert.Throws<RecordFormatException>(() => CanonicalJson.Canonicalize("""{"x":[1,2,}"""));
        Assert.Equal(10, e.Position);
    }

    [Fact]
    public void IsCanonical_Whitespace_ReportsFirstDifference()
    {
        Assert.False(CanonicalJson.IsCanonical("""{"a": 1}"""u8, out var error));
        Assert.Equal(5, error.Position);
        Assert.True(CanonicalJson.IsCanonical("""{"a":1,"b":[true,"\u001f"]}"""u8, out _));
    }

    [Fact]
    public void IsCanonical_UnsortedKeysOrLongNumber_IsFalse()
    {
        Assert.False(CanonicalJson.IsCanonical("""{"b":1,"a":2}"""u8, out _));
        Assert.False(CanonicalJson.IsCanonical("[1.0]"u8, out _));
        Assert.False(CanonicalJson.IsCanonical("""["\/"]"""u8, out _));
    }

    [Fact]
    public void Canonicalize_DeepNesting_RejectedBeyondLimit()
    {
        var deep = new string('[', CanonicalJson.MaxDepth + 1) + new string(']', CanonicalJson.MaxDepth + 1);
        Assert.False(CanonicalJson.TryCanonicalize(Encoding.ASCII.GetBytes(deep), out _, out var error));
        Assert.Contains("deeper", error.Message, StringComparison.Ordinal);
    }

    private static string Canon(string json) => Encoding.UTF8.GetString(CanonicalJson.Canonicalize(json));
}
