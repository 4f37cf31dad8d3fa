using System.Globalization;
using Detente.Core;

namespace Detente.Geo.Tests;

/// <summary>One known place from Data/places.txt.</summary>
internal sealed record Place(string Name, GeoPoint Point, PartyId? State, IReadOnlyList<string> Areas)
{
    private static readonly Lazy<IReadOnlyList<Place>> Places = new(Read);

    public static IReadOnlyList<Place> All => Places.Value;

    public static Place Named(string name) => All.Single(p => p.Name == name);

    private static IReadOnlyList<Place> Read() =>
        [.. File.ReadLines(TestData.File("places.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line =>
            {
                var f = line.Split('|', StringSplitOptions.TrimEntries);
                var xy = f[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return new Place(
                    f[0],
                    new GeoPoint(double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture)),
                    f[2] == "-" ? null : new PartyId(f[2]),
                    f[3] == "-" ? [] : f[3].Split(',', StringSplitOptions.TrimEntries));
            })];
}
