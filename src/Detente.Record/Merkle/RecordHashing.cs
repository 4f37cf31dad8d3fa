using System.Security.Cryptography;

namespace Detente.Record.Merkle;

/// <summary>RFC 6962 §2.1 hashing with SHA-256: leaves are <c>SHA-256(0x00||entry)</c>, interior nodes <c>SHA-256(0x01||left||right)</c>.</summary>
public static class RecordHashing
{
    // One SHA-256 context per thread, reset after each hash: a one-shot hash would set up and tear down a context every time,
    // which costs more than hashing a node's 65 bytes.
    [ThreadStatic]
    private static IncrementalHash? _sha256;

    private static IncrementalHash Sha256 => _sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>The leaf hash of an entry: <c>SHA-256(0x00 || entry)</c>.</summary>
    public static MerkleHash LeafHash(ReadOnlySpan<byte> entry)
    {
        var sha = Sha256;
        ReadOnlySpan<byte> prefix = [0x00];
        sha.AppendData(prefix);
        sha.AppendData(entry);
        Span<byte> digest = stackalloc byte[MerkleHash.Length];
        sha.GetHashAndReset(digest);
        return new MerkleHash(digest);
    }

    /// <summary>The hash of an interior node: <c>SHA-256(0x01 || left || right)</c>.</summary>
    public static MerkleHash NodeHash(in MerkleHash left, in MerkleHash right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * MerkleHash.Length)];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + MerkleHash.Length)..]);
        var sha = Sha256;
        sha.AppendData(buffer);
        Span<byte> digest = stackalloc byte[MerkleHash.Length];
        sha.GetHashAndReset(digest);
        return new MerkleHash(digest);
    }

    /// <summary>The largest power of two strictly less than <paramref name="n"/> (n ≥ 2): RFC 6962's split point k.</summary>
    internal static long SplitPoint(long n) => 1L << (63 - (int)long.LeadingZeroCount(n - 1));
}
