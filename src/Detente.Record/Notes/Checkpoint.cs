using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Detente.Record.Keys;
using Detente.Record.Merkle;

namespace Detente.Record.Notes;

/// <summary>
/// A C2SP <c>tlog-checkpoint</c> body: origin line, tree size in decimal, base64 root hash, then optional extension lines.
/// Signed as a <see cref="SignedNote"/> by the log key, whose name should equal the origin.
/// </summary>
public sealed record Checkpoint
{
    /// <summary>
    /// Creates a checkpoint; the origin must be a non-empty line (spaces are accepted so foreign logs such as
    /// <c>go.sum database tree</c> parse, though C2SP recommends a schema-less URL) and extension lines non-empty single lines.
    /// </summary>
    public Checkpoint(string origin, long size, MerkleHash rootHash, ImmutableArray<string> extensions = default)
    {
        if (string.IsNullOrEmpty(origin) || origin.Any(char.IsControl))
        {
            throw new ArgumentException(RecordMessages.CheckpointOrigin(origin), nameof(origin));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var ext = extensions.IsDefault ? [] : extensions;
        foreach (var line in ext)
        {
            if (string.IsNullOrEmpty(line) || line.Any(c => c < 0x20))
            {
                throw new ArgumentException(RecordMessages.CheckpointExtension, nameof(extensions));
            }
        }

        Origin = origin;
        Size = size;
        RootHash = rootHash;
        Extensions = ext;
    }

    /// <summary>The log's origin, e.g. <c>example.org/test-log</c>.</summary>
    public string Origin { get; }

    /// <summary>The number of entries in the tree.</summary>
    public long Size { get; }

    /// <summary>The RFC 6962 root hash of the first <see cref="Size"/> entries.</summary>
    public MerkleHash RootHash { get; }

    /// <summary>Extension lines (not recommended by the spec; kept so foreign checkpoints round-trip).</summary>
    public ImmutableArray<string> Extensions { get; }

    /// <summary>The note text: origin, size, root and extension lines, each ending in '\n'.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        sb.Append(Origin).Append('\n')
            .Append(Size.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(RootHash.ToBase64()).Append('\n');
        foreach (var line in Extensions)
        {
            sb.Append(line).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Signs the checkpoint text with the log key.</summary>
    public SignedNote Sign(SigningKey logKey) => SignedNote.Sign(ToText(), logKey);

    /// <summary>Parses a checkpoint body (a note's text); throws <see cref="RecordFormatException"/> naming the bad line.</summary>
    public static Checkpoint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.EndsWith('\n'))
        {
            throw new RecordFormatException(RecordMessages.CheckpointShape);
        }

        var lines = text[..^1].Split('\n');
        if (lines.Length < 3)
        {
            throw new RecordFormatException(RecordMessages.CheckpointShape);
        }

        if (lines[0].Length == 0 || lines[0].Any(char.IsControl))
        {
            throw new RecordFormatException(RecordMessages.CheckpointOrigin(lines[0]));
        }

        var sizeText = lines[1];
        if (sizeText.Length == 0 || sizeText.Length > 19 || (sizeText.Length > 1 && sizeText[0] == '0')
            || !sizeText.All(char.IsAsciiDigit)
            || !long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            throw new RecordFormatException(RecordMessages.CheckpointSize(sizeText));
        }

        if (!MerkleHash.TryFromBase64(lines[2], out var root))
        {
            throw new RecordFormatException(RecordMessages.HashBase64(lines[2]));
        }

        var extensions = lines.Skip(3).ToImmutableArray();
        if (extensions.Any(string.IsNullOrEmpty))
        {
            throw new RecordFormatException(RecordMessages.CheckpointExtension);
        }

        return new Checkpoint(lines[0], size, root, extensions);
    }
}
