using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Detente.Core;

namespace Detente.Data.Json;

/// <summary>
/// A JSON value that remembers where it was: the tree <see cref="JsonReader"/> builds for formats read as a whole (regimes,
/// events, negotiation files, geography), in which every value knows its file, line, column and field path, so a reader can
/// say <c>regimes.json:14:9: field 'regimes[0].quota': expected a whole number</c>. The same rules as the streaming reader:
/// a byte-order mark is accepted, bytes that are not UTF-8 and members given twice are errors.
/// </summary>
public abstract class LocatedJson
{
    private readonly LocatedJson? _parent;
    private readonly string? _name;
    private readonly int _index;

    private protected LocatedJson(JsonInput input, long offset, LocatedJson? parent, string? name, int index)
    {
        Input = input;
        Offset = offset;
        _parent = parent;
        _name = name;
        _index = index;
    }

    /// <summary>The text the value was read from.</summary>
    public JsonInput Input { get; }

    /// <summary>The byte offset of the value's first token in <see cref="JsonInput.Text"/>.</summary>
    public long Offset { get; }

    /// <summary>Where the value starts.</summary>
    public SourceLocation Location => Input.Locate(Offset);

    /// <summary>The field path from the top of the document, e.g. <c>regimes[0].parameters.quota</c>; empty for the top.</summary>
    public string Path => _parent is null ? ""
        : _name is not null ? (_parent.Path.Length == 0 ? _name : $"{_parent.Path}.{_name}")
        : $"{_parent.Path}[{_index.ToString(CultureInfo.InvariantCulture)}]";

    /// <summary>What kind of JSON value this is.</summary>
    public abstract JsonValueKind Kind { get; }

    /// <summary>The value in words for an error: <c>the string "x"</c>, <c>the number 3</c>, <c>an object</c>.</summary>
    public abstract string Describe();

    /// <summary>The members of an object, in file order; empty for any other value.</summary>
    public virtual ImmutableArray<LocatedMember> Members => [];

    /// <summary>The items of an array; empty for any other value.</summary>
    public virtual ImmutableArray<LocatedJson> Items => [];

    /// <summary>The text of a string, the raw text of a number, <c>true</c> or <c>false</c>; null for the rest.</summary>
    public virtual string? Text => null;

    /// <summary>Reads and parses a file (at most <see cref="InputFile.DataLimit"/> bytes).</summary>
    public static LocatedJson Load(string path, string? displayPath = null) => Parse(JsonInput.Read(path, displayPath));

    /// <summary>Parses UTF-8 JSON named <paramref name="file"/> in errors.</summary>
    public static LocatedJson Parse(byte[] utf8, string file) => Parse(JsonInput.Of(utf8, file));

    /// <summary>Parses one JSON document; any problem is an <see cref="InputException"/> at its line and column.</summary>
    public static LocatedJson Parse(JsonInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Text.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw input.Fail(0, null, Messages.Empty);
        }

        var reader = new JsonReader(input);
        reader.Read();
        var root = ReadValue(ref reader, null, null, 0);
        reader.ExpectEnd();
        return root;
    }

    private static LocatedJson ReadValue(ref JsonReader r, LocatedJson? parent, string? name, int index)
    {
        var input = r.Input;
        var at = r.TokenStart;
        switch (r.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var node = new LocatedObject(input, at, parent, name, index);
                var members = ImmutableArray.CreateBuilder<LocatedMember>();
                while (r.NextProperty())
                {
                    var member = r.PropertyName;
                    var memberAt = r.TokenStart;
                    r.Read();
                    members.Add(new LocatedMember(member, memberAt, ReadValue(ref r, node, member, 0)));
                }

                node.SetMembers(members.ToImmutable());
                return node;
            }

            case JsonTokenType.StartArray:
            {
                var node = new LocatedArray(input, at, parent, name, index);
                var items = ImmutableArray.CreateBuilder<LocatedJson>();
                while (r.NextElement())
                {
                    items.Add(ReadValue(ref r, node, null, items.Count));
                }

                node.SetItems(items.ToImmutable());
                return node;
            }

            case JsonTokenType.String:
                return new LocatedString(input, at, parent, name, index, r.CurrentString(),
                    r.ValueIsEscaped ? Encoding.UTF8.GetString(r.ValueSpan) : null);
            case JsonTokenType.Number:
                return new LocatedNumber(input, at, parent, name, index, Encoding.UTF8.GetString(r.ValueSpan));
            case JsonTokenType.True:
            case JsonTokenType.False:
                return new LocatedBool(input, at, parent, name, index, r.TokenType == JsonTokenType.True);
            default:
                return new LocatedNull(input, at, parent, name, index);
        }
    }

    /// <summary>An error about this value, naming its field path.</summary>
    public InputException Fail(string problem) => new(Location, Path.Length == 0 ? null : Path, problem);

    /// <summary>An error about this value, with a suggestion as data.</summary>
    public InputException Fail(string problem, string? expected, string? suggestion) =>
        new(new Diagnostic(Location, Path.Length == 0 ? null : Path, problem) { Expected = expected, Suggestion = suggestion });

    /// <summary>An error at this value's place whose message names what it needs (no field path).</summary>
    public InputException FailHere(string problem) => new(Location, null, problem);

    /// <summary>The member called <paramref name="member"/>, or null (also when this is not an object).</summary>
    public LocatedJson? Find(string member)
    {
        foreach (var m in Members)
        {
            if (m.Name == member)
            {
                return m.Value;
            }
        }

        return null;
    }

    /// <summary>Fails unless this is an object whose members are all among <paramref name="known"/>; suggests the nearest name.</summary>
    public LocatedObject ExpectObject(params string[] known)
    {
        ArgumentNullException.ThrowIfNull(known);
        if (this is not LocatedObject o)
        {
            throw Fail($"expected an object, found {Describe()}");
        }

        foreach (var m in o.Members)
        {
            if (Array.IndexOf(known, m.Name) < 0)
            {
                throw m.Value.Fail($"unknown field{Spelling.Suggestion(m.Name, known)}; expected one of {string.Join(", ", known)}",
                    string.Join(", ", known), Spelling.Nearest(m.Name, known));
            }
        }

        return o;
    }

    /// <summary>The required member <paramref name="member"/>.</summary>
    public LocatedJson Required(string member) => Find(member) ?? throw Fail($"missing field '{member}'");

    /// <summary>A non-empty string.</summary>
    public string String() =>
        this is LocatedString { Value: var text } && !string.IsNullOrWhiteSpace(text) ? text : throw Fail($"expected a non-empty string, found {Describe()}");

    /// <summary>A whole number within bounds.</summary>
    public int Int(int min = 0, int max = int.MaxValue)
    {
        if (this is not LocatedNumber number || !int.TryParse(number.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            throw Fail($"expected a whole number, found {Describe()}");
        }

        return n >= min && n <= max
            ? n
            : throw Fail($"expected a whole number from {min}{(max == int.MaxValue ? "" : $" to {max}")}, found {n}");
    }

    /// <summary>true or false.</summary>
    public bool Bool() => this is LocatedBool b ? b.Value : throw Fail($"expected true or false, found {Describe()}");

    /// <summary>An ISO 8601 calendar date (YYYY-MM-DD).</summary>
    public DateOnly Date()
    {
        var text = String();
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw Fail($"expected an ISO date (YYYY-MM-DD), found '{text}'");
    }

    /// <summary>An array of non-empty strings; with <paramref name="nonEmpty"/>, at least one.</summary>
    public ImmutableArray<string> Strings(bool nonEmpty = true)
    {
        if (this is not LocatedArray array)
        {
            throw Fail($"expected an array of strings, found {Describe()}");
        }

        return nonEmpty && array.Items.Length == 0 ? throw Fail("expected at least one entry") : [.. array.Items.Select(i => i.String())];
    }

    /// <summary>One of <paramref name="words"/>, with the nearest one suggested otherwise.</summary>
    public string Word(params string[] words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var text = String();
        return Array.IndexOf(words, text) >= 0
            ? text
            : throw Fail($"unknown value '{text}'{Spelling.Suggestion(text, words)}; expected one of {string.Join(", ", words)}",
                string.Join(", ", words), Spelling.Nearest(text, words));
    }

    internal static string Clip(string text) => Messages.Clip(text);
}

/// <summary>A member of a <see cref="LocatedObject"/>: its name, where the name is, and its value.</summary>
public sealed class LocatedMember
{
    internal LocatedMember(string name, long nameOffset, LocatedJson value)
    {
        Name = name;
        NameOffset = nameOffset;
        Value = value;
    }

    /// <summary>The member's name, escapes undone.</summary>
    public string Name { get; }

    /// <summary>The byte offset of the name's opening quote.</summary>
    public long NameOffset { get; }

    /// <summary>Where the name is.</summary>
    public SourceLocation NameLocation => Value.Input.Locate(NameOffset);

    /// <summary>The member's value.</summary>
    public LocatedJson Value { get; }

    /// <summary>Deconstructs into name and value.</summary>
    public void Deconstruct(out string name, out LocatedJson value)
    {
        name = Name;
        value = Value;
    }
}

/// <summary>A JSON object with its members in file order (each name at most once).</summary>
public sealed class LocatedObject : LocatedJson
{
    private ImmutableArray<LocatedMember> _members = [];

    internal LocatedObject(JsonInput input, long offset, LocatedJson? parent, string? name, int index)
        : base(input, offset, parent, name, index)
    {
    }

    /// <inheritdoc/>
    public override JsonValueKind Kind => JsonValueKind.Object;

    /// <inheritdoc/>
    public override ImmutableArray<LocatedMember> Members => _members;

    /// <summary>The member called <paramref name="member"/>, or null.</summary>
    public LocatedJson? this[string member] => Find(member);

    /// <inheritdoc/>
    public override string Describe() => "an object";

    internal void SetMembers(ImmutableArray<LocatedMember> value) => _members = value;
}

/// <summary>A JSON array.</summary>
public sealed class LocatedArray : LocatedJson
{
    private ImmutableArray<LocatedJson> _items = [];

    internal LocatedArray(JsonInput input, long offset, LocatedJson? parent, string? name, int index)
        : base(input, offset, parent, name, index)
    {
    }

    /// <inheritdoc/>
    public override JsonValueKind Kind => JsonValueKind.Array;

    /// <inheritdoc/>
    public override ImmutableArray<LocatedJson> Items => _items;

    /// <inheritdoc/>
    public override string Describe() => $"an array of {_items.Length.ToString(CultureInfo.InvariantCulture)}";

    internal void SetItems(ImmutableArray<LocatedJson> value) => _items = value;
}

/// <summary>A JSON string.</summary>
public sealed class LocatedString : LocatedJson
{
    internal LocatedString(JsonInput input, long offset, LocatedJson? parent, string? name, int index, string value, string? raw)
        : base(input, offset, parent, name, index)
    {
        Value = value;
        Raw = raw;
    }

    /// <summary>The string's text, escapes undone.</summary>
    public string Value { get; }

    /// <summary>The text between the quotes as written, when it holds escapes; null when it equals <see cref="Value"/>.</summary>
    public string? Raw { get; }

    /// <inheritdoc/>
    public override JsonValueKind Kind => JsonValueKind.String;

    /// <inheritdoc/>
    public override string? Text => Value;

    /// <inheritdoc/>
    public override string Describe() => $"the string \"{Clip(Value)}\"";

    /// <summary>The location in the file of a 0-based UTF-16 offset in <see cref="Value"/> (JSON strings hold no line breaks).</summary>
    public SourceLocation Locate(int offset)
    {
        var at = Location;
        offset = Math.Clamp(offset, 0, Value.Length);
        if (Raw is null)
        {
            return at with { Column = at.Column + SourceLocation.ColumnAfter(Value.AsSpan(0, offset)) };
        }

        // Walk the raw text: an escape is several raw characters for one decoded UTF-16 unit (\uD83D\uDE00 is twelve for two).
        var raw = 0;
        for (var decoded = 0; decoded < offset && raw < Raw.Length; decoded++)
        {
            raw += Raw[raw] != '\\' ? 1 : Raw[raw + 1] == 'u' ? 6 : 2;
        }

        return at with { Column = at.Column + SourceLocation.ColumnAfter(Raw.AsSpan(0, Math.Min(raw, Raw.Length))) };
    }
}

/// <summary>A JSON number, kept as written.</summary>
public sealed class LocatedNumber : LocatedJson
{
    private readonly string _text;

    internal LocatedNumber(JsonInput input, long offset, LocatedJson? parent, string? name, int index, string text)
        : base(input, offset, parent, name, index) => _text = text;

    /// <inheritdoc/>
    public override JsonValueKind Kind => JsonValueKind.Number;

    /// <inheritdoc/>
    public override string Text => _text;

    /// <summary>The number as a whole number; false when it is not one or out of range.</summary>
    public bool TryGetInt64(out long value) => long.TryParse(_text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>The number as a finite double; false when it overflows.</summary>
    public bool TryGetDouble(out double value) =>
        double.TryParse(_text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <inheritdoc/>
    public override string Describe() => $"the number {_text}";
}

/// <summary>true or false.</summary>
public sealed class LocatedBool : LocatedJson
{
    internal LocatedBool(JsonInput input, long offset, LocatedJson? parent, string? name, int index, bool value)
        : base(input, offset, parent, name, index) => Value = value;

    /// <summary>The value.</summary>
    public bool Value { get; }

    /// <inheritdoc/>
    public override JsonValueKind Kind => Value ? JsonValueKind.True : JsonValueKind.False;

    /// <inheritdoc/>
    public override string Text => Value ? "true" : "false";

    /// <inheritdoc/>
    public override string Describe() => Text;
}

/// <summary>null.</summary>
public sealed class LocatedNull : LocatedJson
{
    internal LocatedNull(JsonInput input, long offset, LocatedJson? parent, string? name, int index)
        : base(input, offset, parent, name, index)
    {
    }

    /// <inheritdoc/>
    public override JsonValueKind Kind => JsonValueKind.Null;

    /// <inheritdoc/>
    public override string Describe() => "null";
}
