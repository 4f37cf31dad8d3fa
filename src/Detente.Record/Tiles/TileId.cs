using System.Globalization;
using System.Text;

namespace Detente.Record.Tiles;

/// <summary>
/// A C2SP tlog-tiles resource: a hash tile <c>tile/&lt;L&gt;/&lt;N&gt;[.p/&lt;W&gt;]</c> or an entry bundle
/// <c>tile/entries/&lt;N&gt;[.p/&lt;W&gt;]</c>. Tiles have height 8 and width 256; a width below 256 marks a partial tile.
/// </summary>
/// <param name="Level">The tile level L (0–63); 0 for entry bundles.</param>
/// <param name="Index">The tile index N at that level.</param>
/// <param name="Width">How many hashes or entries it holds, 1–256.</param>
/// <param name="IsEntries">True for an entry bundle, false for a hash tile.</param>
public readonly record struct TileId(int Level, long Index, int Width, bool IsEntries = false)
{
    /// <summary>Levels of the Merkle tree per tile level.</summary>
    public const int Height = 8;

    /// <summary>Hashes (or entries) in a full tile.</summary>
    public const int FullWidth = 256;

    /// <summary>True when the tile holds fewer than 256 hashes or entries.</summary>
    public bool IsPartial => Width < FullWidth;

    /// <summary>The resource path relative to the log prefix, e.g. <c>tile/0/x001/x234/067.p/8</c>.</summary>
    public string Path
    {
        get
        {
            var sb = new StringBuilder("tile/");
            sb.Append(IsEntries ? "entries" : Level.ToString(CultureInfo.InvariantCulture)).Append('/').Append(FormatIndex(Index));
            if (IsPartial)
            {
                sb.Append(".p/").Append(Width.ToString(CultureInfo.InvariantCulture));
            }

            return sb.ToString();
        }
    }

    /// <summary>Writes N as 3-digit groups with an <c>x</c> before all but the last: 1234067 → <c>x001/x234/067</c>.</summary>
    public static string FormatIndex(long n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var groups = new List<string>();
        do
        {
            groups.Add((n % 1000).ToString("000", CultureInfo.InvariantCulture));
            n /= 1000;
        }
        while (n > 0);

        groups.Reverse();
        for (var i = 0; i < groups.Count - 1; i++)
        {
            groups[i] = "x" + groups[i];
        }

        return string.Join('/', groups);
    }

    /// <summary>Parses a tile path; throws <see cref="RecordFormatException"/> when it is not one.</summary>
    public static TileId Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = path.Split('/');
        if (parts.Length < 3 || parts[0] != "tile")
        {
            throw new RecordFormatException(RecordMessages.TilePath(path));
        }

        var isEntries = parts[1] == "entries";
        var level = 0;
        if (!isEntries && (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out level) || level > 63
            || parts[1] != level.ToString(CultureInfo.InvariantCulture)))
        {
            throw new RecordFormatException(RecordMessages.TilePath(path));
        }

        var rest = parts[2..];
        var width = FullWidth;
        if (rest.Length >= 2 && rest[^2].EndsWith(".p", StringComparison.Ordinal))
        {
            if (!int.TryParse(rest[^1], NumberStyles.None, CultureInfo.InvariantCulture, out width) || width is < 1 or > 255
                || rest[^1] != width.ToString(CultureInfo.InvariantCulture))
            {
                throw new RecordFormatException(RecordMessages.TilePath(path));
            }

            rest = [.. rest[..^2], rest[^2][..^2]];
        }

        long index = 0;
        for (var i = 0; i < rest.Length; i++)
        {
            var group = rest[i];
            var last = i == rest.Length - 1;
            if (!last)
            {
                if (!group.StartsWith('x'))
                {
                    throw new RecordFormatException(RecordMessages.TilePath(path));
                }

                group = group[1..];
            }

            if (group.Length != 3 || !group.All(char.IsAsciiDigit))
            {
                throw new RecordFormatException(RecordMessages.TilePath(path));
            }

            index = checked((index * 1000) + int.Parse(group, CultureInfo.InvariantCulture));
        }

        var id = new TileId(level, index, width, isEntries);
        if (id.Path != path)
        {
            throw new RecordFormatException(RecordMessages.TilePath(path));
        }

        return id;
    }

    /// <inheritdoc/>
    public override string ToString() => Path;
}
