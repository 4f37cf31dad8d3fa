using Detente.Core;

namespace Detente.Geo;

/// <summary>
/// Nearest-distance index over a set of edges (and isolated points) in longitude/latitude. Edges are densified
/// so that none spans more than <see cref="MaxEdgeDegrees"/>, treated as great-circle arcs on the unit sphere to
/// find candidates, and the candidates are measured on the WGS84 ellipsoid with <see cref="Geodesic"/>.
/// </summary>
/// <remarks>
/// The search is exact on the sphere: leaves of 8 consecutive edges and groups of 16 leaves carry bounding balls
/// in 3-D, so whole stretches of boundary are skipped by one chord comparison. A spherical distance is within
/// <see cref="Geodesic.SphericalRelativeError"/> of the geodesic one, so every edge that could still hold the
/// geodesic minimum is a candidate. Along a boundary the ratio of geodesic to spherical distance changes slowly,
/// so the geodesic minimum lies in the basin of a spherical local minimum: each such minimum is measured on the
/// ellipsoid and the search walks along its chain of edges while the geodesic distance falls. The foot of the
/// perpendicular is taken from the sphere, which moves the result by far less than a kilometre (the error is
/// second order in the foot's displacement); the tests compare against a brute-force geodesic search.
/// </remarks>
internal sealed class EdgeIndex
{
    /// <summary>Longest edge, in degrees, kept after densification.</summary>
    public const double MaxEdgeDegrees = 0.25;

    private const int LeafSize = 8;
    private const int GroupSize = 16;
    private const double ArcMargin = 2e-5; // chord units: several times the bulge of a 0.25-degree arc over its chord

    private readonly Segment[] _segments;
    private readonly Ball[] _leaves;
    private readonly Ball[] _groups;

    [ThreadStatic]
    private static List<Candidate>? _candidates;

    private readonly record struct Candidate(int Segment, double Chord);

    private readonly record struct Ball(double X, double Y, double Z, double Radius, int First, int Count);

    private readonly record struct Vector(double X, double Y, double Z)
    {
        public static Vector Of(double latDegrees, double lonDegrees)
        {
            var lat = latDegrees * (Math.PI / 180);
            var lon = lonDegrees * (Math.PI / 180);
            var c = Math.Cos(lat);
            return new Vector(c * Math.Cos(lon), c * Math.Sin(lon), Math.Sin(lat));
        }

        public double Dot(Vector o) => X * o.X + Y * o.Y + Z * o.Z;

        public Vector Cross(Vector o) => new(Y * o.Z - Z * o.Y, Z * o.X - X * o.Z, X * o.Y - Y * o.X);

        public double Length => Math.Sqrt(X * X + Y * Y + Z * Z);

        public Vector Scale(double k) => new(X * k, Y * k, Z * k);

        public Vector Minus(Vector o) => new(X - o.X, Y - o.Y, Z - o.Z);
    }

    private readonly record struct Segment(
        Vector A, Vector B, Vector Normal, Vector StartSide, Vector EndSide, bool IsPoint,
        double LatA, double LonA, double LatB, double LonB, int Chain);

    private EdgeIndex(Segment[] segments)
    {
        _segments = segments;
        var leaves = new List<Ball>();
        for (var i = 0; i < segments.Length; i += LeafSize)
        {
            var count = Math.Min(LeafSize, segments.Length - i);
            var points = new List<Vector>(count * 2);
            for (var k = i; k < i + count; k++)
            {
                points.Add(segments[k].A);
                points.Add(segments[k].B);
            }

            leaves.Add(Bound(points, i, count));
        }

        // Leaves are runs of consecutive edges, which are compact; groups gather leaves in Morton order of their
        // centres (in 3-D, so the antimeridian is no seam) rather than along the coastline, so they are compact too.
        _leaves = [.. leaves.OrderBy(l => Morton(l.X, l.Y, l.Z))];
        var groups = new List<Ball>();
        for (var i = 0; i < _leaves.Length; i += GroupSize)
        {
            var count = Math.Min(GroupSize, _leaves.Length - i);
            var centre = Centre(Enumerable.Range(i, count).Select(k => new Vector(_leaves[k].X, _leaves[k].Y, _leaves[k].Z)).ToList());
            var radius = 0.0;
            for (var k = i; k < i + count; k++)
            {
                var l = _leaves[k];
                radius = Math.Max(radius, new Vector(l.X, l.Y, l.Z).Minus(centre).Length + l.Radius);
            }

            groups.Add(new Ball(centre.X, centre.Y, centre.Z, radius, i, count));
        }

        _groups = [.. groups];
    }

    /// <summary>Number of edges after densification.</summary>
    public int Count => _segments.Length;

    /// <summary>True when the index has no edges or points.</summary>
    public bool IsEmpty => _segments.Length == 0;

    /// <summary>Builds an index over the edges of the shape's rings and its isolated points.</summary>
    public static EdgeIndex Of(Shape shape)
    {
        var edges = new List<(double Lat1, double Lon1, double Lat2, double Lon2)>();
        foreach (var ring in shape.Rings)
        {
            for (var i = 0; i < ring.EdgeCount; i++)
            {
                edges.Add((ring.Latitudes[i], ring.Longitudes[i], ring.Latitudes[i + 1], ring.Longitudes[i + 1]));
            }
        }

        foreach (var p in shape.Points)
        {
            edges.Add((p.Latitude, p.Longitude, p.Latitude, p.Longitude));
        }

        return Of(edges);
    }

    private static bool Continues(in Segment previous, double lat, double lon) => previous.LatB == lat && previous.LonB == lon;

    /// <summary>Builds an index over edges given as (lat1, lon1, lat2, lon2) in degrees; consecutive edges should be neighbours.</summary>
    public static EdgeIndex Of(IEnumerable<(double Lat1, double Lon1, double Lat2, double Lon2)> edges)
    {
        var segments = new List<Segment>();
        var chain = 0;
        foreach (var (lat1, lon1, lat2, lon2) in edges)
        {
            if (segments.Count > 0 && !Continues(segments[^1], lat1, lon1))
            {
                chain++;
            }

            var pieces = Math.Max(1, (int)Math.Ceiling(Math.Max(Math.Abs(lat2 - lat1), Math.Abs(lon2 - lon1)) / MaxEdgeDegrees));
            for (var k = 0; k < pieces; k++)
            {
                // Straight in longitude/latitude, as the shapes' edges are.
                double t0 = (double)k / pieces, t1 = (double)(k + 1) / pieces;
                segments.Add(MakeSegment(
                    lat1 + (lat2 - lat1) * t0, lon1 + (lon2 - lon1) * t0,
                    lat1 + (lat2 - lat1) * t1, lon1 + (lon2 - lon1) * t1,
                    chain));
            }
        }

        return new EdgeIndex([.. segments]);
    }

    /// <summary>The edges as polylines: each chain of neighbouring edges, its points in order (for drawing, e.g. GeoJSON).</summary>
    public List<List<GeoPoint>> Chains()
    {
        var chains = new List<List<GeoPoint>>();
        for (var i = 0; i < _segments.Length; i++)
        {
            var s = _segments[i];
            if (i == 0 || _segments[i - 1].Chain != s.Chain)
            {
                chains.Add([new GeoPoint(s.LatA, s.LonA)]);
            }

            chains[^1].Add(new GeoPoint(s.LatB, s.LonB));
        }

        return chains;
    }

    /// <summary>Spherical lower bound, in kilometres, on the geodesic distance from the point to any edge.</summary>
    public double LowerBoundKm(GeoPoint point)
    {
        var q = Vector.Of(point.Latitude, point.Longitude);
        var best = double.PositiveInfinity;
        foreach (var g in _groups)
        {
            best = Math.Min(best, BallChord(q, g));
        }

        return ChordToKm(best) * (1 - Geodesic.SphericalRelativeError);
    }

    /// <summary>
    /// Geodesic distance in kilometres from the point to the nearest edge, or +infinity when every edge is
    /// certainly farther than <paramref name="cutoffKm"/>.
    /// </summary>
    public double DistanceKm(GeoPoint point, double cutoffKm = double.PositiveInfinity)
    {
        if (_segments.Length == 0)
        {
            return double.PositiveInfinity;
        }

        var q = Vector.Of(point.Latitude, point.Longitude);

        // Chords are monotonic in arc length, so the whole search runs in chord units.
        var slack = (1 + Geodesic.SphericalRelativeError) / (1 - Geodesic.SphericalRelativeError);
        var cutoffChord = double.IsPositiveInfinity(cutoffKm)
            ? double.PositiveInfinity
            : KmToChord(cutoffKm * (1 + Geodesic.SphericalRelativeError));

        Span<double> groupBounds = _groups.Length <= 512 ? stackalloc double[_groups.Length] : new double[_groups.Length];
        var nearestGroup = 0;
        for (var i = 0; i < _groups.Length; i++)
        {
            groupBounds[i] = BallChord(q, _groups[i]);
            if (groupBounds[i] < groupBounds[nearestGroup])
            {
                nearestGroup = i;
            }
        }

        // A first bound from the nearest leaf of the nearest group, which usually holds the nearest edge; then
        // every edge whose spherical distance could still hide a shorter geodesic one is a candidate.
        var threshold = Math.Min(NearestLeafChord(q, _groups[nearestGroup]) * slack, cutoffChord);
        var candidates = _candidates ??= [];
        candidates.Clear();
        for (var gi = 0; gi < _groups.Length; gi++)
        {
            if (groupBounds[gi] > threshold)
            {
                continue;
            }

            var group = _groups[gi];
            for (var li = group.First; li < group.First + group.Count; li++)
            {
                var leaf = _leaves[li];
                if (BallChord(q, leaf) > threshold)
                {
                    continue;
                }

                for (var s = leaf.First; s < leaf.First + leaf.Count; s++)
                {
                    var chord = Chord(q, in _segments[s]);
                    if (chord <= threshold)
                    {
                        candidates.Add(new Candidate(s, chord));
                        threshold = Math.Min(threshold, chord * slack);
                    }
                }
            }
        }

        if (candidates.Count == 0)
        {
            return double.PositiveInfinity;
        }

        candidates.Sort((a, b) => a.Chord.CompareTo(b.Chord));

        // The geodesic distance is the spherical one times a factor that varies slowly along a boundary, so its
        // minimum lies in the basin of a spherical local minimum: measure there and walk along the chain of edges
        // while the geodesic distance falls.
        var bestKm = double.PositiveInfinity;
        foreach (var c in candidates)
        {
            if (ChordToKm(c.Chord) * (1 - Geodesic.SphericalRelativeError) > Math.Min(bestKm, cutoffKm))
            {
                break;
            }

            var i = c.Segment;
            if (!IsLocalMinimum(q, i, c.Chord))
            {
                continue;
            }

            // The basin is unimodal: when the distance falls one way there is nothing to find the other way.
            var here = GeodesicKm(point, q, i);
            var forward = Walk(point, q, i, +1, here);
            bestKm = Math.Min(bestKm, forward < here ? forward : Walk(point, q, i, -1, here));
        }

        return bestKm <= cutoffKm ? bestKm : double.PositiveInfinity;
    }

    private double NearestLeafChord(Vector q, in Ball group)
    {
        var first = group.First;
        var nearest = double.PositiveInfinity;
        for (var li = group.First; li < group.First + group.Count; li++)
        {
            var bound = BallChord(q, _leaves[li]);
            if (bound < nearest)
            {
                nearest = bound;
                first = li;
            }
        }

        var best = double.PositiveInfinity;
        var leaf = _leaves[first];
        for (var s = leaf.First; s < leaf.First + leaf.Count; s++)
        {
            best = Math.Min(best, Chord(q, in _segments[s]));
        }

        return best;
    }

    private bool IsLocalMinimum(Vector q, int i, double chord)
    {
        var chain = _segments[i].Chain;
        return (i == 0 || _segments[i - 1].Chain != chain || Chord(q, in _segments[i - 1]) >= chord)
            && (i == _segments.Length - 1 || _segments[i + 1].Chain != chain || Chord(q, in _segments[i + 1]) > chord);
    }

    private double Walk(GeoPoint point, Vector q, int i, int step, double km)
    {
        var chain = _segments[i].Chain;
        var best = km;
        for (var j = i + step; j >= 0 && j < _segments.Length && _segments[j].Chain == chain; j += step)
        {
            var next = GeodesicKm(point, q, j);
            if (next >= best)
            {
                break;
            }

            best = next;
        }

        return best;
    }

    private double GeodesicKm(GeoPoint point, Vector q, int segment)
    {
        var (footLat, footLon) = Foot(q, in _segments[segment]);
        return Geodesic.Inverse(point.Latitude, point.Longitude, footLat, footLon).Metres / 1000;
    }

    private static Segment MakeSegment(double lat1, double lon1, double lat2, double lon2, int chain)
    {
        var a = Vector.Of(lat1, lon1);
        var b = Vector.Of(lat2, lon2);
        var n = a.Cross(b);
        var length = n.Length;
        if (length < 1e-15)
        {
            return new Segment(a, a, default, default, default, true, lat1, lon1, lat1, lon1, chain);
        }

        n = n.Scale(1 / length);
        return new Segment(a, b, n, n.Cross(a), b.Cross(n), false, lat1, lon1, lat2, lon2, chain);
    }

    private static double Chord(Vector q, in Segment s)
    {
        if (!s.IsPoint && q.Dot(s.StartSide) >= 0 && q.Dot(s.EndSide) >= 0)
        {
            // The perpendicular foot lies on the arc: the chord to it follows from the height above the arc's plane.
            var h = q.Dot(s.Normal);
            return Math.Sqrt(Math.Max(0, 2 - 2 * Math.Sqrt(Math.Max(0, 1 - h * h))));
        }

        var da = q.Minus(s.A).Length;
        return s.IsPoint ? da : Math.Min(da, q.Minus(s.B).Length);
    }

    private static (double Lat, double Lon) Foot(Vector q, in Segment s)
    {
        if (!s.IsPoint && q.Dot(s.StartSide) >= 0 && q.Dot(s.EndSide) >= 0)
        {
            var f = q.Minus(s.Normal.Scale(q.Dot(s.Normal)));
            var length = f.Length;
            if (length > 1e-12)
            {
                f = f.Scale(1 / length);
                return (Math.Asin(Math.Clamp(f.Z, -1, 1)) * (180 / Math.PI), Math.Atan2(f.Y, f.X) * (180 / Math.PI));
            }
        }

        return s.IsPoint || q.Minus(s.A).Length <= q.Minus(s.B).Length ? (s.LatA, s.LonA) : (s.LatB, s.LonB);
    }

    private static long Morton(double x, double y, double z)
    {
        static long Spread(double v)
        {
            var bits = (long)Math.Clamp((v + 1) * 0.5 * 1023, 0, 1023);
            bits = (bits | (bits << 16)) & 0x030000FF;
            bits = (bits | (bits << 8)) & 0x0300F00F;
            bits = (bits | (bits << 4)) & 0x030C30C3;
            return (bits | (bits << 2)) & 0x09249249;
        }

        return Spread(x) | (Spread(y) << 1) | (Spread(z) << 2);
    }

    private static double BallChord(Vector q, in Ball b)
    {
        var dx = q.X - b.X;
        var dy = q.Y - b.Y;
        var dz = q.Z - b.Z;
        return Math.Max(0, Math.Sqrt(dx * dx + dy * dy + dz * dz) - b.Radius);
    }

    private static Ball Bound(List<Vector> points, int first, int count)
    {
        var centre = Centre(points);
        var radius = points.Max(p => p.Minus(centre).Length) + ArcMargin;
        return new Ball(centre.X, centre.Y, centre.Z, radius, first, count);
    }

    private static Vector Centre(List<Vector> points)
    {
        double x = 0, y = 0, z = 0;
        foreach (var p in points)
        {
            x += p.X;
            y += p.Y;
            z += p.Z;
        }

        return new Vector(x / points.Count, y / points.Count, z / points.Count);
    }

    internal static double ChordToKm(double chord) => 2 * Math.Asin(Math.Min(1, chord / 2)) * Geodesic.MeanRadius / 1000;

    internal static double KmToChord(double km)
    {
        var angle = km * 1000 / Geodesic.MeanRadius;
        return angle >= Math.PI ? 2 : 2 * Math.Sin(angle / 2);
    }
}
