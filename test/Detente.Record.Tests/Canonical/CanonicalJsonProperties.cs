using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Detente.Record.Canonical;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Detente.Record.Tests.Canonical;

/// <summary>A random JSON document, built as a node tree so it can be written in several equivalent ways.</summary>
public sealed record JsonDocumentSample(JsonNode? Root)
{
    public override string ToString() => Root?.ToJsonString() ?? "null";
}

public static class JsonSamples
{
    public static Arbitrary<JsonDocumentSample> Documents() =>
        Gen.Sized(size => Value(Math.Min(size, 12), 3)).Select(n => new JsonDocumentSample(n)).ToArbitrary();

    private static Gen<JsonNode?> Value(int size, int depth)
    {
        var scalar = Gen.OneOf(
            Gen.Constant<JsonNode?>(null),
            ArbMap.Default.GeneratorFor<bool>().Select(b => (JsonNode?)JsonValue.Create(b)),
            ArbMap.Default.GeneratorFor<NormalFloat>().Select(f => (JsonNode?)JsonValue.Create(f.Get)),
            ArbMap.Default.GeneratorFor<long>().Select(l => (JsonNode?)JsonValue.Create(l / 1024)),
            Text().Select(s => (JsonNode?)JsonValue.Create(s)));
        if (depth == 0)
        {
            return scalar;
        }

        var array = ListOf(Value(size / 2, depth - 1), Math.Max(0, size / 2))
            .Select(items => (JsonNode?)new JsonArray([.. items]));
        var obj = ListOf(Text().Zip(Value(size / 2, depth - 1)), Math.Max(0, size / 2))
            .Select(pairs =>
            {
                var o = new JsonObject();
                foreach (var (k, v) in pairs)
                {
                    o[k] = v;
                }

                return (JsonNode?)o;
            });
        return Gen.Frequency((3, scalar), (1, array), (1, obj));
    }

    private static Gen<List<T>> ListOf<T>(Gen<T> item, int max) =>
        Gen.Choose(0, max).SelectMany(n => item.ListOf(n));

    // Strings drawn from a mix of ASCII, escapes, BMP letters and astral characters (valid pairs only).
    private static Gen<string> Text() =>
        ListOf(Gen.Elements("a", "Z", "0", " ", "\"", "\\", "/", "\n", "\u0001", "\u007f", "é", "€", "\ufb33", "😀", "\u2028"), 6)
            .Select(parts => string.Concat(parts));
}

[Properties(Arbitrary = [typeof(JsonSamples)], MaxTest = 200)]
public sealed class CanonicalJsonProperties
{
    [Property]
    public bool Canonicalize_IsIdempotent(JsonDocumentSample sample)
    {
        var once = CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(sample.ToString()));
        var twice = CanonicalJson.Canonicalize(once);
        return once.AsSpan().SequenceEqual(twice) && CanonicalJson.IsCanonical(once, out _);
    }

    [Property]
    public bool Canonicalize_IgnoresLayoutAndEscaping(JsonDocumentSample sample)
    {
        var compact = sample.ToString();
        var pretty = sample.Root?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? "null";
        return CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(compact))
            .AsSpan()
            .SequenceEqual(CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(pretty)));
    }

    // IsCanonical has a single-pass fast path; it must agree with "canonicalising changes nothing" on the sample, its indented form,
    // its canonical form, and every one-byte mutation of the canonical form (digits, signs, exponents, quotes, escapes, spaces,
    // a high byte) — the bad inputs a fast path is most likely to wave through.
    [Property]
    public bool IsCanonical_AgreesWithCanonicalize(JsonDocumentSample sample)
    {
        var canonical = CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(sample.ToString()));
        var inputs = new List<byte[]>
        {
            Encoding.UTF8.GetBytes(sample.ToString()),
            Encoding.UTF8.GetBytes(sample.Root?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? "null"),
            canonical,
        };
        byte[] replacements = [(byte)'0', (byte)'1', (byte)'-', (byte)'e', (byte)'.', (byte)'"', (byte)'\\', (byte)' ', (byte)'a', (byte)'u', 0xC3];
        for (var i = 0; i < canonical.Length; i++)
        {
            foreach (var r in replacements)
            {
                var mutated = (byte[])canonical.Clone();
                mutated[i] = r;
                inputs.Add(mutated);
            }
        }

        return inputs.All(input =>
            CanonicalJson.IsCanonical(input, out _)
            == (CanonicalJson.TryCanonicalize(input, out var c, out _) && c.AsSpan().SequenceEqual(input)));
    }

    [Property]
    public bool FormatNumber_RoundTripsEveryFiniteDouble(NormalFloat value)
    {
        var text = CanonicalJson.FormatNumber(value.Get);
        return double.Parse(text, CultureInfo.InvariantCulture) == value.Get;
    }
}
