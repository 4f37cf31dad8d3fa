namespace Detente.Geo;

/// <summary>A closed ring of positions in degrees; the last position repeats the first.</summary>
internal sealed class Ring
{
    public Ring(double[] longitudes, double[] latitudes)
    {
        Longitudes = longitudes;
        Latitudes = latitudes;
        MinLongitude = longitudes.Min();
        MaxLongitude = longitudes.Max();
        MinLatitude = latitudes.Min();
        MaxLatitude = latitudes.Max();
    }

    public double[] Longitudes { get; }

    public double[] Latitudes { get; }

    /// <summary>Number of edges (positions minus one).</summary>
    public int EdgeCount => Longitudes.Length - 1;

    public double MinLongitude { get; }

    public double MaxLongitude { get; }

    public double MinLatitude { get; }

    public double MaxLatitude { get; }

    /// <summary>Twice the signed area in square degrees (positive when counter-clockwise).</summary>
    public double SignedArea2()
    {
        var sum = 0.0;
        for (var i = 0; i < EdgeCount; i++)
        {
            sum += (Longitudes[i] - Longitudes[0]) * (Latitudes[i + 1] - Latitudes[0])
                - (Longitudes[i + 1] - Longitudes[0]) * (Latitudes[i] - Latitudes[0]);
        }

        return sum;
    }

    /// <summary>Crossing-number test for one ring (half-open in latitude).</summary>
    public bool Encloses(double lon, double lat)
    {
        if (lat < MinLatitude || lat > MaxLatitude || lon < MinLongitude || lon > MaxLongitude)
        {
            return false;
        }

        var inside = false;
        var xs = Longitudes;
        var ys = Latitudes;
        for (var i = 0; i < xs.Length - 1; i++)
        {
            if ((ys[i] > lat) != (ys[i + 1] > lat)
                && lon < (xs[i + 1] - xs[i]) * (lat - ys[i]) / (ys[i + 1] - ys[i]) + xs[i])
            {
                inside = !inside;
            }
        }

        return inside;
    }
}
