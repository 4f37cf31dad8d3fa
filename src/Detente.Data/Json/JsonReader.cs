using System.Buffers;
using System.Buffers.Text;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Detente.Core;

namespace Detente.Data;

/// <summary>
/// Reads the records of one data file token by token, turning every problem into a <see cref="DataException"/> that names
/// the file, line, column and field. Readers of values take the field's name so errors can say which field is wrong.
/// </summary>
internal ref struct RecordReader
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 };
    private Utf8JsonReader json;

    // The member names of each open object, by depth: JSON readers disagree on which of two equal names wins, so a second one
    // is an error, never a silent overwrite.
    private readonly List<MemberNames> members = [];

    public RecordReader(DataFile file)
    {
        File = file;
        var bytes = file.Bytes.AsSpan();
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            throw new DataException(file.Locate(0), null, "the file starts with a byte-order mark; save it as UTF-8 without one");
        }

        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            Span<char> scratch = stackalloc char[256];
            var offset = 0;
            while (System.Text.Unicode.Utf8.ToUtf16(bytes[offset..], scratch, out var read, out _, replaceInvalidSequences: false)
                   == System.Buffers.OperationStatus.DestinationTooSmall)
            {
                offset += read;
            }

            System.Text.Unicode.Utf8.ToUtf16(bytes[offset..], scratch, out var last, out _, replaceInvalidSequences: false);
            throw new DataException(file.Locate(offset + last), null, "invalid UTF-8: the file must be encoded as UTF-8");
        }

        json = new Utf8JsonReader(file.Bytes, Options);
    }

    public DataFile File { get; }

    /// <summary>Where the current token starts.</summary>
    public readonly long TokenStart => json.TokenStartIndex;

    public readonly JsonTokenType TokenType => json.TokenType;

    /// <summary>Moves to the next token; malformed JSON becomes a located error.</summary>
    public void Read()
    {
        bool more;
        try
        {
            more = json.Read();
        }
        catch (JsonException e)
        {
            var location = File.LocateLine(e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
            throw new DataException(location, null, $"malformed JSON: {Messages.JsonProblem(e.Message)}");
        }

        if (!more)
        {
            throw new DataException(File.Locate(File.Bytes.Length), null, "malformed JSON: the file ends too early");
        }

        if (json.TokenType == JsonTokenType.StartObject)
        {
            var depth = json.CurrentDepth + 1;
            while (members.Count <= depth)
            {
                members.Add(new MemberNames());
            }

            members[depth].Clear();
        }
        else if (json.TokenType == JsonTokenType.PropertyName && json.CurrentDepth < members.Count)
        {
            var name = json.ValueIsEscaped ? json.GetString()! : null;
            if (!members[json.CurrentDepth].Add(File.Bytes, (int)json.TokenStartIndex + 1, json.ValueSpan.Length, name))
            {
                throw Fail(null, $"the member '{PropertyName}' appears twice in one object; give each member once");
            }
        }
    }

    /// <summary>Checks that nothing but white space follows the top-level value.</summary>
    public void ExpectEnd()
    {
        try
        {
            if (json.Read())
            {
                throw Fail(null, "expected the end of the file after the top-level object");
            }
        }
        catch (JsonException e)
        {
            throw new DataException(File.LocateLine(e.LineNumber ?? 0, e.BytePositionInLine ?? 0), null, $"malformed JSON: {Messages.JsonProblem(e.Message)}");
        }
    }

    public void ExpectStartObject(string? field, string what)
    {
        Read();
        if (json.TokenType != JsonTokenType.StartObject)
        {
            throw Fail(field, $"expected {what} (a JSON object), found {Describe()}");
        }
    }

    public void ExpectStartArray(string? field, string what)
    {
        Read();
        if (json.TokenType != JsonTokenType.StartArray)
        {
            throw Fail(field, $"expected {what} (a JSON array), found {Describe()}");
        }
    }

    /// <summary>Moves to the next property of the current object; false at its end.</summary>
    public bool NextProperty()
    {
        Read();
        return json.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Moves to the next element of the current array; false at its end. The reader is then on the element's first token.</summary>
    public bool NextElement()
    {
        Read();
        return json.TokenType != JsonTokenType.EndArray;
    }

    /// <summary>True when the current property is named <paramref name="name"/>.</summary>
    public readonly bool Is(ReadOnlySpan<byte> name) =>
        json.ValueIsEscaped || json.HasValueSequence ? json.ValueTextEquals(name) : json.ValueSpan.SequenceEqual(name);

    public readonly string PropertyName => json.GetString() ?? "";

    /// <summary>Decodes the current string token into <paramref name="buffer"/> without allocating; false when it does not fit.</summary>
    public readonly bool TryDecode(Span<char> buffer, out int written)
    {
        written = 0;
        return !json.ValueIsEscaped && !json.HasValueSequence && Encoding.UTF8.TryGetChars(json.ValueSpan, buffer, out written);
    }

    /// <summary>The current string token's text.</summary>
    public readonly string CurrentString() => json.GetString() ?? "";

    /// <summary>Fails on the current property, which is not one of <paramref name="known"/>.</summary>
    public readonly DataException UnknownField(string prefix, string[] known)
    {
        var name = PropertyName;
        var hint = Messages.Nearest(name, known) is { } near ? $"; did you mean '{near}'?" : $"; expected one of: {string.Join(", ", known)}";
        return Fail(prefix + name, $"unknown field{hint}");
    }

    /// <summary>An error at the current token.</summary>
    public readonly DataException Fail(string? field, string problem) => new(File.Locate(json.TokenStartIndex), field, problem);

    /// <summary>An error at an earlier offset, e.g. the start of the record.</summary>
    public readonly DataException FailAt(long offset, string? field, string problem) => new(File.Locate(offset), field, problem);

    public readonly string Describe() => json.TokenType switch
    {
        JsonTokenType.String => $"the string \"{Messages.Clip(json.GetString())}\"",
        JsonTokenType.Number => $"the number {Encoding.UTF8.GetString(json.ValueSpan)}",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => json.TokenType.ToString(),
    };

    public string ReadString(string field)
    {
        Read();
        if (json.TokenType != JsonTokenType.String)
        {
            throw Fail(field, $"expected a string, found {Describe()}");
        }

        var value = json.GetString()!;
        if (value.Length == 0)
        {
            throw Fail(field, "expected a non-empty string");
        }

        return value;
    }

    public string? ReadOptionalString(string field)
    {
        Read();
        return json.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => json.GetString(),
            _ => throw Fail(field, $"expected a string or null, found {Describe()}"),
        };
    }

    public double ReadNumber(string field)
    {
        Read();
        return CurrentNumber(field);
    }

    public readonly double CurrentNumber(string field)
    {
        if (json.TokenType != JsonTokenType.Number || !json.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            throw Fail(field, $"expected a number, found {Describe()}");
        }

        return value;
    }

    public DateOnly ReadDate(string field)
    {
        Read();
        if (json.TokenType != JsonTokenType.String)
        {
            throw Fail(field, $"expected a date like \"2022-01-12\", found {Describe()}");
        }

        var span = json.HasValueSequence ? json.ValueSequence.ToArray() : json.ValueSpan;
        if (span.Length == 10 && span[4] == '-' && span[7] == '-'
            && Utf8Parser.TryParse(span[..4], out int year, out var n1) && n1 == 4
            && Utf8Parser.TryParse(span.Slice(5, 2), out int month, out var n2) && n2 == 2
            && Utf8Parser.TryParse(span.Slice(8, 2), out int day, out var n3) && n3 == 2
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            return new DateOnly(year, month, day);
        }

        throw Fail(field, $"expected a date like \"2022-01-12\", found \"{Messages.Clip(json.GetString())}\"");
    }

    public T ReadEnum<T>(string field, WordMap<T> values)
        where T : struct, Enum
    {
        Read();
        if (json.TokenType == JsonTokenType.String && !json.ValueIsEscaped && values.TryGet(json.ValueSpan, out var found))
        {
            return found;
        }

        if (json.TokenType != JsonTokenType.String)
        {
            throw Fail(field, $"expected one of: {string.Join(", ", values.Keys)}; found {Describe()}");
        }

        var text = json.GetString()!;
        if (values.TryGetValue(text, out var value))
        {
            return value;
        }

        var near = Messages.Nearest(text, values.Keys);
        throw Fail(field, $"'{text}' is not allowed; expected one of: {string.Join(", ", values.Keys)}" + (near is null ? "" : $" (did you mean '{near}'?)"));
    }

    public string ReadSlug(string field, string what)
    {
        var text = ReadString(field);
        return Slug.IsValid(text)
            ? text
            : throw Fail(field, $"'{Messages.Clip(text)}' is not a valid {what} id; expected lower-case letters, digits, '-', '.' or '_'");
    }

    /// <summary>Reads a party code and resolves it against the known parties (interned).</summary>
    public PartyId ReadParty(string field, ScenarioContext context)
    {
        Read();
        return CurrentParty(field, context);
    }

    public readonly PartyId CurrentParty(string field, ScenarioContext context)
    {
        if (json.TokenType != JsonTokenType.String)
        {
            throw Fail(field, $"expected a party code like \"POL\" or \"NATO\", found {Describe()}");
        }

        Span<char> chars = stackalloc char[32];
        if (!json.HasValueSequence && !json.ValueIsEscaped && json.ValueSpan.Length <= 32
            && Encoding.UTF8.TryGetChars(json.ValueSpan, chars, out var written)
            && context.TryGetParty(chars[..written], out var party))
        {
            return party;
        }

        var text = json.GetString()!;
        if (context.TryGetParty(text, out party))
        {
            return party;
        }

        throw Fail(field, PartyId.IsValidCode(text)
            ? Messages.Unknown("party", text, context.PartyCodes)
            : $"'{Messages.Clip(text)}' is not a party code; expected 2 to 24 upper-case letters, digits or '-' (e.g. \"POL\", \"NATO\")");
    }

    public ImmutableArray<PartyId> ReadParties(string field, ScenarioContext context)
    {
        ExpectStartArray(field, "a list of party codes");
        var builder = ImmutableArray.CreateBuilder<PartyId>();
        while (NextElement())
        {
            var party = CurrentParty($"{field}[{builder.Count}]", context);
            if (builder.Contains(party))
            {
                throw Fail($"{field}[{builder.Count}]", $"'{party}' is listed twice");
            }

            builder.Add(party);
        }

        return builder.ToImmutable();
    }

    public GeoPoint ReadPoint(string field)
    {
        ExpectStartObject(field, "coordinates like {\"lat\": 44.08, \"lon\": 24.38}");
        var start = TokenStart;
        double? lat = null, lon = null;
        while (NextProperty())
        {
            if (Is("lat"u8))
            {
                lat = ReadNumber($"{field}.lat");
                if (lat is < -90 or > 90)
                {
                    throw Fail($"{field}.lat", $"{lat.Value.ToString(CultureInfo.InvariantCulture)} is out of range; expected a latitude in [-90, 90]");
                }
            }
            else if (Is("lon"u8))
            {
                lon = ReadNumber($"{field}.lon");
                if (lon is < -180 or > 180)
                {
                    throw Fail($"{field}.lon", $"{lon.Value.ToString(CultureInfo.InvariantCulture)} is out of range; expected a longitude in [-180, 180]");
                }
            }
            else
            {
                throw UnknownField(field + ".", ["lat", "lon"]);
            }
        }

        return lat is { } la && lon is { } lo
            ? new GeoPoint(la, lo)
            : throw FailAt(start, field, $"missing '{(lat is null ? "lat" : "lon")}'");
    }

    /// <summary>Reads a list of citations: source ids or objects with <c>ref</c> and <c>locator</c>.</summary>
    public ImmutableArray<SourceRef> ReadSources(string field, ScenarioContext context)
    {
        ExpectStartArray(field, "a list of sources");
        ImmutableArray<SourceRef>.Builder? builder = null;
        SourceRef? single = null;
        var count = 0;
        while (NextElement())
        {
            var item = ReadSourceRef(field, count, context);
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
            0 => throw Fail(field, "expected at least one source"),
            1 => single!.Value.Locator is null ? context.SingleSource(single.Value.Source) : [single.Value],
            _ => builder!.ToImmutable(),
        };
    }

    private SourceRef ReadSourceRef(string field, int index, ScenarioContext context)
    {
        if (json.TokenType == JsonTokenType.String)
        {
            return new SourceRef(CurrentSource(field, index, context));
        }

        if (json.TokenType != JsonTokenType.StartObject)
        {
            throw Fail($"{field}[{index}]", $"expected a source id or {{\"ref\": ..., \"locator\": ...}}, found {Describe()}");
        }

        var start = TokenStart;
        SourceId? source = null;
        string? locator = null;
        while (NextProperty())
        {
            if (Is("ref"u8))
            {
                Read();
                source = CurrentSource(field, index, context, ".ref");
            }
            else if (Is("locator"u8))
            {
                locator = ReadString($"{field}[{index}].locator");
            }
            else
            {
                throw UnknownField($"{field}[{index}].", ["ref", "locator"]);
            }
        }

        return source is { } s ? new SourceRef(s, locator) : throw FailAt(start, $"{field}[{index}]", "missing 'ref' (the source id)");
    }

    private readonly SourceId CurrentSource(string field, int index, ScenarioContext context, string suffix = "")
    {
        if (json.TokenType != JsonTokenType.String)
        {
            throw Fail($"{field}[{index}]{suffix}", $"expected a source id, found {Describe()}");
        }

        Span<char> chars = stackalloc char[100];
        if (!json.ValueIsEscaped && json.ValueSpan.Length <= 100
            && Encoding.UTF8.TryGetChars(json.ValueSpan, chars, out var written)
            && context.TryGetSource(chars[..written], out var found))
        {
            return found;
        }

        var text = json.GetString()!;
        return context.TryGetSource(text, out var source)
            ? source
            : throw Fail($"{field}[{index}]{suffix}", Messages.Unknown("source", text, context.SourceIds));
    }

    /// <summary>Reads a quantity: a number, a range object, or an object with competing claims.</summary>
    /// <param name="field">The field, for errors.</param>
    /// <param name="context">The scenario's sources and parties.</param>
    /// <param name="counts">True when the quantity counts things (troops, launchers): whole and at most <see cref="Counts.Max"/>;
    /// false for a measure such as a range in km (finite, not negative, at most <see cref="MaxMeasure"/>).</param>
    public Quantity ReadQuantity(string field, ScenarioContext context, bool counts = true)
    {
        Read();
        this.counts = counts;
        if (json.TokenType == JsonTokenType.Number)
        {
            return Quantity.Of(CheckCount(field, CurrentNumber(field)));
        }

        if (json.TokenType != JsonTokenType.StartObject)
        {
            throw Fail(field, $"expected a number, a range {{\"min\": ..., \"max\": ...}} or {{\"claims\": [...]}}, found {Describe()}");
        }

        var start = TokenStart;
        if (!NextProperty())
        {
            throw FailAt(start, field, "expected 'value', 'min', 'max' or 'claims'");
        }

        if (Is("claims"u8))
        {
            ExpectStartArray(field + ".claims", "a list of claims");
            var claims = ImmutableArray.CreateBuilder<Claim>();
            while (NextElement())
            {
                if (json.TokenType != JsonTokenType.StartObject)
                {
                    throw Fail($"{field}.claims[{claims.Count}]", $"expected a claim object, found {Describe()}");
                }

                claims.Add(ReadClaimBody($"{field}.claims[{claims.Count}]", context, allowEvidence: true));
            }

            if (claims.Count == 0)
            {
                throw Fail(field + ".claims", "expected at least one claim");
            }

            if (NextProperty())
            {
                throw UnknownField(field + ".", ["claims"]);
            }

            return Quantity.FromClaims(claims.ToImmutable());
        }

        // A single claim written inline: the first property is already read.
        return Quantity.FromClaims([ReadClaimBody(field, context, allowEvidence: false, alreadyInside: true, start: start)]);
    }

    private Claim ReadClaimBody(string field, ScenarioContext context, bool allowEvidence, bool alreadyInside = false, long start = -1)
    {
        if (!alreadyInside)
        {
            start = TokenStart;
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
        while (first || NextProperty())
        {
            first = false;
            if (Is("value"u8)) value = ReadCount(field + ".value");
            else if (Is("min"u8)) min = ReadCount(field + ".min");
            else if (Is("max"u8)) max = ReadCount(field + ".max");
            else if (Is("by"u8)) by = ReadParty(field + ".by", context);
            else if (Is("note"u8)) note = ReadString(field + ".note");
            else if (allowEvidence && Is("sources"u8)) sources = ReadSources(field + ".sources", context);
            else if (allowEvidence && Is("confidence"u8)) confidence = ReadEnum(field + ".confidence", Vocabulary.Confidence);
            else if (allowEvidence && Is("credibility"u8)) credibility = ReadCredibility(field + ".credibility");
            else throw UnknownField(field + ".", known);
        }

        if (value is not null && (min is not null || max is not null))
        {
            throw FailAt(start, field, "give either 'value' or 'min'/'max', not both");
        }

        if (value is null && min is null && max is null)
        {
            throw FailAt(start, field, "expected 'value', 'min' or 'max'");
        }

        if (min > max)
        {
            throw FailAt(start, field, $"'min' {Claim.Format(min!.Value)} is greater than 'max' {Claim.Format(max!.Value)}");
        }

        Evidence? evidence = null;
        if (!sources.IsDefault || confidence is not null || credibility is not null)
        {
            if (sources.IsDefault || confidence is null)
            {
                throw FailAt(start, field, $"a claim with its own evidence needs both 'sources' and 'confidence'; missing '{(sources.IsDefault ? "sources" : "confidence")}'");
            }

            evidence = new Evidence(sources, confidence.Value) { Credibility = credibility };
        }

        return value is { } v ? new Claim(v, v, by, evidence, note) : new Claim(min, max, by, evidence, note);
    }

    private double ReadCount(string field) => CheckCount(field, ReadNumber(field));

    /// <summary>The largest measure (not a count) a quantity may give, e.g. a range: ten times the Earth's circumference in km.</summary>
    public const double MaxMeasure = 400_000;

    private bool counts;

    private readonly double CheckCount(string field, double value)
    {
        if (counts)
        {
            return Counts.Problem(value) is { } problem ? throw Fail(field, problem) : value;
        }

        return value < 0 ? throw Fail(field, $"{Claim.Format(value)} is negative; expected 0 or more")
            : value > MaxMeasure ? throw Fail(field, $"{Claim.Format(value)} is more than the largest accepted ({Claim.Format(MaxMeasure)})")
            : value;
    }

    /// <summary>Reads a claim's credibility on the Admiralty scale: a whole number from 1 (confirmed) to 6 (cannot be judged).</summary>
    public int ReadCredibility(string field)
    {
        var value = ReadNumber(field);
        return value is >= 1 and <= 6 && value == Math.Floor(value)
            ? (int)value
            : throw Fail(field, $"{Claim.Format(value)} is not a grade; expected a whole number of the Admiralty scale, 1 (confirmed by other sources) to 6 (cannot be judged)");
    }

    /// <summary>Skips the value of the current property.</summary>
    public void SkipValue()
    {
        Read();
        if (json.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            json.Skip();
        }
    }
}

/// <summary>The member names of one JSON object, compared as decoded text; a list while small, a set beyond.</summary>
internal sealed class MemberNames
{
    private readonly List<(int Start, int Length, string? Decoded)> small = [];
    private HashSet<string>? large;

    public void Clear()
    {
        small.Clear();
        large = null;
    }

    /// <summary>Adds the name at <paramref name="start"/> (raw bytes) or <paramref name="decoded"/> (when escaped); false when present.</summary>
    public bool Add(byte[] bytes, int start, int length, string? decoded)
    {
        if (large is not null)
        {
            return large.Add(decoded ?? Encoding.UTF8.GetString(bytes, start, length));
        }

        var raw = bytes.AsSpan(start, length);
        foreach (var m in small)
        {
            var same = m.Decoded is null && decoded is null
                ? bytes.AsSpan(m.Start, m.Length).SequenceEqual(raw)
                : (m.Decoded ?? Encoding.UTF8.GetString(bytes, m.Start, m.Length)) == (decoded ?? Encoding.UTF8.GetString(raw));
            if (same)
            {
                return false;
            }
        }

        small.Add((start, length, decoded));
        if (small.Count > 16)
        {
            // Invariant: beyond 16 members the names live in a set, so an object of many members is read in linear time.
            large = new HashSet<string>(small.Select(m => m.Decoded ?? Encoding.UTF8.GetString(bytes, m.Start, m.Length)), StringComparer.Ordinal);
            small.Clear();
        }

        return true;
    }
}
