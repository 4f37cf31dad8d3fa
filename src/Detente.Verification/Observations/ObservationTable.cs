using System.Collections.Immutable;
using System.Globalization;
using Detente.Core;
using Detente.Geo;

namespace Detente.Verification.Observations;

/// <summary>
/// Observations in columns (struct arrays), for aggregating millions of rows: one array per field, strings replaced by indexes
/// into <see cref="Names"/>. A row's place is a state (or a list of states, as one name such as <c>BLR+RUS+UKR</c>) and, when
/// known, coordinates. Counts are doubles; an unknown upper bound is +∞.
/// </summary>
public sealed class ObservationTable
{
    /// <summary>Creates an empty table with room for <paramref name="capacity"/> rows.</summary>
    public ObservationTable(int capacity)
    {
        Day = new int[capacity];
        Party = new int[capacity];
        Place = new int[capacity];
        What = new int[capacity];
        Observer = new int[capacity];
        Count = new double[capacity];
        Low = new double[capacity];
        High = new double[capacity];
        Lat = new float[capacity];
        Lon = new float[capacity];
        Fact = new int[capacity];
    }

    /// <summary>Names of parties, places, what is counted and observers.</summary>
    public NameTable Names { get; } = new();

    /// <summary>How many rows are filled.</summary>
    public int Length { get; private set; }

    /// <summary>The day each row applies to (as of: the last day of its period), as <see cref="DateOnly.DayNumber"/>.</summary>
    public int[] Day { get; }

    /// <summary>The observed party (name index).</summary>
    public int[] Party { get; }

    /// <summary>The place: a state, an area, or several states (name index); −1 when unknown.</summary>
    public int[] Place { get; }

    /// <summary>What is counted (name index).</summary>
    public int[] What { get; }

    /// <summary>Who estimates (name index).</summary>
    public int[] Observer { get; }

    /// <summary>The central count.</summary>
    public double[] Count { get; }

    /// <summary>The lowest count the source allows.</summary>
    public double[] Low { get; }

    /// <summary>The highest count the source allows (+∞ when open).</summary>
    public double[] High { get; }

    /// <summary>Latitude, NaN when not given.</summary>
    public float[] Lat { get; }

    /// <summary>Longitude, NaN when not given.</summary>
    public float[] Lon { get; }

    /// <summary>Index into <see cref="Facts"/> of the observation a row came from; −1 for rows without one (synthetic data).</summary>
    public int[] Fact { get; }

    /// <summary>The observations rows came from, for evidence.</summary>
    public List<Observation> Facts { get; } = [];

    /// <summary>Adds a row.</summary>
    public void Add(DateOnly day, int party, int place, int what, int observer, double count, double low, double high, float lat = float.NaN,
        float lon = float.NaN, int fact = -1)
    {
        var i = Length++;
        Day[i] = day.DayNumber;
        Party[i] = party;
        Place[i] = place;
        What[i] = what;
        Observer[i] = observer;
        Count[i] = count;
        Low[i] = low;
        High[i] = high;
        Lat[i] = lat;
        Lon[i] = lon;
        Fact[i] = fact;
    }

    /// <summary>
    /// The table of a world's observations up to its date. A row's place is its single host, else the state at its coordinates
    /// (<paramref name="atlas"/>), else its hosts joined with '+'.
    /// </summary>
    public static ObservationTable From(IEnumerable<Observation> observations, Atlas? atlas, DateOnly? until = null)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var list = observations.Where(o => until is not { } u || o.Period.From <= u).ToList();
        var table = new ObservationTable(list.Count);
        foreach (var o in list)
        {
            var place = PlaceOf(o, atlas);
            var last = o.Period.To is { } to ? (until is { } u2 && to > u2 ? u2 : to) : o.Period.From;
            var q = o.Quantity;

            // One claim: "more than N" has no known maximum (+∞) and "up to N" no known minimum (0). Several: the widest range.
            double low, high, central;
            if (q.Claims.Length == 1)
            {
                var claim = q.Claims[0];
                low = claim.Min ?? 0;
                high = claim.Max ?? double.PositiveInfinity;
                central = claim.Central;
            }
            else
            {
                low = q.Low;
                high = q.High;
                central = (low + high) / 2;
            }

            if (double.IsNaN(central))
            {
                continue;
            }

            table.Facts.Add(o);
            table.Add(last, table.Names.Id(o.Subject.Code), place is null ? -1 : table.Names.Id(place), table.Names.Id(o.What),
                table.Names.Id(o.Observer.Code), central, low, high,
                o.Location is { } p ? (float)p.Latitude : float.NaN, o.Location is { } p2 ? (float)p2.Longitude : float.NaN, table.Facts.Count - 1);
        }

        return table;
    }

    /// <summary>Where an observation is, as a place name: its single host, the state at its point, or its hosts joined with '+'.</summary>
    public static string? PlaceOf(Observation o, Atlas? atlas)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (o.Hosts.Length == 1)
        {
            return o.Hosts[0].Code;
        }

        if (o.Location is { } point && atlas?.TerritoryAt(point) is { } state)
        {
            return state.Code;
        }

        return o.Hosts.Length > 1 ? string.Join('+', o.Hosts.Select(h => h.Code).Order(StringComparer.Ordinal)) : null;
    }

    /// <summary>Places rows that have coordinates but no place in the state there (in parallel).</summary>
    public void Locate(Atlas atlas, int parallelism = 2)
    {
        ArgumentNullException.ThrowIfNull(atlas);
        var names = new string?[Length];
        Parallel.For(0, parallelism, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, part =>
        {
            for (var i = part; i < Length; i += parallelism)
            {
                if (Place[i] < 0 && !float.IsNaN(Lat[i]))
                {
                    names[i] = atlas.TerritoryAt(new GeoPoint(Lat[i], Lon[i]))?.Code;
                }
            }
        });
        for (var i = 0; i < Length; i++)
        {
            if (names[i] is { } n)
            {
                Place[i] = Names.Id(n);
            }
        }
    }

    /// <summary>The sources of the observations behind <paramref name="rows"/>, distinct, in order of first use.</summary>
    public ImmutableArray<string> SourcesOf(IEnumerable<int> rows) =>
        [.. rows.Where(r => Fact[r] >= 0).SelectMany(r => Facts[Fact[r]].Evidence.Sources.Select(s => s.Source.Value)).Distinct()];

    /// <summary>A short text of a count range.</summary>
    public static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "open" : value.ToString("#,0", CultureInfo.InvariantCulture);
}

/// <summary>Interned names: each distinct string gets a small integer.</summary>
public sealed class NameTable
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    /// <summary>How many names.</summary>
    public int Count => _names.Count;

    /// <summary>The id of <paramref name="name"/>, added if new.</summary>
    public int Id(string name)
    {
        if (!_ids.TryGetValue(name, out var id))
        {
            id = _names.Count;
            _ids[name] = id;
            _names.Add(name);
        }

        return id;
    }

    /// <summary>The id of <paramref name="name"/>, or −1.</summary>
    public int Find(string name) => _ids.TryGetValue(name, out var id) ? id : -1;

    /// <summary>The name of <paramref name="id"/>.</summary>
    public string this[int id] => _names[id];
}
