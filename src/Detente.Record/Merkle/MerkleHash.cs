using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Detente.Record.Merkle;

/// <summary>A SHA-256 value in the record's Merkle tree: a leaf hash, a node hash or a root. Compared by value.</summary>
public readonly record struct MerkleHash
{
    /// <summary>The length of a hash in bytes.</summary>
    public const int Length = 32;

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly ulong _c;
    private readonly ulong _d;

    /// <summary>Creates a hash from exactly 32 bytes.</summary>
    public MerkleHash(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException(RecordMessages.HashLength(bytes.Length), nameof(bytes));
        }

        _a = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _b = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _c = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]);
        _d = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
    }

    /// <summary>The root of the empty tree, SHA-256 of no bytes (<c>e3b0c442…b855</c>).</summary>
    public static MerkleHash Empty { get; } = new(SHA256.HashData(ReadOnlySpan<byte>.Empty));

    /// <summary>Writes the 32 bytes into <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _c);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _d);
    }

    /// <summary>The 32 bytes as a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Standard base64 (RFC 4648 §4), as used in checkpoints and proofs.</summary>
    public string ToBase64() => Convert.ToBase64String(ToArray());

    /// <summary>Lower-case hexadecimal.</summary>
    public string ToHex() => Convert.ToHexStringLower(ToArray());

    /// <summary>Parses standard base64 of exactly 32 bytes; throws <see cref="RecordFormatException"/> otherwise.</summary>
    public static MerkleHash FromBase64(string text)
    {
        if (!TryFromBase64(text, out var hash))
        {
            throw new RecordFormatException(RecordMessages.HashBase64(text));
        }

        return hash;
    }

    /// <summary>Tries to parse standard base64 of exactly 32 bytes.</summary>
    public static bool TryFromBase64(string? text, out MerkleHash hash)
    {
        hash = default;
        Span<byte> buffer = stackalloc byte[48];
        if (text is null || !Convert.TryFromBase64String(text, buffer, out var written) || written != Length)
        {
            return false;
        }

        // Reject non-canonical base64 (e.g. unused bits set) so one hash has one text form.
        hash = new MerkleHash(buffer[..Length]);
        return hash.ToBase64() == text;
    }

    /// <summary>Parses 64 hexadecimal digits; throws <see cref="RecordFormatException"/> otherwise.</summary>
    public static MerkleHash FromHex(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length != Length * 2)
        {
            throw new RecordFormatException(RecordMessages.HashHex(text));
        }

        try
        {
            return new MerkleHash(Convert.FromHexString(text));
        }
        catch (FormatException)
        {
            throw new RecordFormatException(RecordMessages.HashHex(text));
        }
    }

    /// <inheritdoc/>
    public override string ToString() => ToHex();
}
