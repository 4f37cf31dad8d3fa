using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Detente.Core;

namespace Detente.Data.Json;

/// <summary>
/// The one located JSON reader of Detente: reads a <see cref="JsonInput"/> token by token and turns every problem into an
/// <see cref="InputException"/> that names the file, line, column (in characters) and field. Strict JSON (no comments, no
/// trailing commas, at most 64 levels deep); a member given twice in one object is an error; the byte-order-mark and UTF-8
/// policy is <see cref="JsonInput"/>'s. Readers of values take the field's name so errors can say which field is wrong;
/// <c>LocatedJson</c> builds a tree with it for formats read as a whole.
/// </summary>
public ref struct JsonReader
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 };
    private Utf8JsonReader _json;

    // The member names of each open object, by depth: JSON readers disagree on which of two equal names wins, so a second one
    // is an error, never a silent overwrite.
    private readonly List<MemberNames> _members = [];

    /// <summary>A reader before the first token of <paramref name="input"/>.</summary>
    public JsonReader(JsonInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Input = input;
        _json = new Utf8JsonReader(input.Text, Options);
    }

    /// <summary>The text being read.</summary>
    public JsonInput Input { get; }

    /// <summary>Where the current token starts.</summary>
    public readonly long TokenStart => _json.TokenStartIndex;

    /// <summary>The kind of the current token.</summary>
    public readonly JsonTokenType TokenType => _json.TokenType;

    /// <summary>Moves to the next token; malformed JSON becomes a located error.</summary>
    public void Read()
    {
        bool more;
        try
        {
            more = _json.Read();
        }
        catch (JsonException e)
        {
            var location = Input.LocateLine(e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
            throw new InputException(location, null, Messages.Malformed(e.Message));
        }

        if (!more)
        {
            throw new InputException(Input.Locate(Input.Text.Length), null, Messages.EndsEarly);
        }

        if (_json.TokenType == JsonTokenType.StartObject)
        {
            var depth = _json.CurrentDepth + 1;
            while (_members.Count <= depth)
            {
                _members.Add(new MemberNames());
            }

            _members[depth].Clear();
        }
        else if (_json.TokenType == JsonTokenType.PropertyName && _json.CurrentDepth < _members.Count)
        {
            var name = _json.ValueIsEscaped ? _json.GetString()! : null;
            if (!_members[_json.CurrentDepth].Add(Input.Memory, (int)_json.TokenStartIndex + 1, _json.ValueSpan.Length, name))
            {
                throw Fail(null, Messages.DuplicateMember(PropertyName));
            }
        }
    }

    /// <summary>Checks that nothing but white space follows the top-level value.</summary>
    public void ExpectEnd()
    {
        try
        {
            if (_json.Read())
            {
                throw Fail(null, Messages.TrailingContent);
            }
        }
        catch (JsonException e)
        {
            throw new InputException(Input.LocateLine(e.LineNumber ?? 0, e.BytePositionInLine ?? 0), null, Messages.Malformed(e.Message));
        }
    }

    /// <summary>Moves to the next token, which must start an object; <paramref name="what"/> names it in the error.</summary>
    public void ExpectStartObject(string? field, string what)
    {
        Read();
        if (_json.TokenType != JsonTokenType.StartObject)
        {
            throw Fail(field, $"expected {what} (a JSON object), found {Describe()}");
        }
    }

    /// <summary>Moves to the next token, which must start an array; <paramref name="what"/> names it in the error.</summary>
    public void ExpectStartArray(string? field, string what)
    {
        Read();
        if (_json.TokenType != JsonTokenType.StartArray)
        {
            throw Fail(field, $"expected {what} (a JSON array), found {Describe()}");
        }
    }

    /// <summary>Moves to the next property of the current object; false at its end.</summary>
    public bool NextProperty()
    {
        Read();
        return _json.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Moves to the next element of the current array; false at its end. The reader is then on the element's first token.</summary>
    public bool NextElement()
    {
        Read();
        return _json.TokenType != JsonTokenType.EndArray;
    }

    /// <summary>True when the current property is named <paramref name="name"/>.</summary>
    public readonly bool Is(ReadOnlySpan<byte> name) =>
        _json.ValueIsEscaped || _json.HasValueSequence ? _json.ValueTextEquals(name) : _json.ValueSpan.SequenceEqual(name);

    /// <summary>The current property's name, escapes undone.</summary>
    public readonly string PropertyName => _json.GetString() ?? "";

    /// <summary>Decodes the current string token into <paramref name="buffer"/> without allocating; false when it does not fit.</summary>
    public readonly bool TryDecode(Span<char> buffer, out int written)
    {
        written = 0;
        return !_json.ValueIsEscaped && !_json.HasValueSequence && Encoding.UTF8.TryGetChars(_json.ValueSpan, buffer, out written);
    }

    /// <summary>The current string token's text.</summary>
    public readonly string CurrentString() => _json.GetString() ?? "";

    /// <summary>Fails on the current property, which is not one of <paramref name="known"/>.</summary>
    public readonly InputException UnknownField(string prefix, string[] known)
    {
        var name = PropertyName;
        return new InputException(new Diagnostic(Input.Locate(_json.TokenStartIndex), prefix + name, Messages.UnknownField(name, known))
        {
            Expected = string.Join(", ", known),
            Suggestion = Messages.Nearest(name, known),
        });
    }

    /// <summary>An error at the current token.</summary>
    public readonly InputException Fail(string? field, string problem) => new(Input.Locate(_json.TokenStartIndex), field, problem);

    /// <summary>An error at an earlier offset, e.g. the start of the record.</summary>
    public readonly InputException FailAt(long offset, string? field, string problem) => new(Input.Locate(offset), field, problem);

    /// <summary>The current token in words for an error: <c>the string "x"</c>, <c>the number 3</c>, <c>an object</c>.</summary>
    public readonly string Describe() => _json.TokenType switch
    {
        JsonTokenType.String => $"the string \"{Messages.Clip(_json.GetString())}\"",
        JsonTokenType.Number => $"the number {Encoding.UTF8.GetString(_json.ValueSpan)}",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => _json.TokenType.ToString(),
    };

    /// <summary>Reads a non-empty string.</summary>
    public string ReadString(string field)
    {
        Read();
        if (_json.TokenType != JsonTokenType.String)
        {
            throw Fail(field, $"expected a string, found {Describe()}");
        }

        var value = _json.GetString()!;
        if (value.Length == 0)
        {
            throw Fail(field, "expected a non-empty string");
        }

        return value;
    }

    /// <summary>Reads a string or null.</summary>
    public string? ReadOptionalString(string field)
    {
        Read();
        return _json.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => _json.GetString(),
            _ => throw Fail(field, $"expected a string or null, found {Describe()}"),
        };
    }

    /// <summary>Reads a finite number.</summary>
    public double ReadNumber(string field)
    {
        Read();
        return CurrentNumber(field);
    }

    /// <summary>The current token as a finite number.</summary>
    public readonly double CurrentNumber(string field)
    {
        if (_json.TokenType != JsonTokenType.Number || !_json.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            throw Fail(field, $"expected a number, found {Describe()}");
        }

        return value;
    }

    /// <summary>Reads an ISO 8601 calendar date, <c>"2022-01-12"</c>.</summary>
    public DateOnly ReadDate(string field)
    {
        Read();
        if (_json.TokenType != JsonTokenType.String)
        {
            throw Fail(field, $"expected a date like \"2022-01-12\", found {Describe()}");
        }

        var span = _json.HasValueSequence ? _json.ValueSequence.ToArray() : _json.ValueSpan;
        if (span.Length == 10 && span[4] == '-' && span[7] == '-'
            && Utf8Parser.TryParse(span[..4], out int year, out var n1) && n1 == 4
            && Utf8Parser.TryParse(span.Slice(5, 2), out int month, out var n2) && n2 == 2
            && Utf8Parser.TryParse(span.Slice(8, 2), out int day, out var n3) && n3 == 2
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            return new DateOnly(year, month, day);
        }

        throw Fail(field, $"expected a date like \"2022-01-12\", found \"{Messages.Clip(_json.GetString())}\"");
    }

    /// <summary>The byte offset just after the current token.</summary>
    public readonly long BytesConsumed => _json.BytesConsumed;

    /// <summary>The depth of the current token (0 for the top-level value).</summary>
    public readonly int CurrentDepth => _json.CurrentDepth;

    /// <summary>The current token's raw UTF-8 bytes (a string without its quotes and escapes undone only when <see cref="ValueIsEscaped"/> is false).</summary>
    public readonly ReadOnlySpan<byte> ValueSpan => _json.ValueSpan;

    /// <summary>True when the current string or property name holds escapes.</summary>
    public readonly bool ValueIsEscaped => _json.ValueIsEscaped;

    /// <summary>Copies the current string's text, escapes undone, as UTF-8 into <paramref name="target"/>; returns the bytes written.</summary>
    public readonly int CopyString(Span<byte> target) => _json.CopyString(target);

    /// <summary>The current number as a double; false when it is not a finite number.</summary>
    public readonly bool TryGetDouble(out double value) => _json.TryGetDouble(out value) && double.IsFinite(value);

    /// <summary>The current number as a whole number; false when it is not one.</summary>
    public readonly bool TryGetInt64(out long value) => _json.TryGetInt64(out value);

    /// <summary>Skips the value whose first token the reader is on (an object or array is skipped whole).</summary>
    public void SkipCurrent()
    {
        if (_json.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            var depth = _json.CurrentDepth;
            do
            {
                Read();
            }
            while (_json.CurrentDepth > depth || _json.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray));
        }
    }

    /// <summary>
    /// Skips the value of the current property without checking members for duplicates inside it: only for a first pass
    /// (e.g. one that looks for a member that may come last) over input that a later pass reads again with every check.
    /// </summary>
    public void SkipValueInFirstPass()
    {
        Read();
        if (_json.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            try
            {
                _json.Skip();
            }
            catch (JsonException e)
            {
                throw new InputException(Input.LocateLine(e.LineNumber ?? 0, e.BytePositionInLine ?? 0), null, Messages.Malformed(e.Message));
            }
        }
    }

    /// <summary>Skips the value of the current property.</summary>
    public void SkipValue()
    {
        Read();
        SkipCurrent();
    }
}

/// <summary>The member names of one JSON object, compared as decoded text; a list while small, a set beyond.</summary>
internal sealed class MemberNames
{
    private readonly List<(int Start, int Length, string? Decoded)> _small = [];
    private HashSet<string>? _large;

    public void Clear()
    {
        _small.Clear();
        _large = null;
    }

    /// <summary>Adds the name at <paramref name="start"/> (raw bytes) or <paramref name="decoded"/> (when escaped); false when present.</summary>
    public bool Add(ReadOnlyMemory<byte> memory, int start, int length, string? decoded)
    {
        var bytes = memory.Span;
        if (_large is not null)
        {
            return _large.Add(decoded ?? Encoding.UTF8.GetString(bytes.Slice(start, length)));
        }

        var raw = bytes.Slice(start, length);
        foreach (var m in _small)
        {
            var same = m.Decoded is null && decoded is null
                ? bytes.Slice(m.Start, m.Length).SequenceEqual(raw)
                : (m.Decoded ?? Encoding.UTF8.GetString(bytes.Slice(m.Start, m.Length))) == (decoded ?? Encoding.UTF8.GetString(raw));
            if (same)
            {
                return false;
            }
        }

        _small.Add((start, length, decoded));
        if (_small.Count > 16)
        {
            // Invariant: beyond 16 members the names live in a set, so an object of many members is read in linear time.
            _large = new HashSet<string>(_small.Select(m => m.Decoded ?? Encoding.UTF8.GetString(memory.Span.Slice(m.Start, m.Length))), StringComparer.Ordinal);
            _small.Clear();
        }

        return true;
    }
}
