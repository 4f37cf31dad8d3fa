namespace Detente.Core;

/// <summary>
/// A place in a file a person wrote: the file as the user named it, the line and the column, both from 1. The one form of a
/// source location every error about input uses, printed as <c>file:line:column</c>.
/// </summary>
/// <remarks>
/// A column counts characters as Unicode scalar values: a character outside the Basic Multilingual Plane (an emoji, written
/// in UTF-16 as a surrogate pair and in UTF-8 as four bytes) is one column; a combining mark (U+0301 after an 'e') is a
/// character of its own, so "é" written as two code points is two columns. A byte-order mark is not a character.
/// </remarks>
/// <param name="File">The file as the user named it (or the name the caller gave the input).</param>
/// <param name="Line">The line, from 1; 0 when the location is the whole file.</param>
/// <param name="Column">The column in characters, from 1; 0 when the location is the whole file.</param>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>The whole file, without a line or column.</summary>
    public static SourceLocation Whole(string file) => new(file, 0, 0);

    /// <summary>True when the location names a line and column, not just the file.</summary>
    public bool HasLine => Line > 0;

    /// <summary>The column (from 1) just after <paramref name="lineBefore"/>, the UTF-8 bytes of a line before the place.</summary>
    public static int ColumnAfter(ReadOnlySpan<byte> lineBefore)
    {
        // Invariant: every Unicode scalar value has exactly one byte that is not a continuation byte (10xxxxxx); on bytes that
        // are not UTF-8 this still counts each stray byte once.
        var characters = 0;
        foreach (var b in lineBefore)
        {
            if ((b & 0xC0) != 0x80)
            {
                characters++;
            }
        }

        return characters + 1;
    }

    /// <summary>The column (from 1) just after <paramref name="lineBefore"/>, the UTF-16 text of a line before the place.</summary>
    public static int ColumnAfter(ReadOnlySpan<char> lineBefore)
    {
        var characters = 0;
        foreach (var c in lineBefore)
        {
            if (!char.IsLowSurrogate(c))
            {
                characters++;
            }
        }

        return characters + 1;
    }

    /// <summary>The location of a 0-based UTF-8 byte <paramref name="offset"/> in <paramref name="utf8"/> (a byte-order mark already removed).</summary>
    public static SourceLocation At(string file, ReadOnlySpan<byte> utf8, long offset)
    {
        var before = utf8[..(int)Math.Clamp(offset, 0, utf8.Length)];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return new SourceLocation(file, 1 + before.Count((byte)'\n'), ColumnAfter(before[lineStart..]));
    }

    /// <inheritdoc/>
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
