using System.Collections.Immutable;
using System.Text;
using System.Text.Json;

namespace Detente.Negotiation.Reading;

/// <summary>A JSON value with where it starts in its file, so readers can name the line and column of a bad field.</summary>
internal abstract record JsonTree(SourceLocation Location)
{
    public abstract string Kind { get; }

    /// <summary>Parses a whole file; malformed JSON becomes a located error.</summary>
    public static JsonTree Parse(string displayPath, byte[] bytes)
    {
        var lines = new LineMap(displayPath, bytes);
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            throw new NegotiationDataException(lines.Locate(0), "the file starts with a byte-order mark; save it as UTF-8 without one");
        }

        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
        try
        {
            if (!reader.Read())
            {
                throw new NegotiationDataException(lines.Locate(0), "the file is empty; expected a JSON object");
            }

            var tree = Read(ref reader, lines);
            if (reader.Read())
            {
                throw new NegotiationDataException(lines.Locate(reader.TokenStartIndex),
                    "expected the end of the file after the top-level value");
            }

            return tree;
        }
        catch (JsonException e)
        {
            var message = e.Message.Split(" LineNumber:", 2)[0].TrimEnd('.', ' ');
            throw new NegotiationDataException(
                new SourceLocation(displayPath, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1),
                    $"malformed JSON: {message}");
        }
    }

    private static JsonTree Read(ref Utf8JsonReader reader, LineMap lines)
    {
        var at = lines.Locate(reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var props = ImmutableArray.CreateBuilder<JsonProperty>();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var nameAt = lines.Locate(reader.TokenStartIndex);
                    var name = reader.GetString()!;
                    if (props.Any(p => p.Name == name))
                    {
                        throw new NegotiationDataException(nameAt, $"field '{name}' appears twice");
                    }

                    reader.Read();
                    props.Add(new JsonProperty(name, nameAt, Read(ref reader, lines)));
                }

                return new JsonObjectTree(at, props.ToImmutable());
            case JsonTokenType.StartArray:
                var items = ImmutableArray.CreateBuilder<JsonTree>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(Read(ref reader, lines));
                }

                return new JsonArrayTree(at, items.ToImmutable());
            case JsonTokenType.String:
                return new JsonStringTree(at, reader.GetString()!)
                {
                    Raw = reader.ValueIsEscaped ? Encoding.UTF8.GetString(reader.ValueSpan) : null,
                };
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var n) ? new JsonNumberTree(at, n, true) : new JsonNumberTree(at, 0, false);
            case JsonTokenType.True:
                return new JsonBoolTree(at, true);
            case JsonTokenType.False:
                return new JsonBoolTree(at, false);
            default:
                return new JsonNullTree(at);
        }
    }

    /// <summary>Maps byte offsets to 1-based lines and character columns.</summary>
    private sealed class LineMap(string path, byte[] bytes)
    {
        private readonly List<int> starts = LineStarts(bytes);

        public SourceLocation Locate(long offset)
        {
            var i = starts.BinarySearch((int)offset);
            var line = i >= 0 ? i : ~i - 1;
            var column = Encoding.UTF8.GetCharCount(bytes, starts[line], (int)offset - starts[line]) + 1;
            return new SourceLocation(path, line + 1, column);
        }

        private static List<int> LineStarts(byte[] bytes)
        {
            var list = new List<int> { 0 };
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    list.Add(i + 1);
                }
            }

            return list;
        }
    }
}

internal sealed record JsonProperty(string Name, SourceLocation NameLocation, JsonTree Value);

internal sealed record JsonObjectTree(SourceLocation Location, ImmutableArray<JsonProperty> Properties) : JsonTree(Location)
{
    public override string Kind => "an object";

    public JsonTree? this[string name] => Properties.FirstOrDefault(p => p.Name == name)?.Value;
}

internal sealed record JsonArrayTree(SourceLocation Location, ImmutableArray<JsonTree> Items) : JsonTree(Location)
{
    public override string Kind => "an array";
}

internal sealed record JsonStringTree(SourceLocation Location, string Value) : JsonTree(Location)
{
    public override string Kind => $"the string \"{Value}\"";

    /// <summary>The text between the quotes as written, when it holds escapes; null when it equals <see cref="Value"/>.</summary>
    public string? Raw { get; init; }

    /// <summary>The line and column in the file of a 0-based offset in <see cref="Value"/> (JSON strings hold no line breaks).</summary>
    public (int Line, int Column) Locate(int offset)
    {
        if (Raw is null)
        {
            return (Location.Line, Location.Column + 1 + offset);
        }

        // Walk the raw text: an escape is several raw characters for one decoded character (\uD83D\uDE00 is two for two).
        var raw = 0;
        for (var decoded = 0; decoded < offset && raw < Raw.Length; decoded++)
        {
            raw += Raw[raw] != '\\' ? 1 : Raw[raw + 1] == 'u' ? 6 : 2;
        }

        return (Location.Line, Location.Column + 1 + raw);
    }
}

internal sealed record JsonNumberTree(SourceLocation Location, long Value, bool IsInteger) : JsonTree(Location)
{
    public override string Kind => IsInteger ? $"the number {Value}" : "a number that is not a whole number";
}

internal sealed record JsonBoolTree(SourceLocation Location, bool Value) : JsonTree(Location)
{
    public override string Kind => Value ? "true" : "false";
}

internal sealed record JsonNullTree(SourceLocation Location) : JsonTree(Location)
{
    public override string Kind => "null";
}
