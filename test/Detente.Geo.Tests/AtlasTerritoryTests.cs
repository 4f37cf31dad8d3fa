using Detente.Core;

namespace Detente.Geo.Tests;

public sealed class AtlasTerritoryTests
{
    private static Atlas Atlas => TestData.Atlas;

    public static TheoryData<string> PlaceNames() => new(Place.All.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(PlaceNames))]
    public void TerritoryAt_KnownPlace_IsItsRecognisedState(string name)
    {
        var place = Place.Named(name);

        Assert.Equal(place.State, Atlas.TerritoryAt(place.Point));
    }

    [Theory]
    [MemberData(nameof(PlaceNames))]
    public void AreasAt_KnownPlace_AreItsControlAreas(string name)
    {
        var place = Place.Named(name);

        Assert.Equal(place.Areas, Atlas.AreasAt(place.Point).Select(a => a.Id));
    }

    [Fact]
    public void ControlAreas_LieWithinTheStateTheyNameAsRecognisedTerritory()
    {
        foreach (var area in Atlas.ControlAreas)
        {
            var ring = area.Shape.Rings[0];
            for (var i = 0; i < ring.EdgeCount; i++)
            {
                // Vertices sit on the state's boundary or inside it, within the stated accuracy of the cut.
                var vertex = new GeoPoint(ring.Latitudes[i], ring.Longitudes[i]);
                Assert.InRange(Atlas.DistanceToTerritory(vertex, area.Within), 0, area.AccuracyKm);
            }
        }
    }

    [Fact]
    public void ControlAreas_HaveTheIdsScenariosReferTo()
    {
        Assert.Equal(
            ["crimea", "donbas-donetsk-2015", "donbas-luhansk-2015", "transnistria", "abkhazia", "south-ossetia"],
            Atlas.ControlAreas.Select(a => a.Id));
        Assert.All(Atlas.ControlAreas, a => Assert.False(string.IsNullOrWhiteSpace(a.Source)));
    }

    [Fact]
    public void TerritoryAt_AgreesWithTheDirectTestOverEveryEdge()
    {
        var random = new Random(1997);
        for (var i = 0; i < 20_000; i++)
        {
            // Europe and a band across the antimeridian.
            var point = i % 4 == 0
                ? new GeoPoint(
                    60 + random.NextDouble() * 15,
                    random.NextDouble() < 0.5 ? 170 + random.NextDouble() * 10 : -180 + random.NextDouble() * 15)
                : new GeoPoint(34 + random.NextDouble() * 38, -12 + random.NextDouble() * 62);

            var expected = Atlas.Territories.FirstOrDefault(t => t.Shape.Contains(point))?.State;

            Assert.Equal(expected, Atlas.TerritoryAt(point));
        }
    }

    [Fact]
    public void Territories_HaveNoSelfIntersectingRing()
    {
        foreach (var territory in Atlas.Territories)
        {
            Assert.Null(RingCheck.FindProblem(territory.Shape.Rings));
        }
    }

    [Fact]
    public void Territories_HaveNoEdgeJumpingAcrossTheAntimeridian()
    {
        foreach (var ring in Atlas.Territories.SelectMany(t => t.Shape.Rings))
        {
            for (var i = 0; i < ring.EdgeCount; i++)
            {
                Assert.InRange(Math.Abs(ring.Longitudes[i + 1] - ring.Longitudes[i]), 0, 180);
            }
        }

        Assert.Equal(-180, Atlas.TerritoryOf(TestData.State("RUS")).Shape.West);
        Assert.Equal(180, Atlas.TerritoryOf(TestData.State("RUS")).Shape.East);
    }

    [Fact]
    public void Territories_CoverTheStatesTheDataPromises()
    {
        string[] expected =
        [
            "ALB", "AND", "AUT", "BEL", "BGR", "BIH", "CHE", "CYP", "CZE", "DEU", "DNK", "ESP", "EST", "FIN", "FRA", "GBR", "GRC",
            "HRV", "HUN", "IRL", "ISL", "ITA", "LIE", "LTU", "LUX", "LVA", "MCO", "MKD", "MLT", "MNE", "NLD", "NOR", "POL", "PRT",
            "ROU", "SMR", "SRB", "SVK", "SVN", "SWE", "VAT", "XKX", "ARM", "AZE", "GEO", "TUR", "KAZ", "KGZ", "TJK", "TKM", "UZB",
            "RUS", "BLR", "UKR", "MDA", "USA", "CAN",
        ];

        Assert.Equal(expected.Order(), Atlas.Territories.Select(t => t.State.Code).Order());
    }

    [Fact]
    public void Vatican_HasNoAreaAtThisScale_ButHasADistance()
    {
        // Natural Earth 1:50m collapses Vatican City to one point; the derivation keeps it as a Point geometry.
        var vatican = Atlas.TerritoryOf(TestData.State("VAT"));
        var stPeters = new GeoPoint(41.9022, 12.4539);

        Assert.False(vatican.Shape.HasArea);
        Assert.InRange(Atlas.DistanceToTerritory(stPeters, vatican.State), 0.5, 2.5);
    }
}
