namespace Detente.Geo;

/// <summary>
/// A point-location index over shapes: a uniform grid in longitude/latitude. Each cell lists the shapes that
/// touch it; for each, whether a reference point of the cell is inside, and the edges that cross the cell.
/// A query counts the edges crossed by the segment from the reference point to the query point, so it only
/// looks at the few edges of its own cell.
/// </summary>
internal sealed class PolygonGrid
{
    // The reference point sits off the cell centre by irrational-looking fractions, so it never falls on an edge
    // or vertex of data rounded to decimal degrees.
    private const double ReferenceX = 0.5 + 0.0131414213562;
    private const double ReferenceY = 0.5 + 0.0117320508075;

    private const double MaxCells = 2_000_000;

    private readonly double _west;
    private readonly double _south;
    private readonly double _cell;
    private readonly double _inverseCell;
    private readonly int _columns;
    private readonly int _rows;
    private readonly int[] _cellStart;
    private readonly Entry[] _entries;
    private readonly int[] _edgeIds;
    private readonly double[] _edges; // x1, y1, x2, y2 per edge

    private readonly record struct Entry(int Shape, bool ReferenceInside, int EdgeStart, int EdgeCount);

    public PolygonGrid(IReadOnlyList<Shape> shapes, double cellDegrees)
    {
        var withArea = shapes.Where(s => s.HasArea).ToList();

        // Coarser cells for shapes spread over a large part of the globe, so the grid stays within MaxCells.
        var spanCells = withArea.Count == 0 ? 0
            : (withArea.Max(s => s.East) - withArea.Min(s => s.West) + 2 * cellDegrees)
                * (withArea.Max(s => s.North) - withArea.Min(s => s.South) + 2 * cellDegrees) / (cellDegrees * cellDegrees);
        _cell = spanCells > MaxCells ? cellDegrees * Math.Sqrt(spanCells / MaxCells) : cellDegrees;
        _inverseCell = 1 / _cell;
        if (withArea.Count == 0)
        {
            _columns = _rows = 0;
            _cellStart = [0];
            _entries = [];
            _edgeIds = [];
            _edges = [];
            return;
        }

        _west = Math.Floor(withArea.Min(s => s.West) * _inverseCell) * _cell;
        _south = Math.Floor(withArea.Min(s => s.South) * _inverseCell) * _cell;
        _columns = Math.Max(1, (int)Math.Ceiling((withArea.Max(s => s.East) - _west) * _inverseCell) + 1);
        _rows = Math.Max(1, (int)Math.Ceiling((withArea.Max(s => s.North) - _south) * _inverseCell) + 1);

        var edges = new List<double>();
        var edgeCells = new List<(int Cell, int Shape, int Edge)>();
        var crossingsByRow = new List<(int Shape, double X)>[_rows];

        for (var s = 0; s < shapes.Count; s++)
        {
            foreach (var ring in shapes[s].Rings)
            {
                for (var i = 0; i < ring.EdgeCount; i++)
                {
                    double x1 = ring.Longitudes[i], y1 = ring.Latitudes[i], x2 = ring.Longitudes[i + 1], y2 = ring.Latitudes[i + 1];
                    var id = edges.Count / 4;
                    edges.Add(x1);
                    edges.Add(y1);
                    edges.Add(x2);
                    edges.Add(y2);
                    AddEdgeCells(s, id, x1, y1, x2, y2, edgeCells);
                    AddRowCrossings(s, x1, y1, x2, y2, crossingsByRow);
                }
            }
        }

        var inside = new List<(int Cell, int Shape)>();
        for (var row = 0; row < _rows; row++)
        {
            var crossings = crossingsByRow[row];
            if (crossings is null)
            {
                continue;
            }

            crossings.Sort((a, b) => a.Shape != b.Shape ? a.Shape.CompareTo(b.Shape) : a.X.CompareTo(b.X));
            for (var k = 0; k + 1 < crossings.Count; k += 2)
            {
                // Crossings of one shape pair up into the intervals of the reference line inside it.
                var (shape, from) = crossings[k];
                var to = crossings[k + 1].X;
                var firstColumn = Math.Max(0, (int)Math.Ceiling((from - _west) * _inverseCell - ReferenceX));
                var lastColumn = Math.Min(_columns - 1, (int)Math.Floor((to - _west) * _inverseCell - ReferenceX));
                for (var column = firstColumn; column <= lastColumn; column++)
                {
                    inside.Add((row * _columns + column, shape));
                }
            }
        }

        edgeCells.Sort((a, b) => (a.Cell, a.Shape, a.Edge).CompareTo((b.Cell, b.Shape, b.Edge)));
        inside.Sort((a, b) => a.Cell != b.Cell ? a.Cell.CompareTo(b.Cell) : a.Shape.CompareTo(b.Shape));

        _edges = [.. edges];
        _edgeIds = [.. edgeCells.Select(e => e.Edge)];
        var entries = new List<Entry>();
        _cellStart = new int[_rows * _columns + 1];
        int e = 0, n = 0;
        for (var cell = 0; cell < _rows * _columns; cell++)
        {
            _cellStart[cell] = entries.Count;
            while (e < edgeCells.Count && edgeCells[e].Cell == cell || n < inside.Count && inside[n].Cell == cell)
            {
                var shapeFromEdges = e < edgeCells.Count && edgeCells[e].Cell == cell ? edgeCells[e].Shape : int.MaxValue;
                var shapeFromInside = n < inside.Count && inside[n].Cell == cell ? inside[n].Shape : int.MaxValue;
                var shape = Math.Min(shapeFromEdges, shapeFromInside);
                var referenceInside = shapeFromInside == shape;
                if (referenceInside)
                {
                    n++;
                }

                var start = e;
                while (e < edgeCells.Count && edgeCells[e].Cell == cell && edgeCells[e].Shape == shape)
                {
                    e++;
                }

                entries.Add(new Entry(shape, referenceInside, start, e - start));
            }
        }

        _cellStart[^1] = entries.Count;
        _entries = [.. entries];
    }

    /// <summary>The first shape (by index) containing the point, or -1.</summary>
    public int First(double lon, double lat)
    {
        var cell = CellOf(lon, lat);
        if (cell < 0)
        {
            return -1;
        }

        for (var i = _cellStart[cell]; i < _cellStart[cell + 1]; i++)
        {
            if (Inside(cell, in _entries[i], lon, lat))
            {
                return _entries[i].Shape;
            }
        }

        return -1;
    }

    /// <summary>True when shape <paramref name="shape"/> contains the point.</summary>
    public bool Contains(int shape, double lon, double lat)
    {
        var cell = CellOf(lon, lat);
        if (cell < 0)
        {
            return false;
        }

        for (var i = _cellStart[cell]; i < _cellStart[cell + 1]; i++)
        {
            if (_entries[i].Shape == shape)
            {
                return Inside(cell, in _entries[i], lon, lat);
            }
        }

        return false;
    }

    /// <summary>Adds every shape containing the point to <paramref name="result"/>, in index order.</summary>
    public void All(double lon, double lat, List<int> result)
    {
        var cell = CellOf(lon, lat);
        if (cell < 0)
        {
            return;
        }

        for (var i = _cellStart[cell]; i < _cellStart[cell + 1]; i++)
        {
            if (Inside(cell, in _entries[i], lon, lat))
            {
                result.Add(_entries[i].Shape);
            }
        }
    }

    private int CellOf(double lon, double lat)
    {
        var column = (int)Math.Floor((lon - _west) * _inverseCell);
        var row = (int)Math.Floor((lat - _south) * _inverseCell);
        if ((uint)column >= (uint)_columns || (uint)row >= (uint)_rows)
        {
            return -1;
        }

        return row * _columns + column;
    }

    private bool Inside(int cell, in Entry entry, double qx, double qy)
    {
        var inside = entry.ReferenceInside;
        if (entry.EdgeCount == 0)
        {
            return inside;
        }

        var row = cell / _columns;
        var column = cell - row * _columns;
        var rx = _west + (column + ReferenceX) * _cell;
        var ry = _south + (row + ReferenceY) * _cell;
        var edges = _edges;
        for (var k = entry.EdgeStart; k < entry.EdgeStart + entry.EdgeCount; k++)
        {
            var o = _edgeIds[k] * 4;
            double ax = edges[o], ay = edges[o + 1], bx = edges[o + 2], by = edges[o + 3];

            // Half-open side tests make a vertex on the reference segment count once, like a ray-casting test.
            var d1 = RingCheck.Orientation(rx, ry, qx, qy, ax, ay) > 0;
            var d2 = RingCheck.Orientation(rx, ry, qx, qy, bx, by) > 0;
            if (d1 == d2)
            {
                continue;
            }

            var d3 = RingCheck.Orientation(ax, ay, bx, by, rx, ry) > 0;
            var d4 = RingCheck.Orientation(ax, ay, bx, by, qx, qy) > 0;
            if (d3 != d4)
            {
                inside = !inside;
            }
        }

        return inside;
    }

    private void AddEdgeCells(int shape, int id, double x1, double y1, double x2, double y2, List<(int, int, int)> cells)
    {
        var c0 = Math.Clamp((int)Math.Floor((Math.Min(x1, x2) - _west) * _inverseCell), 0, _columns - 1);
        var c1 = Math.Clamp((int)Math.Floor((Math.Max(x1, x2) - _west) * _inverseCell), 0, _columns - 1);
        var r0 = Math.Clamp((int)Math.Floor((Math.Min(y1, y2) - _south) * _inverseCell), 0, _rows - 1);
        var r1 = Math.Clamp((int)Math.Floor((Math.Max(y1, y2) - _south) * _inverseCell), 0, _rows - 1);
        for (var r = r0; r <= r1; r++)
        {
            for (var c = c0; c <= c1; c++)
            {
                var west = _west + c * _cell;
                var south = _south + r * _cell;
                if ((c0 == c1 && r0 == r1) || SegmentMeetsBox(x1, y1, x2, y2, west, south, west + _cell, south + _cell))
                {
                    cells.Add((r * _columns + c, shape, id));
                }
            }
        }
    }

    private void AddRowCrossings(int shape, double x1, double y1, double x2, double y2, List<(int, double)>[] rows)
    {
        var r0 = Math.Max(0, (int)Math.Floor((Math.Min(y1, y2) - _south) * _inverseCell) - 1);
        var r1 = Math.Min(_rows - 1, (int)Math.Floor((Math.Max(y1, y2) - _south) * _inverseCell) + 1);
        for (var r = r0; r <= r1; r++)
        {
            var y = _south + (r + ReferenceY) * _cell;
            if ((y1 > y) != (y2 > y))
            {
                var x = x1 + (y - y1) * (x2 - x1) / (y2 - y1);
                (rows[r] ??= []).Add((shape, x));
            }
        }
    }

    /// <summary>Liang-Barsky clipping: true when the closed segment meets the closed box.</summary>
    private static bool SegmentMeetsBox(double x1, double y1, double x2, double y2, double west, double south, double east, double north)
    {
        double t0 = 0, t1 = 1;
        var dx = x2 - x1;
        var dy = y2 - y1;
        return Clip(-dx, x1 - west, ref t0, ref t1) && Clip(dx, east - x1, ref t0, ref t1)
            && Clip(-dy, y1 - south, ref t0, ref t1) && Clip(dy, north - y1, ref t0, ref t1);
    }

    private static bool Clip(double p, double q, ref double t0, ref double t1)
    {
        if (p == 0)
        {
            return q >= 0;
        }

        var r = q / p;
        if (p < 0)
        {
            if (r > t1)
            {
                return false;
            }

            t0 = Math.Max(t0, r);
        }
        else
        {
            if (r < t0)
            {
                return false;
            }

            t1 = Math.Min(t1, r);
        }

        return true;
    }
}
