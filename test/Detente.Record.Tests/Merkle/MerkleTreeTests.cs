using System.Text;
using Detente.Record.Merkle;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Detente.Record.Tests.Merkle;

public sealed class MerkleTreeTests
{
    [Fact]
    public void LeafHash_Rfc6962GoVector_Matches()
    {
        // From rfc6962/rfc6962_test.go (transparency-dev/merkle); node hashing is covered by the tree constants.
        Assert.StartsWith("395aa064", RecordHashing.LeafHash("L123456"u8).ToHex(), StringComparison.Ordinal);
    }

    [Fact]
    public void LeafHash_LargeEntry_EqualsHashOfPrefixedBytes()
    {
        var entry = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        var expected = System.Security.Cryptography.SHA256.HashData([0x00, .. entry]);
        Assert.Equal(Convert.ToHexStringLower(expected), RecordHashing.LeafHash(entry).ToHex());
    }

    [Fact]
    public void RootHash_EmptyTree_IsSha256OfNothing()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", new MerkleTree().RootHash().ToHex());
    }

    [Fact]
    public void VerifyInclusion_WrongIndexOrExtraElement_Fails()
    {
        var tree = Tree(13);
        var proof = MerkleProofs.Inclusion(tree, 6, 13);
        var leaf = tree.Node(0, 6);
        Assert.True(MerkleProofs.VerifyInclusion(6, 13, leaf, proof, tree.RootHash()));
        Assert.False(MerkleProofs.VerifyInclusion(7, 13, leaf, proof, tree.RootHash()));
        Assert.False(MerkleProofs.VerifyInclusion(6, 13, leaf, [.. proof, leaf], tree.RootHash()));
        Assert.False(MerkleProofs.VerifyInclusion(6, 13, leaf, proof[..^1], tree.RootHash()));
        Assert.False(MerkleProofs.VerifyInclusion(13, 13, leaf, proof, tree.RootHash()));
    }

    [Property(MaxTest = 300)]
    public Property Inclusion_EveryIndexOfEverySize_Verifies()
    {
        return Prop.ForAll(Gen.Choose(1, 300).SelectMany(size => Gen.Choose(0, size - 1).Select(i => (size, i))).ToArbitrary(), pair =>
        {
            var (size, index) = pair;
            var tree = Tree(size + 7);
            var proof = MerkleProofs.Inclusion(tree, index, size);
            return MerkleProofs.VerifyInclusion(index, size, tree.Node(0, index), proof, tree.RootHash(size));
        });
    }

    [Property(MaxTest = 300)]
    public Property Consistency_AnyTwoSizes_Verifies()
    {
        return Prop.ForAll(Gen.Choose(1, 300).SelectMany(size2 => Gen.Choose(1, size2).Select(size1 => (size1, size2))).ToArbitrary(), pair =>
        {
            var (size1, size2) = pair;
            var tree = Tree(size2);
            var proof = MerkleProofs.Consistency(tree, size1, size2);
            var ok = MerkleProofs.VerifyConsistency(size1, size2, tree.RootHash(size1), tree.RootHash(size2), proof);
            var wrongRoot = size1 > 1 && MerkleProofs.VerifyConsistency(size1, size2, tree.RootHash(size1 - 1), tree.RootHash(size2), proof);
            return ok && !wrongRoot;
        });
    }

    [Fact]
    public void RootHash_MatchesRecursiveDefinition_ForSizesUpTo70()
    {
        var entries = Enumerable.Range(0, 70).Select(i => Encoding.ASCII.GetBytes($"entry {i}")).ToArray();
        var tree = MerkleTree.FromEntries(entries);
        for (var n = 0; n <= entries.Length; n++)
        {
            Assert.Equal(Mth(entries.AsSpan(0, n).ToArray()), tree.RootHash(n));
        }
    }

    private static MerkleHash Mth(byte[][] d)
    {
        if (d.Length == 0)
        {
            return MerkleHash.Empty;
        }

        if (d.Length == 1)
        {
            return RecordHashing.LeafHash(d[0]);
        }

        var k = 1;
        while (k * 2 < d.Length)
        {
            k *= 2;
        }

        return RecordHashing.NodeHash(Mth(d[..k]), Mth(d[k..]));
    }

    [Property(MaxTest = 100)]
    public Property AppendSubtree_AlignedRuns_SameTreeAsLeafByLeaf()
    {
        // A prefix of whole 2^k-runs (each starting at a multiple of its width), then single leaves: every node equals the reference.
        return Prop.ForAll(Gen.Choose(1, 5).SelectMany(k => Gen.Choose(0, 6).SelectMany(runs => Gen.Choose(0, 9).Select(tail => (k, runs, tail)))).ToArbitrary(), c =>
        {
            var (k, runs, tail) = c;
            var width = 1 << k;
            var size = (runs * width) + tail;
            var reference = Tree(size);
            var built = new MerkleTree();
            for (var r = 0; r < runs; r++)
            {
                var leaves = Enumerable.Range(r * width, width).Select(i => reference.Node(0, i)).ToArray();
                built.AppendSubtree(MerkleTree.SubtreeLevels(leaves));
            }

            for (var i = runs * width; i < size; i++)
            {
                built.AppendLeafHash(reference.Node(0, i));
            }

            var same = built.Size == size && (size == 0 || built.RootHash() == reference.RootHash());
            for (var level = 0; same && (size >> level) > 0; level++)
            {
                for (var i = 0L; same && i < (size >> level); i++)
                {
                    same = built.Node(level, i) == reference.Node(level, i);
                }
            }

            return same;
        });
    }

    [Fact]
    public void AppendSubtree_NotAtAMultipleOfItsWidth_Throws()
    {
        var tree = Tree(3);
        var leaves = Enumerable.Range(0, 4).Select(i => Tree(4).Node(0, i)).ToArray();

        Assert.Throws<ArgumentException>(() => tree.AppendSubtree(MerkleTree.SubtreeLevels(leaves)));
        Assert.Equal(3, tree.Size);
        Assert.Throws<ArgumentException>(() => MerkleTree.SubtreeLevels(leaves.AsSpan(0, 3)));
        Assert.Throws<ArgumentException>(() => new MerkleTree().AppendSubtree([leaves, leaves]));
    }

    private static MerkleTree Tree(int size) =>
        MerkleTree.FromEntries(Enumerable.Range(0, size).Select(i => Encoding.ASCII.GetBytes($"leaf-{i}")));
}
