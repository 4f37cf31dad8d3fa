using Detente.Core;

namespace Detente.Geo.Tests;

public sealed class AtlasDistanceTests
{
    private static readonly GeoPoint Chernyakhovsk = new(54.63, 21.83);

    private static Atlas Atlas => TestData.Atlas;

    [Fact]
    public void DistanceToTerritory_ChernyakhovskToPoland_IsAbout28Km()
    {
        // Chernyakhovsk lies about 0.25 degrees north of the Kaliningrad-Poland border, which runs near 54.38N at
        // 21.8E (OpenStreetMap; Natural Earth 1:50m agrees): about 28 km. The brief's "50-60 km" fits Lithuania.
        Assert.InRange(Atlas.DistanceToTerritory(Chernyakhovsk, TestData.State("POL")), 25, 35);
    }

    [Fact]
    public void DistanceToTerritory_ChernyakhovskToLithuania_IsAbout50Km()
    {
        // The nearest Lithuanian land is across the Neman, north of Sovetsk (55.08N, 21.88E): about 50 km.
        // The Vištytis tripoint to the east (54.36N, 22.77E) is about 67 km away.
        Assert.InRange(Atlas.DistanceToTerritory(Chernyakhovsk, TestData.State("LTU")), 45, 60);
    }

    [Fact]
    public void DistanceToTerritory_InsideTheState_IsZero()
    {
        Assert.Equal(0, Atlas.DistanceToTerritory(Place.Named("Warsaw").Point, TestData.State("POL")));
        Assert.Equal(0, Atlas.DistanceToTerritory(Place.Named("Chukotka, east of 180").Point, TestData.State("RUS")));
    }

    [Theory]
    [InlineData("LTU")]
    [InlineData("EST")]
    [InlineData("MDA")]
    [InlineData("GEO")]
    [InlineData("CHE")]
    public void DistanceToTerritory_AgreesWithABruteForceGeodesicSearch(string code)
    {
        var state = TestData.State(code);
        var shape = Atlas.TerritoryOf(state).Shape;
        var random = new Random(code.GetHashCode(StringComparison.Ordinal));
        for (var n = 0; n < 12; n++)
        {
            var point = new GeoPoint(
                shape.South - 3 + random.NextDouble() * (shape.North - shape.South + 6),
                shape.West - 5 + random.NextDouble() * (shape.East - shape.West + 10));
            if (Atlas.IsInTerritory(point, state))
            {
                continue;
            }

            var brute = BruteForceKm(point, shape);

            var fast = Atlas.DistanceToTerritory(point, state);

            // The brute force samples each edge every ~100 m; measured agreement is within about 10 m.
            Assert.InRange(fast, brute - 0.05, brute + 0.05);
        }
    }

    [Theory]
    [InlineData("Moscow", "DEU")]
    [InlineData("Ankara", "ITA")]
    [InlineData("Astana", "POL")]
    [InlineData("Paris", "BLR")]
    [InlineData("Washington", "PRT")]
    public void DistanceToTerritory_FarAway_AgreesWithABruteForceGeodesicSearch(string place, string code)
    {
        var point = Place.Named(place).Point;
        var brute = BruteForceKm(point, Atlas.TerritoryOf(TestData.State(code)).Shape);

        var fast = Atlas.DistanceToTerritory(point, TestData.State(code));

        // Measured agreement is within a few metres; the tolerance leaves room for the brute force's 100 m sampling.
        Assert.InRange(fast, brute - 0.05, brute + 0.05);
    }

    [Fact]
    public void DistanceToTerritory_AcrossTheAntimeridian_IsShort()
    {
        // Little Diomede (USA) and Big Diomede (RUS) are 3.8 km apart across the date line; at 1:50m the islands
        // are not drawn, so measure from the Bering Strait between the two mainlands instead.
        var strait = new GeoPoint(65.8, -169.0);

        var toRussia = Atlas.DistanceToTerritory(strait, TestData.State("RUS"));
        var toUsa = Atlas.DistanceToTerritory(strait, TestData.State("USA"));

        Assert.InRange(toRussia, 10, 60);
        Assert.InRange(toUsa, 10, 60);
    }

    [Fact]
    public void DistanceToTerritory_UnknownState_ThrowsNamingIt()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => Atlas.DistanceToTerritory(Chernyakhovsk, TestData.State("JPN")));

        Assert.Contains("JPN", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reach_500KmFromChernyakhovsk_IncludesTheBalticNeighboursAndNotFrance()
    {
        var reach = Atlas.Reach(Chernyakhovsk, 500);

        foreach (var code in new[] { "RUS", "POL", "LTU", "LVA", "BLR", "SWE", "DNK" })
        {
            Assert.True(reach.Includes(TestData.State(code)), code);
        }

        Assert.False(reach.Includes(TestData.State("FRA")));
        Assert.Equal(reach.States.OrderBy(s => s.Kilometres).Select(s => s.State), reach.States.Select(s => s.State));
        Assert.All(reach.States, s => Assert.Equal(Atlas.DistanceToTerritory(Chernyakhovsk, s.State), s.Kilometres, 1e-9));
    }

    [Fact]
    public void Reach_MatchesDistanceToEveryTerritory()
    {
        var origin = Place.Named("Minsk").Point;

        var reach = Atlas.Reach(origin, 1200);

        var expected = Atlas.Territories
            .Select(t => (t.State, Km: Atlas.DistanceToTerritory(origin, t.State)))
            .Where(x => x.Km <= 1200)
            .Select(x => x.State)
            .Order();
        Assert.Equal(expected, reach.States.Select(s => s.State).Order());
    }

    [Fact]
    public void Reach_ForSeveralClaims_NarrowsWithoutMeasuringAgain()
    {
        // A disputed range: one claim of 480 km, another of 500 km (as was argued over the 9M729).
        var widest = Atlas.Reach(Chernyakhovsk, 500);

        var narrow = widest.Within(480);

        Assert.Equal(480, narrow.RangeKm);
        Assert.All(narrow.States, s => Assert.InRange(s.Kilometres, 0, 480));
        Assert.Equal(Atlas.Reach(Chernyakhovsk, 480).States.ToArray(), narrow.States.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => narrow.Within(600));
    }

    [Fact]
    public void FlightHours_IsDistanceOverSpeed()
    {
        var poland = Atlas.Reach(Chernyakhovsk, 100).States.Single(s => s.State == TestData.State("POL"));

        Assert.Equal(poland.Kilometres / 900, poland.FlightHours(900), 1e-12);
        Assert.Throws<ArgumentOutOfRangeException>(() => poland.FlightHours(0));
    }

    [Fact]
    public void BorderZone_RussiaAndBelarusAgainstTheirNatoNeighbours_CoversBothSidesAndUkraineAtTheTripoint()
    {
        var zone = Atlas.BorderZone(States("RUS", "BLR"), States("NOR", "EST", "LVA", "LTU", "POL"), 50);

        Assert.True(zone.Contains(new GeoPoint(59.3772, 28.1903)));  // Narva, on the Estonian-Russian border
        Assert.True(zone.Contains(new GeoPoint(53.1325, 23.1688)));  // Białystok, about 45 km from Belarus
        Assert.False(zone.Contains(Place.Named("Warsaw").Point));
        Assert.False(zone.Contains(Place.Named("Moscow").Point));
        var covered = zone.Covers.Select(c => c.State.Code).ToHashSet();
        Assert.Superset(new HashSet<string> { "RUS", "BLR", "NOR", "EST", "LVA", "LTU", "POL", "UKR" }, covered);
        Assert.DoesNotContain("FRA", covered);
        // The official lengths of these borders add up to about 2,530 km; generalised at 1:50m they are shorter.
        Assert.InRange(zone.BorderLengthKm, 1600, 2600);
    }

    [Fact]
    public void BorderZone_ContainsExactlyThePointsWithinItsWidthOfTheBorder()
    {
        var zone = Atlas.BorderZone(States("BLR"), States("POL"), 30);
        var random = new Random(30);
        for (var i = 0; i < 300; i++)
        {
            var point = new GeoPoint(51 + random.NextDouble() * 4, 22 + random.NextDouble() * 3);

            Assert.Equal(zone.DistanceToBorderKm(point) <= 30, zone.Contains(point));
        }
    }

    [Fact]
    public void BorderZone_BetweenStatesThatDoNotTouch_IsEmpty()
    {
        var zone = Atlas.BorderZone(States("FRA"), States("RUS"), 100);

        Assert.True(zone.IsEmpty);
        Assert.Empty(zone.Covers);
        Assert.False(zone.Contains(Place.Named("Paris").Point));
    }

    [Fact]
    public void BorderZone_OverlappingSides_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => Atlas.BorderZone(States("RUS", "POL"), States("POL"), 10));
    }

    private static IEnumerable<PartyId> States(params string[] codes) => codes.Select(TestData.State);

    private static double BruteForceKm(GeoPoint point, Shape shape)
    {
        var best = double.PositiveInfinity;
        foreach (var ring in shape.Rings)
        {
            for (var i = 0; i < ring.EdgeCount; i++)
            {
                var a = new GeoPoint(ring.Latitudes[i], ring.Longitudes[i]);
                var b = new GeoPoint(ring.Latitudes[i + 1], ring.Longitudes[i + 1]);
                if (Geodesic.SphericalDistanceMetres(point, a) / 1000 > best * 1.02 + 50)
                {
                    continue;
                }

                var steps = Math.Max(1, (int)(Geodesic.SphericalDistanceMetres(a, b) / 100));
                for (var k = 0; k <= steps; k++)
                {
                    double t = (double)k / steps;
                    var p = new GeoPoint(a.Latitude + t * (b.Latitude - a.Latitude), a.Longitude + t * (b.Longitude - a.Longitude));
                    best = Math.Min(best, Geodesic.DistanceMetres(point, p) / 1000);
                }
            }
        }

        return best;
    }
}
