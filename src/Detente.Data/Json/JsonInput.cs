using System.Text;
using Detente.Core;

namespace Detente.Data;

/// <summary>The bytes of one data file with its display path; maps byte offsets to lines and columns when an error needs them.</summary>
internal sealed class DataFile(string path, byte[] bytes)
{
    public string Path { get; } = path;

    public byte[] Bytes { get; } = bytes;

    public static DataFile Read(string path, string displayPath)
    {
        try
        {
            return new DataFile(displayPath, InputFile.ReadAllBytes(path, InputFile.DataLimit, displayPath));
        }
        catch (InputFileException e)
        {
            throw new DataException(new DataLocation(displayPath, e.Line, e.Column), null, e.Problem);
        }
    }

    /// <summary>The line and column (in characters, from 1) of a byte offset.</summary>
    public DataLocation Locate(long offset)
    {
        offset = Math.Clamp(offset, 0, Bytes.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (Bytes[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new DataLocation(Path, line, CharColumn(lineStart, (int)offset));
    }

    /// <summary>The location of a 0-based line and byte position in that line, as System.Text.Json reports them.</summary>
    public DataLocation LocateLine(long zeroBasedLine, long bytePositionInLine)
    {
        var lineStart = 0;
        for (long line = 0; line < zeroBasedLine && lineStart < Bytes.Length; line++)
        {
            var next = Array.IndexOf(Bytes, (byte)'\n', lineStart);
            if (next < 0)
            {
                break;
            }

            lineStart = next + 1;
        }

        var end = (int)Math.Min(Bytes.Length, lineStart + bytePositionInLine);
        return new DataLocation(Path, (int)zeroBasedLine + 1, CharColumn(lineStart, end));
    }

    private int CharColumn(int lineStart, int offset)
    {
        try
        {
            return new UTF8Encoding(false, true).GetCharCount(Bytes, lineStart, offset - lineStart) + 1;
        }
        catch (DecoderFallbackException)
        {
            return offset - lineStart + 1;
        }
    }
}
