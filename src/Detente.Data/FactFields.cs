using System.Text.Json;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Detente.Core;
using Detente.Data.Json;

namespace Detente.Data;

/// <summary>
/// The values of the scenario format read with the <see cref="JsonReader"/>: enumerations, ids, parties, coordinates,
/// citations and quantities, each resolved against the scenario read so far and failing at its line, column and field.
/// </summary>
internal static class FactFields
{
    public static T ReadEnum<T>(this ref JsonReader r, string field, WordMap<T> values)
        where T : struct, Enum
    {
        r.Read();
        if (r.TokenType == JsonTokenType.String && !r.ValueIsEscaped && values.TryGet(r.ValueSpan, out var found))
        {
            return found;
        }

        if (r.TokenType != JsonTokenType.String)
        {
            throw r.Fail(field, $"expected one of: {string.Join(", ", values.Keys)}; found {r.Describe()}");
        }

        var text = r.CurrentString();
        if (values.TryGetValue(text, out var value))
        {
            return value;
        }

        var near = Messages.Nearest(text, values.Keys);
        throw r.Fail(field, $"'{text}' is not allowed; expected one of: {string.Join(", ", values.Keys)}" + (near is null ? "" : $" (did you mean '{near}'?)"));
    }

    public static string ReadSlug(this ref JsonReader r, string field, string what)
    {
        var text = r.ReadString(field);
        return Slug.IsValid(text)
            ? text
            : throw r.Fail(field, $"'{Messages.Clip(text)}' is not a valid {what} id; expected lower-case letters, digits, '-', '.' or '_'");
    }

    /// <summary>Reads a party code and resolves it against the known parties (interned).</summary>
    public static PartyId ReadParty(this ref JsonReader r, string field, ScenarioContext context)
    {
        r.Read();
        return r.CurrentParty(field, context);
    }

    public static PartyId CurrentParty(this ref JsonReader r, string field, ScenarioContext context)
    {
        if (r.TokenType != JsonTokenType.String)
        {
            throw r.Fail(field, $"expected a party code like \"POL\" or \"NATO\", found {r.Describe()}");
        }

        Span<char> chars = stackalloc char[32];
        if (!r.ValueIsEscaped && r.ValueSpan.Length <= 32
            && Encoding.UTF8.TryGetChars(r.ValueSpan, chars, out var written)
            && context.TryGetParty(chars[..written], out var party))
        {
            return party;
        }

        var text = r.CurrentString();
        if (context.TryGetParty(text, out party))
        {
            return party;
        }

        throw r.Fail(field, PartyId.IsValidCode(text)
            ? Messages.Unknown("party", text, context.PartyCodes)
            : $"'{Messages.Clip(text)}' is not a party code; expected 2 to 24 upper-case letters, digits or '-' (e.g. \"POL\", \"NATO\")");
    }

    public static ImmutableArray<PartyId> ReadParties(this ref JsonReader r, string field, ScenarioContext context)
    {
        r.ExpectStartArray(field, "a list of party codes");
        var builder = ImmutableArray.CreateBuilder<PartyId>();
        while (r.NextElement())
        {
            var party = r.CurrentParty($"{field}[{builder.Count}]", context);
            if (builder.Contains(party))
            {
                throw r.Fail($"{field}[{builder.Count}]", $"'{party}' is listed twice");
            }

            builder.Add(party);
        }

        return builder.ToImmutable();
    }

    public static GeoPoint ReadPoint(this ref JsonReader r, string field)
    {
        r.ExpectStartObject(field, "coordinates like {\"lat\": 44.08, \"lon\": 24.38}");
        var start = r.TokenStart;
        double? lat = null, lon = null;
        while (r.NextProperty())
        {
            if (r.Is("lat"u8))
            {
                lat = r.ReadNumber($"{field}.lat");
                if (lat is < -90 or > 90)
                {
                    throw r.Fail($"{field}.lat", $"{lat.Value.ToString(CultureInfo.InvariantCulture)} is out of range; expected a latitude in [-90, 90]");
                }
            }
            else if (r.Is("lon"u8))
            {
                lon = r.ReadNumber($"{field}.lon");
                if (lon is < -180 or > 180)
                {
                    throw r.Fail($"{field}.lon", $"{lon.Value.ToString(CultureInfo.InvariantCulture)} is out of range; expected a longitude in [-180, 180]");
                }
            }
            else
            {
                throw r.UnknownField(field + ".", ["lat", "lon"]);
            }
        }

        return lat is { } la && lon is { } lo
            ? new GeoPoint(la, lo)
            : throw r.FailAt(start, field, $"missing '{(lat is null ? "lat" : "lon")}'");
    }

    /// <summary>Reads a list of citations: source ids or objects with <c>ref</c> and <c>locator</c>.</summary>
    public static ImmutableArray<SourceRef> ReadSources(this ref JsonReader r, string field, ScenarioContext context)
    {
        r.ExpectStartArray(field, "a list of sources");
        ImmutableArray<SourceRef>.Builder? builder = null;
        SourceRef? single = null;
        var count = 0;
        while (r.NextElement())
        {
            var item = r.ReadSourceRef(field, count, context);
            if (count == 0)
            {
                single = item;
            }
            else
            {
                builder ??= ImmutableArray.CreateBuilder<SourceRef>();
                if (builder.Count == 0)
                {
                    builder.Add(single!.Value);
                }

                builder.Add(item);
            }

            count++;
        }

        return count switch
        {
            0 => throw r.Fail(field, "expected at least one source"),
            1 => single!.Value.Locator is null ? context.SingleSource(single.Value.Source) : [single.Value],
            _ => builder!.ToImmutable(),
        };
    }

    private static SourceRef ReadSourceRef(this ref JsonReader r, string field, int index, ScenarioContext context)
    {
        if (r.TokenType == JsonTokenType.String)
        {
            return new SourceRef(r.CurrentSource(field, index, context));
        }

        if (r.TokenType != JsonTokenType.StartObject)
        {
            throw r.Fail($"{field}[{index}]", $"expected a source id or {{\"ref\": ..., \"locator\": ...}}, found {r.Describe()}");
        }

        var start = r.TokenStart;
        SourceId? source = null;
        string? locator = null;
        while (r.NextProperty())
        {
            if (r.Is("ref"u8))
            {
                r.Read();
                source = r.CurrentSource(field, index, context, ".ref");
            }
            else if (r.Is("locator"u8))
            {
                locator = r.ReadString($"{field}[{index}].locator");
            }
            else
            {
                throw r.UnknownField($"{field}[{index}].", ["ref", "locator"]);
            }
        }

        return source is { } s ? new SourceRef(s, locator) : throw r.FailAt(start, $"{field}[{index}]", "missing 'ref' (the source id)");
    }

    private static SourceId CurrentSource(this ref JsonReader r, string field, int index, ScenarioContext context, string suffix = "")
    {
        if (r.TokenType != JsonTokenType.String)
        {
            throw r.Fail($"{field}[{index}]{suffix}", $"expected a source id, found {r.Describe()}");
        }

        Span<char> chars = stackalloc char[100];
        if (!r.ValueIsEscaped && r.ValueSpan.Length <= 100
            && Encoding.UTF8.TryGetChars(r.ValueSpan, chars, out var written)
            && context.TryGetSource(chars[..written], out var found))
        {
            return found;
        }

        var text = r.CurrentString();
        return context.TryGetSource(text, out var source)
            ? source
            : throw r.Fail($"{field}[{index}]{suffix}", Messages.Unknown("source", text, context.SourceIds));
    }

    /// <summary>Reads a quantity: a number, a range object, or an object with competing claims.</summary>
    /// <param name="r">The reader, before the quantity.</param>
    /// <param name="field">The field, for errors.</param>
    /// <param name="context">The scenario's sources and parties.</param>
    /// <param name="counts">True when the quantity counts things (troops, launchers): whole and at most <see cref="Counts.Max"/>;
    /// false for a measure such as a range in km (finite, not negative, at most <see cref="MaxMeasure"/>).</param>
    public static Quantity ReadQuantity(this ref JsonReader r, string field, ScenarioContext context, bool counts = true)
    {
        r.Read();
        if (r.TokenType == JsonTokenType.Number)
        {
            return Quantity.Of(r.CheckCount(field, r.CurrentNumber(field), counts));
        }

        if (r.TokenType != JsonTokenType.StartObject)
        {
            throw r.Fail(field, $"expected a number, a range {{\"min\": ..., \"max\": ...}} or {{\"claims\": [...]}}, found {r.Describe()}");
        }

        var start = r.TokenStart;
        if (!r.NextProperty())
        {
            throw r.FailAt(start, field, "expected 'value', 'min', 'max' or 'claims'");
        }

        if (r.Is("claims"u8))
        {
            r.ExpectStartArray(field + ".claims", "a list of claims");
            var claims = ImmutableArray.CreateBuilder<Claim>();
            while (r.NextElement())
            {
                if (r.TokenType != JsonTokenType.StartObject)
                {
                    throw r.Fail($"{field}.claims[{claims.Count}]", $"expected a claim object, found {r.Describe()}");
                }

                claims.Add(r.ReadClaimBody($"{field}.claims[{claims.Count}]", context, counts, allowEvidence: true));
            }

            if (claims.Count == 0)
            {
                throw r.Fail(field + ".claims", "expected at least one claim");
            }

            if (r.NextProperty())
            {
                throw r.UnknownField(field + ".", ["claims"]);
            }

            return Quantity.FromClaims(claims.ToImmutable());
        }

        // A single claim written inline: the first property is already read.
        return Quantity.FromClaims([r.ReadClaimBody(field, context, counts, allowEvidence: false, alreadyInside: true, start: start)]);
    }

    private static Claim ReadClaimBody(this ref JsonReader r, string field, ScenarioContext context, bool counts, bool allowEvidence, bool alreadyInside = false, long start = -1)
    {
        if (!alreadyInside)
        {
            start = r.TokenStart;
        }

        double? value = null, min = null, max = null;
        PartyId? by = null;
        ImmutableArray<SourceRef> sources = default;
        Confidence? confidence = null;
        int? credibility = null;
        string? note = null;
        string[] known = allowEvidence
            ? ["value", "min", "max", "by", "sources", "confidence", "credibility", "note"]
            : ["value", "min", "max", "by", "note"];
        var first = alreadyInside;
        while (first || r.NextProperty())
        {
            first = false;
            if (r.Is("value"u8)) value = r.ReadCount(field + ".value", counts);
            else if (r.Is("min"u8)) min = r.ReadCount(field + ".min", counts);
            else if (r.Is("max"u8)) max = r.ReadCount(field + ".max", counts);
            else if (r.Is("by"u8)) by = r.ReadParty(field + ".by", context);
            else if (r.Is("note"u8)) note = r.ReadString(field + ".note");
            else if (allowEvidence && r.Is("sources"u8)) sources = r.ReadSources(field + ".sources", context);
            else if (allowEvidence && r.Is("confidence"u8)) confidence = r.ReadEnum(field + ".confidence", Vocabulary.Confidence);
            else if (allowEvidence && r.Is("credibility"u8)) credibility = r.ReadCredibility(field + ".credibility");
            else throw r.UnknownField(field + ".", known);
        }

        if (value is not null && (min is not null || max is not null))
        {
            throw r.FailAt(start, field, "give either 'value' or 'min'/'max', not both");
        }

        if (value is null && min is null && max is null)
        {
            throw r.FailAt(start, field, "expected 'value', 'min' or 'max'");
        }

        if (min > max)
        {
            throw r.FailAt(start, field, $"'min' {Claim.Format(min!.Value)} is greater than 'max' {Claim.Format(max!.Value)}");
        }

        Evidence? evidence = null;
        if (!sources.IsDefault || confidence is not null || credibility is not null)
        {
            if (sources.IsDefault || confidence is null)
            {
                throw r.FailAt(start, field, $"a claim with its own evidence needs both 'sources' and 'confidence'; missing '{(sources.IsDefault ? "sources" : "confidence")}'");
            }

            evidence = new Evidence(sources, confidence.Value) { Credibility = credibility };
        }

        return value is { } v ? new Claim(v, v, by, evidence, note) : new Claim(min, max, by, evidence, note);
    }

    private static double ReadCount(this ref JsonReader r, string field, bool counts) => r.CheckCount(field, r.ReadNumber(field), counts);

    /// <summary>The largest measure (not a count) a quantity may give, e.g. a range: ten times the Earth's circumference in km.</summary>
    public const double MaxMeasure = 400_000;

    private static double CheckCount(this ref JsonReader r, string field, double value, bool counts)
    {
        if (counts)
        {
            return Counts.Problem(value) is { } problem ? throw r.Fail(field, problem) : value;
        }

        return value < 0 ? throw r.Fail(field, $"{Claim.Format(value)} is negative; expected 0 or more")
            : value > MaxMeasure ? throw r.Fail(field, $"{Claim.Format(value)} is more than the largest accepted ({Claim.Format(MaxMeasure)})")
            : value;
    }

    /// <summary>Reads a claim's credibility on the Admiralty scale: a whole number from 1 (confirmed) to 6 (cannot be judged).</summary>
    public static int ReadCredibility(this ref JsonReader r, string field)
    {
        var value = r.ReadNumber(field);
        return value is >= 1 and <= 6 && value == Math.Floor(value)
            ? (int)value
            : throw r.Fail(field, $"{Claim.Format(value)} is not a grade; expected a whole number of the Admiralty scale, 1 (confirmed by other sources) to 6 (cannot be judged)");
    }
}
