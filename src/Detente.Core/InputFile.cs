using System.Runtime.InteropServices;
using System.Text;

namespace Detente.Core;

/// <summary>
/// The one way Detente reads a file a person or another party supplied (scenario files, catalogue, regions, geography,
/// negotiation, regimes, events, observation files, agreements, overlays, keyrings, tiles): only a regular file, followed
/// through links, and never more than a stated number of bytes. A link to <c>/dev/zero</c>, a FIFO or a directory in
/// place of a file is refused before it is opened, and a file that grows past the limit while it is read is refused too.
/// The limits are documented in docs/security.md, "Hostile input".
/// </summary>
public static class InputFile
{
    /// <summary>
    /// A data file: a scenario file or shard (a synthetic world puts up to a million sites in one), the catalogue, regions, country
    /// shapes, negotiation, regimes, events, overlays (256 MiB).
    /// </summary>
    public const long DataLimit = 256L << 20;

    /// <summary>An observation file (CSV or GeoJSON) of a bulk import (1 GiB).</summary>
    public const long BulkLimit = 1L << 30;

    /// <summary>An agreement's text (<c>.accord</c>, 8 MiB).</summary>
    public const long AgreementLimit = 8L << 20;

    /// <summary>A keyring (1 MiB).</summary>
    public const long KeyringLimit = 1L << 20;

    /// <summary>One tile or checkpoint of a tile directory (16 MiB: a full data tile of 256 entries of at most 64 KiB each).</summary>
    public const long TileLimit = 16L << 20;

    /// <summary>True when something (a file, a directory, a link, a device) is at <paramref name="path"/>.</summary>
    public static bool Exists(string path) =>
        File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;

    /// <summary>True when <paramref name="path"/> is a regular file (or a link to one): not missing, a directory, a device, pipe or socket.</summary>
    public static bool IsRegularFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return KindOf(path) == EntryKind.Regular;
    }

    /// <summary>
    /// The bytes of the regular file at <paramref name="path"/>; throws <see cref="InputException"/> naming
    /// <paramref name="displayPath"/> (or the path) when it is missing, not a regular file, larger than <paramref name="limit"/>
    /// bytes, or cannot be read.
    /// </summary>
    public static byte[] ReadAllBytes(string path, long limit, string? displayPath = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var shown = displayPath ?? path;
        var kind = KindOf(path);
        if (kind != EntryKind.Regular)
        {
            throw Unusable(shown, kind switch
            {
                EntryKind.Missing => "no such file",
                EntryKind.Directory => "is a directory, not a file",
                _ => "is not a regular file (a device, pipe or socket, or a link to one); only regular files are read",
            });
        }

        try
        {
            using var stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read,
                BufferSize = 0,
            });
            var length = stream.Length;
            if (length > limit)
            {
                throw TooLarge(shown, limit);
            }

            // Read at most limit + 1 bytes whatever the length said: a file that grows while it is read is refused too.
            var buffer = new MemoryStream((int)Math.Min(length + 1, limit + 1));
            var chunk = new byte[81920];
            long total = 0;
            int n;
            while ((n = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit + 1 - total))) > 0)
            {
                total += n;
                buffer.Write(chunk, 0, n);
                if (total > limit)
                {
                    throw TooLarge(shown, limit);
                }
            }

            return buffer.ToArray();
        }
        catch (IOException e)
        {
            throw Unusable(shown, $"cannot be read: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw Unusable(shown, $"cannot be read: {e.Message}");
        }
    }

    /// <summary>
    /// The text of the regular file at <paramref name="path"/>, which must be UTF-8 (a byte order mark is skipped); invalid
    /// UTF-8 is an <see cref="InputException"/> naming the line and column where it starts.
    /// </summary>
    public static string ReadAllText(string path, long limit, string? displayPath = null) =>
        DecodeUtf8(ReadAllBytes(path, limit, displayPath), displayPath ?? path);

    /// <summary>Decodes strict UTF-8 (a byte order mark is skipped); invalid bytes are an <see cref="InputException"/> with the line and column where they start.</summary>
    public static string DecodeUtf8(ReadOnlySpan<byte> bytes, string displayPath)
    {
        bytes = WithoutByteOrderMark(bytes);
        CheckUtf8(bytes, displayPath);
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>
    /// The text after a UTF-8 byte order mark, or all of it when there is none. Every reader of Detente accepts one (some editors
    /// write it) and treats it as no part of the text: it is not a character of the first line's columns.
    /// </summary>
    public static ReadOnlySpan<byte> WithoutByteOrderMark(ReadOnlySpan<byte> bytes) => bytes is [0xEF, 0xBB, 0xBF, ..] ? bytes[3..] : bytes;

    /// <summary>Length of the UTF-8 byte order mark at the start of <paramref name="bytes"/>: 3 or 0.</summary>
    public static int ByteOrderMarkLength(ReadOnlySpan<byte> bytes) => bytes is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0;

    /// <summary>Throws an <see cref="InputException"/> at the line and column of the first byte that is not UTF-8 (a byte order mark already removed).</summary>
    public static void CheckUtf8(ReadOnlySpan<byte> bytes, string displayPath)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return;
        }

        var valid = ValidPrefix(bytes);
        throw new InputException(SourceLocation.At(displayPath, bytes, valid), null, $"invalid UTF-8 (byte 0x{bytes[valid]:X2}); the file must be UTF-8 text");
    }

    private static int ValidPrefix(ReadOnlySpan<byte> bytes)
    {
        var rune = 0;
        while (rune < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[rune..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return rune;
            }

            rune += consumed;
        }

        return rune;
    }

    private static InputException TooLarge(string shown, long limit) =>
        Unusable(shown, $"is larger than the limit of {Size(limit)} for this kind of file");

    private static InputException Unusable(string shown, string problem) => new(SourceLocation.Whole(shown), null, problem);

    /// <summary>A limit in words: "64 MiB".</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 when bytes % (1L << 30) == 0 => $"{bytes >> 30} GiB",
        >= 1L << 20 when bytes % (1L << 20) == 0 => $"{bytes >> 20} MiB",
        >= 1L << 10 when bytes % (1L << 10) == 0 => $"{bytes >> 10} KiB",
        _ => $"{bytes} bytes",
    };

    private enum EntryKind
    {
        Missing,
        Regular,
        Directory,
        Other,
    }

    // The type of what the path names after following links. On Linux, statx(2) (whose layout is the same on every
    // architecture); elsewhere, what .NET reports (directories and links; devices are rare in place of data files there).
    private static EntryKind KindOf(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            var buffer = new byte[256];
            try
            {
                if (Statx(AtCurrentDirectory, path, 0, StatxType, buffer) != 0)
                {
                    return EntryKind.Missing;
                }
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                return FallbackKindOf(path);
            }

            var mode = BitConverter.ToUInt16(buffer, 28) & 0xF000;
            return mode switch
            {
                0x8000 => EntryKind.Regular,
                0x4000 => EntryKind.Directory,
                _ => EntryKind.Other,
            };
        }

        return FallbackKindOf(path);
    }

    private static EntryKind FallbackKindOf(string path)
    {
        if (Directory.Exists(path))
        {
            return EntryKind.Directory;
        }

        if (!File.Exists(path))
        {
            return EntryKind.Missing;
        }

        var attributes = File.GetAttributes(path);
        return (attributes & FileAttributes.Device) != 0 ? EntryKind.Other : EntryKind.Regular;
    }

    private const int AtCurrentDirectory = -100;

    private const uint StatxType = 0x1;

    [DllImport("libc.so.6", EntryPoint = "statx", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}
