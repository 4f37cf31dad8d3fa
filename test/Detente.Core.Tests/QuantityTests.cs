namespace Detente.Core.Tests;

public sealed class QuantityTests
{
    [Fact]
    public void Of_SingleValue_IsExactAndUndisputed()
    {
        var q = Quantity.Of(12_800);
        Assert.Equal(12_800, q.Exact);
        Assert.False(q.IsDisputed);
        Assert.Equal(12_800, q.Low);
        Assert.Equal(12_800, q.High);
    }

    [Fact]
    public void FromClaims_DifferentFigures_IsDisputedAndKeepsEveryClaim()
    {
        var q = Quantity.FromClaims([new Claim(480, 480, Some.Rus), new Claim(null, 2350, Some.Usa)]);
        Assert.True(q.IsDisputed);
        Assert.Equal(2, q.Claims.Length);
        Assert.Equal(480, q.Low);
        Assert.Equal(2350, q.High);
        Assert.Null(q.Exact);
    }

    [Fact]
    public void FromClaims_SameFigureFromTwoSources_IsNotDisputed()
    {
        var q = Quantity.FromClaims([new Claim(24, 24, Some.Usa), new Claim(24, 24, Some.Rus)]);
        Assert.False(q.IsDisputed);
    }

    [Fact]
    public void Between_OpenUpperBound_HasInfiniteHigh()
    {
        var q = Quantity.Between(100_000, null);
        Assert.Equal(100_000, q.Low);
        Assert.True(double.IsNegativeInfinity(q.High) || q.High == 100_000);
        Assert.Equal("≥100,000", q.ToString());
    }

    [Fact]
    public void Claim_NonOverlappingRanges_Contradict()
    {
        Assert.True(new Claim(30_000, 30_000).Contradicts(new Claim(null, 9_000)));
        Assert.False(new Claim(5_000, 5_000).Contradicts(new Claim(null, 9_000)));
    }

    [Fact]
    public void FromClaims_Empty_Throws() => Assert.Throws<ArgumentException>(() => Quantity.FromClaims([]));
}
