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
        t.Add(new DateOnly(2022, 2, 3), rus, blr, troops, a, 1000, 900, 1100, 53.1f, 27.1f);
        t.Add(new DateOnly(2022, 2, 3), rus, blr, troops, a, 500, 400, 600, 53.2f, 27.2f);   // same day, sightings at two places: summed
        t.Add(new DateOnly(2022, 2, 3), rus, blr, troops, a, 1200, 1200, 1200);               // a place-wide estimate below the sum: not added
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
        Assert.Equal(1500, f.Estimates.Single(e => e.Observer == "A").Count);
    }

    [Fact]
    public void Window_SamePlaceWideFigureTwice_CountedOnce()
    {
        var t = new ObservationTable(4);
        int rus = t.Names.Id("RUS"), blr = t.Names.Id("BLR"), troops = t.Names.Id("troops"), nato = t.Names.Id("NATO");
        t.Add(new DateOnly(2022, 2, 3), rus, blr, troops, nato, 30000, 30000, 30000);
        t.Add(new DateOnly(2022, 2, 3), rus, blr, troops, nato, 30000, 30000, 30000);
        var f = Assert.Single(BuildUp.Window(t, new DateOnly(2022, 2, 1), new DateOnly(2022, 2, 6)));
        Assert.Equal(30000, Assert.Single(f.Estimates).Count);
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

public sealed class BuildUpGeographyTests
{
    private static readonly Lazy<Geo.Atlas> Atlas = new(() => Geo.Atlas.LoadDirectory(Path.Combine(Alerts.AlertEngineTests.DataDirectory(), "geo")));

    [Fact]
    public void WithinDistanceOfBorder_AndInState()
    {
        var t = new ObservationTable(4);
        int rus = t.Names.Id("RUS"), troops = t.Names.Id("troops"), osce = t.Names.Id("OSCE");
        var day = new DateOnly(2022, 2, 10);
        t.Add(day, rus, -1, troops, osce, 800, 800, 800, 51.9f, 27.9f);   // Belarus, about 30 km from Ukraine (south of Pinsk)
        t.Add(day, rus, -1, troops, osce, 700, 700, 700, 53.9f, 27.56f);  // Minsk, far from Ukraine
        t.Add(day, rus, -1, troops, osce, 600, 600, 600, 55.75f, 37.6f);  // Moscow
        t.Locate(Atlas.Value);
        Assert.Equal("BLR", t.Names[t.Place[0]]);
        Assert.Equal("RUS", t.Names[t.Place[2]]);

        var zone = Atlas.Value.BorderZone([new Core.PartyId("BLR"), new Core.PartyId("RUS")], [new Core.PartyId("UKR")], 100);
        var near = BuildUp.Within(t, zone.Contains);
        Assert.Equal([true, false, false], near);
        var f = Assert.Single(BuildUp.Window(t, day, day, i => near[i]));
        Assert.Equal(800, f.Max);

        var inBelarus = BuildUp.Window(t, day, day).Single(x => x.Place == "BLR");
        Assert.Equal(1500, inBelarus.Max); // two sightings at different places add up
    }
}
