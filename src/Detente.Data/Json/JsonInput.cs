using Detente.Core;

namespace Detente.Data.Json;

/// <summary>
/// The text of one JSON input (a data file, a record entry's body, a request) with the name errors give it: UTF-8 checked,
/// a byte-order mark set aside, and byte offsets mapped to lines and character columns (<see cref="SourceLocation"/>) when a
/// message needs them. Every reader of Data starts from one.
/// </summary>
public sealed class JsonInput
{
    private readonly byte[] _bytes;
    private readonly int _start;
    private int[]? _lineStarts;

    private JsonInput(string file, byte[] bytes)
    {
        File = file;
        _bytes = bytes;

        // Policy: a UTF-8 byte-order mark is accepted (some editors write one) and is no part of the text, so it is not a
        // column of line 1. Bytes that are not UTF-8 are an error at their line and column.
        _start = InputFile.ByteOrderMarkLength(bytes);
        InputFile.CheckUtf8(bytes.AsSpan(_start), file);
    }

    /// <summary>The input's name as errors print it: the file as the user named it, or e.g. <c>record entry 12</c>.</summary>
    public string File { get; }

    /// <summary>The UTF-8 text, without a byte-order mark; offsets of <see cref="Locate"/> count from its start.</summary>
    public ReadOnlySpan<byte> Text => _bytes.AsSpan(_start);

    /// <summary>The UTF-8 text as memory, without a byte-order mark.</summary>
    public ReadOnlyMemory<byte> Memory => _bytes.AsMemory(_start);

    /// <summary>The bytes as read, with a byte-order mark if the file had one.</summary>
    public byte[] Bytes => _bytes;

    /// <summary>Reads a regular file of at most <see cref="InputFile.DataLimit"/> bytes; any problem is an <see cref="InputException"/> naming <paramref name="displayPath"/>.</summary>
    public static JsonInput Read(string path, string? displayPath = null, long limit = InputFile.DataLimit)
    {
        ArgumentNullException.ThrowIfNull(path);
        var shown = displayPath ?? path;
        return new JsonInput(shown, InputFile.ReadAllBytes(path, limit, shown));
    }

    /// <summary>The input of <paramref name="utf8"/> named <paramref name="file"/>; bytes that are not UTF-8 are an <see cref="InputException"/>.</summary>
    public static JsonInput Of(byte[] utf8, string file)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ArgumentNullException.ThrowIfNull(file);
        return new JsonInput(file, utf8);
    }

    /// <summary>The line and column of a byte offset of <see cref="Text"/>.</summary>
    public SourceLocation Locate(long offset)
    {
        var text = Text;
        var at = (int)Math.Clamp(offset, 0, text.Length);
        var starts = _lineStarts ??= LineStarts(text);
        var index = Array.BinarySearch(starts, at);
        var line = index >= 0 ? index : ~index - 1;
        return new SourceLocation(File, line + 1, SourceLocation.ColumnAfter(text[starts[line]..at]));
    }

    /// <summary>The location System.Text.Json reports in a <see cref="System.Text.Json.JsonException"/>: a 0-based line and a byte position in it.</summary>
    public SourceLocation LocateLine(long zeroBasedLine, long bytePositionInLine)
    {
        var starts = _lineStarts ??= LineStarts(Text);
        var line = (int)Math.Clamp(zeroBasedLine, 0, starts.Length - 1);
        return Locate(starts[line] + bytePositionInLine);
    }

    /// <summary>An error at a byte offset of <see cref="Text"/>.</summary>
    public InputException Fail(long offset, string? field, string message) => new(Locate(offset), field, message);

    private static int[] LineStarts(ReadOnlySpan<byte> text)
    {
        var starts = new List<int> { 0 };
        int next, from = 0;
        while ((next = text[from..].IndexOf((byte)'\n')) >= 0)
        {
            from += next + 1;
            starts.Add(from);
        }

        return [.. starts];
    }
}
