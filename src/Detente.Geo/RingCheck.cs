namespace Detente.Geo;

/// <summary>Finds where the rings of one shape cross themselves or each other.</summary>
internal static class RingCheck
{
    /// <summary>A problem found, as a message for an <see cref="Core.InputException"/>; null when the rings are simple.</summary>
    public static string? FindProblem(IReadOnlyList<Ring> rings)
    {
        for (var r = 0; r < rings.Count; r++)
        {
            if (RepeatedVertex(rings[r], r) is { } repeated)
            {
                return repeated;
            }
        }

        return Crossing(rings);
    }

    private static string? RepeatedVertex(Ring ring, int index)
    {
        var seen = new Dictionary<(double, double), int>(ring.EdgeCount);
        for (var i = 0; i < ring.EdgeCount; i++)
        {
            var key = (ring.Longitudes[i], ring.Latitudes[i]);
            if (!seen.TryAdd(key, i))
            {
                return GeoMessages.RepeatedVertex(index, seen[key], i, key.Item1, key.Item2);
            }
        }

        return null;
    }

    private readonly record struct Edge(int Ring, int Index, double MinX, double MaxX);

    private static string? Crossing(IReadOnlyList<Ring> rings)
    {
        var edges = new List<Edge>();
        for (var r = 0; r < rings.Count; r++)
        {
            var xs = rings[r].Longitudes;
            for (var i = 0; i < rings[r].EdgeCount; i++)
            {
                edges.Add(new Edge(r, i, Math.Min(xs[i], xs[i + 1]), Math.Max(xs[i], xs[i + 1])));
            }
        }

        edges.Sort((a, b) => a.MinX.CompareTo(b.MinX));

        // Sweep along longitude: only edges whose longitude ranges overlap can cross.
        for (var i = 0; i < edges.Count; i++)
        {
            var e = edges[i];
            for (var j = i + 1; j < edges.Count && edges[j].MinX <= e.MaxX; j++)
            {
                var g = edges[j];
                if (Adjacent(rings, e, g))
                {
                    continue;
                }

                var (ax, ay, bx, by) = Coordinates(rings, e);
                var (cx, cy, dx, dy) = Coordinates(rings, g);
                if (Math.Max(ay, by) < Math.Min(cy, dy) || Math.Max(cy, dy) < Math.Min(ay, by))
                {
                    continue;
                }

                if (Cross(ax, ay, bx, by, cx, cy, dx, dy, sameRing: e.Ring == g.Ring))
                {
                    var (first, second) = e.Ring < g.Ring || (e.Ring == g.Ring && e.Index < g.Index) ? (e, g) : (g, e);
                    return GeoMessages.SelfIntersection(first.Ring, first.Index, second.Ring, second.Index, (ax + bx) / 2, (ay + by) / 2);
                }
            }
        }

        return null;
    }

    private static bool Adjacent(IReadOnlyList<Ring> rings, Edge a, Edge b)
    {
        if (a.Ring != b.Ring)
        {
            return false;
        }

        var n = rings[a.Ring].EdgeCount;
        var d = Math.Abs(a.Index - b.Index);
        return d == 0 || d == 1 || d == n - 1;
    }

    private static (double, double, double, double) Coordinates(IReadOnlyList<Ring> rings, Edge e)
    {
        var ring = rings[e.Ring];
        return (ring.Longitudes[e.Index], ring.Latitudes[e.Index], ring.Longitudes[e.Index + 1], ring.Latitudes[e.Index + 1]);
    }

    /// <summary>
    /// True when two non-adjacent edges meet in a way a valid shape does not allow: a proper crossing, a shared
    /// stretch of boundary, or (within one ring) any contact. Different rings may touch at a single point, as
    /// OGC simple features allow (two islands of one state meeting at a vertex).
    /// </summary>
    private static bool Cross(double ax, double ay, double bx, double by, double cx, double cy, double dx, double dy, bool sameRing)
    {
        var d1 = Orientation(cx, cy, dx, dy, ax, ay);
        var d2 = Orientation(cx, cy, dx, dy, bx, by);
        var d3 = Orientation(ax, ay, bx, by, cx, cy);
        var d4 = Orientation(ax, ay, bx, by, dx, dy);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
        {
            return true;
        }

        if (d1 == 0 && d2 == 0)
        {
            // Collinear: invalid when the edges overlap along a stretch (or, within a ring, at all).
            var overlap = CollinearOverlap(ax, ay, bx, by, cx, cy, dx, dy);
            return sameRing ? overlap >= 0 : overlap > 0;
        }

        var touches = (d1 == 0 && OnSegment(cx, cy, dx, dy, ax, ay))
            || (d2 == 0 && OnSegment(cx, cy, dx, dy, bx, by))
            || (d3 == 0 && OnSegment(ax, ay, bx, by, cx, cy))
            || (d4 == 0 && OnSegment(ax, ay, bx, by, dx, dy));
        return sameRing && touches;
    }

    /// <summary>Length (in the dominant coordinate) of the overlap of two collinear segments; negative when they are apart.</summary>
    private static double CollinearOverlap(double ax, double ay, double bx, double by, double cx, double cy, double dx, double dy)
    {
        var useX = Math.Abs(bx - ax) + Math.Abs(dx - cx) >= Math.Abs(by - ay) + Math.Abs(dy - cy);
        double a0 = useX ? ax : ay, a1 = useX ? bx : by, c0 = useX ? cx : cy, c1 = useX ? dx : dy;
        return Math.Min(Math.Max(a0, a1), Math.Max(c0, c1)) - Math.Max(Math.Min(a0, a1), Math.Min(c0, c1));
    }

    internal static double Orientation(double ax, double ay, double bx, double by, double px, double py) =>
        (bx - ax) * (py - ay) - (by - ay) * (px - ax);

    private static bool OnSegment(double ax, double ay, double bx, double by, double px, double py) =>
        px >= Math.Min(ax, bx) && px <= Math.Max(ax, bx) && py >= Math.Min(ay, by) && py <= Math.Max(ay, by);
}
