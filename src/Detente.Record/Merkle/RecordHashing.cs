using System.Buffers;
using System.Security.Cryptography;

namespace Detente.Record.Merkle;

/// <summary>RFC 6962 §2.1 hashing with SHA-256: leaves are <c>SHA-256(0x00||entry)</c>, interior nodes <c>SHA-256(0x01||left||right)</c>.</summary>
public static class RecordHashing
{
    /// <summary>The leaf hash of an entry: <c>SHA-256(0x00 || entry)</c>.</summary>
    public static MerkleHash LeafHash(ReadOnlySpan<byte> entry)
    {
        Span<byte> digest = stackalloc byte[MerkleHash.Length];
        if (entry.Length <= 1023)
        {
            Span<byte> buffer = stackalloc byte[entry.Length + 1];
            buffer[0] = 0x00;
            entry.CopyTo(buffer[1..]);
            SHA256.HashData(buffer, digest);
            return new MerkleHash(digest);
        }

        var rented = ArrayPool<byte>.Shared.Rent(entry.Length + 1);
        try
        {
            rented[0] = 0x00;
            entry.CopyTo(rented.AsSpan(1));
            SHA256.HashData(rented.AsSpan(0, entry.Length + 1), digest);
            return new MerkleHash(digest);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The hash of an interior node: <c>SHA-256(0x01 || left || right)</c>.</summary>
    public static MerkleHash NodeHash(in MerkleHash left, in MerkleHash right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * MerkleHash.Length)];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + MerkleHash.Length)..]);
        Span<byte> digest = stackalloc byte[MerkleHash.Length];
        SHA256.HashData(buffer, digest);
        return new MerkleHash(digest);
    }

    /// <summary>The largest power of two strictly less than <paramref name="n"/> (n ≥ 2): RFC 6962's split point k.</summary>
    internal static long SplitPoint(long n) => 1L << (63 - (int)long.LeadingZeroCount(n - 1));
}
