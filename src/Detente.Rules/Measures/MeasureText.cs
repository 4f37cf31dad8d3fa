namespace Detente.Rules.Measures;

/// <summary>
/// The text of a measure (or of a parameter's value) and where it sits in its file, so errors name the file's line and
/// column even when the text is embedded in another format, e.g. a JSON string.
/// </summary>
public sealed class MeasureText
{
    private readonly Func<int, (int Line, int Column)> _locate;

    /// <summary>Creates a located text.</summary>
    /// <param name="text">The rule-language text.</param>
    /// <param name="file">The file it comes from, as shown in errors.</param>
    /// <param name="locate">
    /// Maps a 0-based offset in <paramref name="text"/> to the 1-based line and column in the file; when null, the text is
    /// taken to be the whole file.
    /// </param>
    public MeasureText(string text, string file, Func<int, (int Line, int Column)>? locate = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        Text = text;
        File = file;
        _locate = locate ?? (offset => WithinText(text, offset));
    }

    /// <summary>The rule-language text.</summary>
    public string Text { get; }

    /// <summary>The file, as shown in errors.</summary>
    public string File { get; }

    /// <summary>The file position of a 0-based offset in the text.</summary>
    public (int Line, int Column) Locate(int offset) => _locate(Math.Clamp(offset, 0, Text.Length));

    /// <summary>The 0-based offset in the text of a rule position (1-based line and column within the text).</summary>
    internal int OffsetOf(int line, int column)
    {
        var offset = 0;
        for (var l = 1; l < line && offset < Text.Length; l++)
        {
            var next = Text.IndexOf('\n', offset);
            offset = next < 0 ? Text.Length : next + 1;
        }

        return Math.Min(Text.Length, offset + column - 1);
    }

    private static (int Line, int Column) WithinText(string text, int offset)
    {
        var line = 1;
        var start = 0;
        for (var i = 0; i < offset && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                start = i + 1;
            }
        }

        return (line, offset - start + 1);
    }
}
