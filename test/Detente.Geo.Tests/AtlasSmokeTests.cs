using Xunit.Abstractions;
using System.Diagnostics;
using Detente.Core;

namespace Detente.Geo.Tests;

public sealed class AtlasSmokeTests(ITestOutputHelper output)
{
    [Fact]
    public void Smoke()
    {
        var sw = Stopwatch.StartNew();
        var atlas = Atlas.LoadDirectory(TestData.GeoDirectory); foreach (var a in atlas.ControlAreas) output.WriteLine(a.Id);
        output.WriteLine($"load {sw.ElapsedMilliseconds} ms");
        foreach (var (n, lat, lon) in new[] { ("Warsaw", 52.2297, 21.0122), ("Simferopol", 44.9521, 34.1024), ("Kaliningrad", 54.7104, 20.4522), ("Tiraspol", 46.8403, 29.6433), ("Baltic", 55.5, 18.5), ("Chukotka", 66.0, 179.5), ("Chukotka E", 66.0, -175.0), ("Vatican", 41.9029, 12.4534), ("San Marino", 43.9424, 12.4578), ("Paris", 48.8566, 2.3522), ("Reunion", -21.1151, 55.5364) })
        {
            var p = new GeoPoint(lat, lon);
            output.WriteLine($"{n}: {atlas.TerritoryAt(p)} areas {string.Join(",", atlas.AreasAt(p).Select(a => a.Id))} ITA?{atlas.IsInTerritory(p, new PartyId("ITA"))} shape:{string.Join(",", atlas.Territories.Where(t => t.Shape.Contains(p)).Select(t => t.State))}");
        }

        var ch = new GeoPoint(54.63, 21.83);
        foreach (var s in new[] { "POL", "LTU", "BLR", "SWE", "FRA", "VAT", "USA" })
        {
            output.WriteLine($"Chernyakhovsk-{s}: {atlas.DistanceToTerritory(ch, new PartyId(s)):F3} km");
        }

        sw.Restart();
        var reach = atlas.Reach(ch, 500);
        output.WriteLine($"reach {sw.Elapsed.TotalMilliseconds} ms: {string.Join(", ", reach.States.Select(s => $"{s.State} {s.Kilometres:F1}"))}");
        var zone = atlas.BorderZone([new PartyId("RUS"), new PartyId("BLR")], new[] { "POL", "LTU", "LVA", "EST", "FIN", "NOR" }.Select(c => new PartyId(c)), 50);
        output.WriteLine($"zone len {zone.BorderLengthKm:F0} covers {string.Join(", ", zone.Covers.Select(s => $"{s.State} {s.Kilometres:F1}"))}");

        var rnd = new Random(1);
        var pts = Enumerable.Range(0, 1_000_000).Select(_ => new GeoPoint(35 + rnd.NextDouble() * 36, -11 + rnd.NextDouble() * 51)).ToArray();
        sw.Restart();
        var hits = 0;
        foreach (var p in pts) { if (atlas.TerritoryAt(p) is not null) hits++; }
        output.WriteLine($"PIP {pts.Length / sw.Elapsed.TotalSeconds:F0}/s hits {hits}");
        sw.Restart();
        double sum = 0;
        var pl = new PartyId("RUS");
        for (var i = 0; i < 100_000; i++) sum += atlas.DistanceToTerritory(pts[i], pl);
        output.WriteLine($"dist RUS {100_000 / sw.Elapsed.TotalSeconds:F0}/s");
        sw.Restart();
        pl = new PartyId("POL");
        for (var i = 0; i < 100_000; i++) sum += atlas.DistanceToTerritory(pts[i], pl);
        output.WriteLine($"dist POL {100_000 / sw.Elapsed.TotalSeconds:F0}/s");
    }
}
