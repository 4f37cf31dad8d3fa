using System.Collections.Immutable;

namespace Detente.Core.Tests;

// ImmutableArray's equality is the array's reference: the items are compared as plain arrays.
public sealed class GrowingArrayTests
{
    [Fact]
    public void Add_OlderVersionsKeepTheirItems()
    {
        var start = new GrowingArray<int>([1, 2, 3]);
        var one = start.Add([4]);
        var two = one.Add([5, 6]);
        Assert.Equal(new[] { 1, 2, 3 }, start.All.ToArray());
        Assert.Equal(new[] { 1, 2, 3, 4 }, one.All.ToArray());
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6 }, two.All.ToArray());
        Assert.Equal(6, two[5]);
        Assert.Equal(6, two.Length);
    }

    [Fact]
    public void Add_ToAnOlderVersion_DoesNotChangeTheNewerOne()
    {
        var start = new GrowingArray<int>([1]);
        var one = start.Add([2]);
        var newer = one.Add([3]);
        var branch = one.Add([30]);
        Assert.Equal(new[] { 1, 2, 3 }, newer.All.ToArray());
        Assert.Equal(new[] { 1, 2, 30 }, branch.All.ToArray());
        Assert.Equal(30, branch[2]);
        Assert.Equal(3, newer[2]);
    }

    [Fact]
    public void Add_ManyOneAtATime_KeepsOrder()
    {
        var items = new GrowingArray<int>(ImmutableArray<int>.Empty);
        var versions = new List<GrowingArray<int>>();
        for (var i = 0; i < 1000; i++)
        {
            items = items.Add([i]);
            versions.Add(items);
        }

        Assert.Equal(Enumerable.Range(0, 1000).ToArray(), items.All.ToArray());
        Assert.Equal(Enumerable.Range(0, 10).ToArray(), versions[9].All.ToArray());
    }

    [Fact]
    public void Add_None_IsTheSameVersion()
    {
        var start = new GrowingArray<int>([1]);
        Assert.Same(start, start.Add([]));
    }

    [Fact]
    public void Index_OutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GrowingArray<int>([1]).Add([2])[2]);
}
