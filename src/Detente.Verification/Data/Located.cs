using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Detente.Verification.Data;

/// <summary>What kind of JSON value a <see cref="Located"/> node holds.</summary>
public enum LocatedKind
{
    /// <summary>An object.</summary>
    Object,

    /// <summary>An array.</summary>
    Array,

    /// <summary>A string.</summary>
    String,

    /// <summary>A number.</summary>
    Number,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>null.</summary>
    Null,
}

/// <summary>
/// A JSON value that remembers where it was: a small tree read with <see cref="Utf8JsonReader"/> in which every value keeps its
/// file, line and column, so a reader can say "regimes.json:14:9: field 'quota': expected a whole number". Verification may not
/// use the scenario library's located reader (DESIGN.md), so this is its own, on System.Text.Json only.
/// </summary>
public sealed class Located
{
    private Located(LocatedKind kind, string where, string path)
    {
        Kind = kind;
        Where = where;
        Path = path;
    }

    /// <summary>The value's kind.</summary>
    public LocatedKind Kind { get; }

    /// <summary>Where the value starts: <c>file:line:column</c>.</summary>
    public string Where { get; }

    /// <summary>The field path from the root, e.g. <c>regimes[0].parameters.quota</c>.</summary>
    public string Path { get; }

    /// <summary>The text of a string, or the raw text of a number or boolean.</summary>
    public string? Text { get; private set; }

    /// <summary>The members of an object, in file order.</summary>
    public ImmutableArray<KeyValuePair<string, Located>> Members { get; private set; } = [];

    /// <summary>The items of an array.</summary>
    public ImmutableArray<Located> Items { get; private set; } = [];

    /// <summary>Parses UTF-8 JSON; syntax errors name the file, line and column.</summary>
    public static Located Parse(byte[] utf8, string file)
    {
        ArgumentNullException.ThrowIfNull(utf8);

        // A UTF-8 byte order mark is allowed (editors on some systems write one) and is not part of the document.
        if (utf8.AsSpan().StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        var lines = new LineMap(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
        try
        {
            if (!reader.Read())
            {
                throw new VerificationDataException($"{file}:1:1: expected a JSON value, found an empty file");
            }

            var root = ReadValue(ref reader, lines, file, "");
            if (reader.Read())
            {
                throw new VerificationDataException($"{lines.Where(file, reader.TokenStartIndex)}: unexpected content after the end of the document");
            }

            return root;
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            throw new VerificationDataException($"{file}:{line}:{column}: not valid JSON: {FirstSentence(e.Message)}", e);
        }
    }

    /// <summary>Reads a file and parses it; an unreadable file is a located error too.</summary>
    public static Located Load(string path, string displayPath)
    {
        byte[] bytes;
        try
        {
            bytes = Core.InputFile.ReadAllBytes(path, Core.InputFile.DataLimit, displayPath);
        }
        catch (Core.InputFileException e)
        {
            throw new VerificationDataException(e.Message, e);
        }

        return Parse(bytes, displayPath);
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd('.', ' ');
    }

    private static Located ReadValue(ref Utf8JsonReader reader, LineMap lines, string file, string path)
    {
        var where = lines.Where(file, reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var node = new Located(LocatedKind.Object, where, path);
                var members = ImmutableArray.CreateBuilder<KeyValuePair<string, Located>>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    var nameWhere = lines.Where(file, reader.TokenStartIndex);
                    if (!seen.Add(name))
                    {
                        throw new VerificationDataException($"{nameWhere}: field '{Join(path, name)}' appears twice");
                    }

                    reader.Read();
                    members.Add(new(name, ReadValue(ref reader, lines, file, Join(path, name))));
                }

                node.Members = members.ToImmutable();
                return node;
            }

            case JsonTokenType.StartArray:
            {
                var node = new Located(LocatedKind.Array, where, path);
                var items = ImmutableArray.CreateBuilder<Located>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader, lines, file, $"{path}[{items.Count}]"));
                }

                node.Items = items.ToImmutable();
                return node;
            }

            case JsonTokenType.String:
                return new Located(LocatedKind.String, where, path) { Text = reader.GetString() };
            case JsonTokenType.Number:
                return new Located(LocatedKind.Number, where, path) { Text = Encoding.UTF8.GetString(reader.ValueSpan) };
            case JsonTokenType.True:
            case JsonTokenType.False:
                return new Located(LocatedKind.Boolean, where, path) { Text = reader.TokenType == JsonTokenType.True ? "true" : "false" };
            default:
                return new Located(LocatedKind.Null, where, path);
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>The member called <paramref name="name"/>, or null.</summary>
    public Located? Find(string name)
    {
        foreach (var m in Members)
        {
            if (m.Key == name)
            {
                return m.Value;
            }
        }

        return null;
    }

    /// <summary>A located error about this value.</summary>
    public VerificationDataException Fail(string problem) =>
        new($"{Where}: {(Path.Length == 0 ? "" : $"field '{Path}': ")}{problem}");

    /// <summary>Fails unless this is an object whose members are all among <paramref name="known"/>; suggests the nearest name.</summary>
    public Located ExpectObject(params string[] known)
    {
        if (Kind != LocatedKind.Object)
        {
            throw Fail($"expected an object, found {Describe()}");
        }

        foreach (var m in Members)
        {
            if (Array.IndexOf(known, m.Key) < 0)
            {
                throw m.Value.Fail($"unknown field{Names.Suggestion(m.Key, known)}; expected one of {string.Join(", ", known)}");
            }
        }

        return this;
    }

    /// <summary>The required member <paramref name="name"/>.</summary>
    public Located Required(string name) =>
        Find(name) ?? throw new VerificationDataException($"{Where}: {(Path.Length == 0 ? "" : $"'{Path}': ")}missing field '{name}'");

    /// <summary>What the value is, for messages.</summary>
    public string Describe() => Kind switch
    {
        LocatedKind.String => $"the string '{Text}'",
        LocatedKind.Number => $"the number {Text}",
        LocatedKind.Boolean => Text!,
        LocatedKind.Null => "null",
        LocatedKind.Array => "an array",
        _ => "an object",
    };

    /// <summary>A non-empty string.</summary>
    public string String()
    {
        if (Kind != LocatedKind.String || string.IsNullOrWhiteSpace(Text))
        {
            throw Fail($"expected a non-empty string, found {Describe()}");
        }

        return Text!;
    }

    /// <summary>A whole number within bounds.</summary>
    public int Int(int min = 0, int max = int.MaxValue)
    {
        if (Kind != LocatedKind.Number || !int.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            throw Fail($"expected a whole number, found {Describe()}");
        }

        if (n < min || n > max)
        {
            throw Fail($"expected a whole number from {min}{(max == int.MaxValue ? "" : $" to {max}")}, found {n}");
        }

        return n;
    }

    /// <summary>true or false.</summary>
    public bool Bool() =>
        Kind == LocatedKind.Boolean ? Text == "true" : throw Fail($"expected true or false, found {Describe()}");

    /// <summary>An ISO calendar date.</summary>
    public DateOnly Date()
    {
        var text = String();
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw Fail($"expected an ISO date (YYYY-MM-DD), found '{text}'");
    }

    /// <summary>A day or a UTC time (see <see cref="Steps.Moment"/>).</summary>
    public Steps.Moment ReadMoment() =>
        Steps.Moment.TryParse(String(), out var m) ? m : throw Fail($"expected a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDTHH:MM:SSZ), found '{Text}'");

    /// <summary>An array of non-empty strings; with <paramref name="nonEmpty"/>, at least one.</summary>
    public ImmutableArray<string> Strings(bool nonEmpty = true)
    {
        if (Kind != LocatedKind.Array)
        {
            throw Fail($"expected an array of strings, found {Describe()}");
        }

        if (nonEmpty && Items.Length == 0)
        {
            throw Fail("expected at least one entry");
        }

        return [.. Items.Select(i => i.String())];
    }

    /// <summary>One of <paramref name="words"/>, with the nearest one suggested otherwise.</summary>
    public string Word(params string[] words)
    {
        var text = String();
        return Array.IndexOf(words, text) >= 0
            ? text
            : throw Fail($"unknown value '{text}'{Names.Suggestion(text, words)}; expected one of {string.Join(", ", words)}");
    }

    private sealed class LineMap(byte[] bytes)
    {
        private readonly List<int> _starts = Starts(bytes);

        private static List<int> Starts(byte[] bytes)
        {
            var starts = new List<int> { 0 };
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    starts.Add(i + 1);
                }
            }

            return starts;
        }

        public string Where(string file, long offset)
        {
            var index = _starts.BinarySearch((int)offset);
            var line = index >= 0 ? index : ~index - 1;
            var start = _starts[line];
            int column;
            try
            {
                column = new UTF8Encoding(false, true).GetCharCount(bytes, start, (int)offset - start) + 1;
            }
            catch (DecoderFallbackException)
            {
                column = (int)offset - start + 1;
            }

            return $"{file}:{line + 1}:{column}";
        }
    }
}
