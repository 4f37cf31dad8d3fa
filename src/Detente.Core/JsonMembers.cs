using System.Text.Json;

namespace Detente.Core;

/// <summary>
/// Finds a member given twice in one JSON object, with its line and column: JSON readers disagree on which of two equal names
/// wins, so every reader of a file treats a second one as an error (System.Text.Json's own check does not say where it is).
/// </summary>
public static class JsonMembers
{
    /// <summary>The first member named twice in one object, or null (also when the text is not JSON: its parser says why).</summary>
    public static (int Line, int Column, string Name)? FirstDuplicate(ReadOnlySpan<byte> utf8)
    {
        if (utf8 is [0xEF, 0xBB, 0xBF, ..])
        {
            return FirstDuplicate(utf8[3..]) is { } found ? found : null;
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var open = new List<HashSet<string>>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        var depth = reader.CurrentDepth + 1;
                        while (open.Count <= depth)
                        {
                            open.Add(new HashSet<string>(StringComparer.Ordinal));
                        }

                        open[depth].Clear();
                        break;
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        if (!open[reader.CurrentDepth].Add(name))
                        {
                            var (line, column) = Locate(utf8, (int)reader.TokenStartIndex);
                            return (line, column, name);
                        }

                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    /// <summary>The 1-based line and column (in characters, see <see cref="SourceLocation"/>) of a byte offset of UTF-8 text.</summary>
    public static (int Line, int Column) Locate(ReadOnlySpan<byte> utf8, int offset)
    {
        var at = SourceLocation.At("", utf8, offset);
        return (at.Line, at.Column);
    }
}
