using Detente.Verification.Observations;
using Xunit;

namespace Detente.Verification.Tests.Observations;

public sealed class BuildUpTests
{
    private static ObservationTable Table()
    {
        var t = new ObservationTable(16);
        int rus = t.Names.Id("RUS"), blr = t.Names.Id("BLR"), troops = t.Names.Id("troops"), a = t.Names.Id("A"), b = t.Names.Id("B"), c = t.Names.Id("C");
        t.Add(new DateOnly(2022, 2, 1), rus, blr, troops, a, 800, 700, 900);   // A, earlier day: superseded by its later report
        t.Add(new DateOnly(2022, 2, 3), rus, blr, troops, a, 1000, 900, 1100);
        t.Add(new DateOnly(2022, 2, 3), rus, blr, troops, a, 500, 400, 600);   // same day: summed (two units)
        t.Add(new DateOnly(2022, 2, 2), rus, blr, troops, b, 2000, 1500, 2500);
        t.Add(new DateOnly(2022, 2, 4), rus, blr, troops, c, 1000, 1000, 1000);
        t.Add(new DateOnly(2022, 2, 9), rus, blr, troops, a, 3000, 3000, 3000); // next ISO week
        return t;
    }

    [Fact]
    public void Window_SpreadAcrossObservers()
    {
        var f = Assert.Single(BuildUp.Window(Table(), new DateOnly(2022, 2, 1), new DateOnly(2022, 2, 6)));
        Assert.Equal(3, f.Estimates.Length);
        Assert.Equal(1000, f.Min);
        Assert.Equal(1500, f.Median);
        Assert.Equal(2000, f.Max);
        Assert.Equal(1000, f.Low);
        Assert.Equal(2500, f.High);
    }

    [Fact]
    public void Weekly_ByIsoWeek()
    {
        var points = BuildUp.Weekly(Table(), "troops");
        Assert.Equal(["2022-W05", "2022-W06"], points.Select(p => p.Week));
        Assert.Equal(1500, points[0].Median);
        Assert.Equal(3000, points[1].Median);
    }

    [Fact]
    public void Window_IncludeFilter_SelectsRows()
    {
        var t = Table();
        var f = Assert.Single(BuildUp.Window(t, new DateOnly(2022, 2, 1), new DateOnly(2022, 2, 6), i => t.Observer[i] == t.Names.Find("B")));
        Assert.Equal(2000, Assert.Single(f.Estimates).Count);
    }
}
