namespace Detente.Core.Tests;

public sealed class PeriodTests
{
    [Fact]
    public void Contains_BothEndsAreInclusive()
    {
        var p = new Period(new DateOnly(2021, 9, 10), new DateOnly(2021, 9, 16));
        Assert.True(p.Contains(new DateOnly(2021, 9, 10)));
        Assert.True(p.Contains(new DateOnly(2021, 9, 16)));
        Assert.False(p.Contains(new DateOnly(2021, 9, 17)));
        Assert.False(p.Contains(new DateOnly(2021, 9, 9)));
    }

    [Fact]
    public void Contains_OpenEnd_HoldsForever() => Assert.True(new Period(new DateOnly(1949, 4, 4)).Contains(new DateOnly(2200, 1, 1)));

    [Fact]
    public void Overlaps_TouchingDays_Overlap()
    {
        var p = new Period(new DateOnly(2022, 2, 10), new DateOnly(2022, 2, 20));
        Assert.True(p.Overlaps(new DateOnly(2022, 2, 20), new DateOnly(2022, 3, 1)));
        Assert.False(p.Overlaps(new DateOnly(2022, 2, 21), new DateOnly(2022, 3, 1)));
    }

    [Fact]
    public void Create_EndBeforeStart_Throws() =>
        Assert.Throws<ArgumentException>(() => new Period(new DateOnly(2022, 2, 10), new DateOnly(2022, 2, 9)));
}
