using System.Collections.Immutable;
using System.Numerics;

namespace Detente.Record.Merkle;

/// <summary>
/// Tree heads, inclusion proofs and consistency proofs as in RFC 6962 §2.1 (generation) and RFC 9162 §2.1.3–2.1.4 (verification).
/// Proofs list sibling hashes from the leaf (or the smaller tree) upwards.
/// </summary>
public static class MerkleProofs
{
    /// <summary>The RFC 6962 tree hash of the first <paramref name="size"/> leaves of <paramref name="source"/>.</summary>
    public static MerkleHash RootHash(IMerkleNodeSource source, long size)
    {
        ArgumentNullException.ThrowIfNull(source);
        CheckSize(source, size);
        return RangeHash(source, 0, size);
    }

    /// <summary>The audit path for leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves.</summary>
    public static ImmutableArray<MerkleHash> Inclusion(IMerkleNodeSource source, long index, long size)
    {
        ArgumentNullException.ThrowIfNull(source);
        CheckSize(source, size);
        if (index < 0 || index >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), RecordMessages.IndexOutsideTree(index, size));
        }

        var proof = ImmutableArray.CreateBuilder<MerkleHash>();
        Path(source, index, 0, size, proof);
        return proof.ToImmutable();
    }

    /// <summary>The consistency proof from the tree of <paramref name="size1"/> leaves to the tree of <paramref name="size2"/>; empty when either size is 0 or they are equal.</summary>
    public static ImmutableArray<MerkleHash> Consistency(IMerkleNodeSource source, long size1, long size2)
    {
        ArgumentNullException.ThrowIfNull(source);
        CheckSize(source, size2);
        if (size1 < 0 || size1 > size2)
        {
            throw new ArgumentOutOfRangeException(nameof(size1), RecordMessages.ConsistencySizes(size1, size2));
        }

        var proof = ImmutableArray.CreateBuilder<MerkleHash>();
        if (size1 > 0 && size1 < size2)
        {
            SubProof(source, size1, 0, size2, true, proof);
        }

        return proof.ToImmutable();
    }

    /// <summary>
    /// Verifies that <paramref name="leafHash"/> is leaf <paramref name="index"/> of the tree of <paramref name="size"/> leaves
    /// whose root is <paramref name="root"/> (RFC 9162 §2.1.3.2, including the check that the proof has exactly the right length).
    /// </summary>
    public static bool VerifyInclusion(long index, long size, MerkleHash leafHash, IReadOnlyList<MerkleHash> proof, MerkleHash root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        return TryRootFromInclusion(index, size, leafHash, proof, out var computed) && computed == root;
    }

    /// <summary>Computes the root an inclusion proof implies; false when the proof's shape does not fit the index and size.</summary>
    public static bool TryRootFromInclusion(long index, long size, MerkleHash leafHash, IReadOnlyList<MerkleHash> proof, out MerkleHash root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        root = default;
        if (index < 0 || size <= 0 || index >= size)
        {
            return false;
        }

        var fn = index;
        var sn = size - 1;
        var r = leafHash;
        foreach (var p in proof)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = RecordHashing.NodeHash(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = RecordHashing.NodeHash(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        if (sn != 0)
        {
            return false;
        }

        root = r;
        return true;
    }

    /// <summary>
    /// Verifies that the tree of <paramref name="size1"/> leaves with root <paramref name="root1"/> is a prefix of the tree of
    /// <paramref name="size2"/> leaves with root <paramref name="root2"/> (RFC 9162 §2.1.4.2). Equal sizes need an empty proof and
    /// equal roots. Size 0 is rejected, as transparency-dev/merkle does: a consistency check from the empty tree proves nothing.
    /// </summary>
    public static bool VerifyConsistency(long size1, long size2, MerkleHash root1, MerkleHash root2, IReadOnlyList<MerkleHash> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (size1 <= 0 || size2 < size1)
        {
            return false;
        }

        if (size1 == size2)
        {
            return proof.Count == 0 && root1 == root2;
        }

        if (proof.Count == 0)
        {
            return false;
        }

        var path = new List<MerkleHash>(proof.Count + 1);
        if (BitOperations.IsPow2(size1))
        {
            path.Add(root1);
        }

        path.AddRange(proof);
        var fn = size1 - 1;
        var sn = size2 - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = path[0];
        var sr = path[0];
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i];
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = RecordHashing.NodeHash(c, fr);
                sr = RecordHashing.NodeHash(c, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                sr = RecordHashing.NodeHash(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return fr == root1 && sr == root2 && sn == 0;
    }

    /// <summary>The hash of leaves [start, end); start is aligned so that the range splits into complete subtrees.</summary>
    internal static MerkleHash RangeHash(IMerkleNodeSource source, long start, long end)
    {
        var n = end - start;
        if (n == 0)
        {
            return MerkleHash.Empty;
        }

        if (BitOperations.IsPow2(n) && start % n == 0)
        {
            return source.Node(BitOperations.Log2((ulong)n), start / n);
        }

        var k = RecordHashing.SplitPoint(n);
        return RecordHashing.NodeHash(RangeHash(source, start, start + k), RangeHash(source, start + k, end));
    }

    private static void Path(IMerkleNodeSource source, long m, long start, long end, ImmutableArray<MerkleHash>.Builder proof)
    {
        var n = end - start;
        if (n <= 1)
        {
            return;
        }

        var k = RecordHashing.SplitPoint(n);
        if (m < k)
        {
            Path(source, m, start, start + k, proof);
            proof.Add(RangeHash(source, start + k, end));
        }
        else
        {
            Path(source, m - k, start + k, end, proof);
            proof.Add(RangeHash(source, start, start + k));
        }
    }

    private static void SubProof(IMerkleNodeSource source, long m, long start, long end, bool whole, ImmutableArray<MerkleHash>.Builder proof)
    {
        var n = end - start;
        if (m == n)
        {
            if (!whole)
            {
                proof.Add(RangeHash(source, start, end));
            }

            return;
        }

        var k = RecordHashing.SplitPoint(n);
        if (m <= k)
        {
            SubProof(source, m, start, start + k, whole, proof);
            proof.Add(RangeHash(source, start + k, end));
        }
        else
        {
            SubProof(source, m - k, start + k, end, false, proof);
            proof.Add(RangeHash(source, start, start + k));
        }
    }

    private static void CheckSize(IMerkleNodeSource source, long size)
    {
        if (size < 0 || size > source.Size)
        {
            throw new ArgumentOutOfRangeException(nameof(size), RecordMessages.SizeBeyondSource(size, source.Size));
        }
    }
}
