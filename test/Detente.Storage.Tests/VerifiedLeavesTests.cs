using System.Text;
using Detente.Record.Merkle;
using Detente.Storage;

namespace Detente.Storage.Tests;

public sealed class VerifiedLeavesTests
{
    private static MerkleHash Leaf(string entry) => RecordHashing.LeafHash(Encoding.UTF8.GetBytes(entry));

    [Fact]
    public void Holds_OnlyTheLeafCachedForThatIndex()
    {
        var leaves = new VerifiedLeaves();
        leaves.Add(10, [Leaf("a"), Leaf("b")]);
        leaves.Add(12, [Leaf("c")]);

        Assert.True(leaves.Holds(10, Leaf("a")));
        Assert.True(leaves.Holds(11, Leaf("b")));
        Assert.True(leaves.Holds(12, Leaf("c")));

        // Another validated entry's leaf at the wrong index, an edited entry's leaf, indices never cached.
        Assert.False(leaves.Holds(11, Leaf("a")));
        Assert.False(leaves.Holds(10, Leaf("a ")));
        Assert.False(leaves.Holds(9, Leaf("a")));
        Assert.False(leaves.Holds(13, Leaf("c")));
        Assert.Equal(3, leaves.Count);
    }

    [Fact]
    public void Forget_DropsWhatIsIntegrated_KeepsAPartlyIntegratedRun()
    {
        var leaves = new VerifiedLeaves();
        leaves.Add(0, [Leaf("a"), Leaf("b")]);
        leaves.Add(2, [Leaf("c"), Leaf("d")]);

        leaves.Forget(3);

        Assert.False(leaves.Holds(0, Leaf("a")));
        Assert.True(leaves.Holds(3, Leaf("d")));
        Assert.Equal(2, leaves.Count);
        leaves.Forget(4);
        Assert.Equal(0, leaves.Count);
        Assert.False(leaves.Holds(3, Leaf("d")));
    }

    [Fact]
    public void Add_AtAnIndexAlreadyCached_ForgetsEverything()
    {
        // The store's counter went back (changed from outside): what was cached for those indices is no longer what they hold.
        var leaves = new VerifiedLeaves();
        leaves.Add(5, [Leaf("a"), Leaf("b")]);
        leaves.Add(6, [Leaf("x")]);

        Assert.False(leaves.Holds(5, Leaf("a")));
        Assert.True(leaves.Holds(6, Leaf("x")));
        Assert.Equal(1, leaves.Count);
    }

    [Fact]
    public void Add_BeyondTheLimit_NotCached()
    {
        var leaves = new VerifiedLeaves(limit: 3);
        leaves.Add(0, [Leaf("a"), Leaf("b")]);
        leaves.Add(2, [Leaf("c"), Leaf("d")]);

        Assert.Equal(2, leaves.Count);
        Assert.False(leaves.Holds(2, Leaf("c")));
        Assert.True(leaves.Holds(1, Leaf("b")));
    }
}
