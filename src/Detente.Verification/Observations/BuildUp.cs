using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Detente.Verification.Observations;

/// <summary>
/// One observer's estimate of a party's forces in a place, from its rows on the latest day it reported in the window: rows with
/// coordinates are sightings of distinct forces and add up; rows without are estimates of the whole place, of which the largest
/// counts (the same figure cited twice is not counted twice); the estimate is the larger of the two.
/// </summary>
/// <param name="Observer">Who estimates.</param>
/// <param name="Day">The day of the estimate.</param>
/// <param name="Count">The central count.</param>
/// <param name="Low">The lowest count allowed.</param>
/// <param name="High">The highest count allowed (+∞ when open).</param>
/// <param name="Rows">The table rows summed (at most <see cref="BuildUp.MaxEvidenceRows"/> are kept).</param>
public sealed record SourceEstimate(string Observer, DateOnly Day, double Count, double Low, double High, ImmutableArray<int> Rows);

/// <summary>
/// A party's observed forces of one kind in one place over a window, with the spread of estimates across observers: the
/// minimum, median and maximum of their central counts, and the lowest low and highest high.
/// </summary>
/// <param name="Party">Whose forces.</param>
/// <param name="Place">Where (a state, an area, or states joined with '+').</param>
/// <param name="What">What is counted.</param>
/// <param name="From">First day of the window.</param>
/// <param name="To">Last day of the window.</param>
/// <param name="Estimates">One estimate per observer, highest first.</param>
public sealed record ObservedForces(string Party, string Place, string What, DateOnly From, DateOnly To, ImmutableArray<SourceEstimate> Estimates)
{
    /// <summary>The smallest central estimate.</summary>
    public double Min => Estimates.Min(e => e.Count);

    /// <summary>The largest central estimate.</summary>
    public double Max => Estimates.Max(e => e.Count);

    /// <summary>The median of the central estimates.</summary>
    public double Median => BuildUp.Median(Estimates.Select(e => e.Count));

    /// <summary>The lowest count any observer allows.</summary>
    public double Low => Estimates.Min(e => e.Low);

    /// <summary>The highest count any observer allows (+∞ when one is open-ended).</summary>
    public double High => Estimates.Max(e => e.High);
}

/// <summary>One point of a build-up series: a party's forces in a place in one ISO week.</summary>
/// <param name="Party">Whose forces.</param>
/// <param name="Place">Where.</param>
/// <param name="What">What is counted.</param>
/// <param name="Week">The ISO week, e.g. <c>2022-W06</c>.</param>
/// <param name="Monday">The week's first day.</param>
/// <param name="Observers">How many observers estimated.</param>
/// <param name="Min">Smallest central estimate.</param>
/// <param name="Median">Median central estimate.</param>
/// <param name="Max">Largest central estimate.</param>
/// <param name="Low">Lowest count allowed.</param>
/// <param name="High">Highest count allowed.</param>
public readonly record struct WeekPoint(
    string Party, string Place, string What, string Week, DateOnly Monday, int Observers, double Min, double Median, double Max, double Low, double High);

/// <summary>
/// Aggregates observation tables: a party's forces in a place (or a set of rows chosen by distance to a border) over a window,
/// and weekly build-up series by place. Rows are scanned in parallel partitions; each partition folds rows into per-key
/// accumulators (observer and day), merged at the end.
/// </summary>
public static class BuildUp
{
    /// <summary>How many rows an estimate keeps as evidence.</summary>
    public const int MaxEvidenceRows = 16;

    /// <summary>
    /// Every (party, place, what) with estimates in [<paramref name="from"/>, <paramref name="to"/>], optionally only rows that
    /// <paramref name="include"/> accepts (e.g. within a distance of a border). Rows without a place are skipped.
    /// </summary>
    public static IReadOnlyList<ObservedForces> Window(ObservationTable table, DateOnly from, DateOnly to, Func<int, bool>? include = null,
        int parallelism = 2)
    {
        ArgumentNullException.ThrowIfNull(table);
        int lo = from.DayNumber, hi = to.DayNumber;
        var day = table.Day;
        var partials = Fold(table, parallelism, i => day[i] >= lo && day[i] <= hi && table.Place[i] >= 0 && (include is null || include(i)), _ => 0);
        return Estimates(table, partials, (key, list) => new ObservedForces(table.Names[key.Party], table.Names[key.Place], table.Names[key.What], from, to, list));
    }

    /// <summary>
    /// The build-up series: for every (party, place, what) and ISO week with observations, the spread of the observers' estimates
    /// that week (each observer's latest day in the week). Ordered by party, place, what and week. <paramref name="since"/> and
    /// <paramref name="until"/> limit the days read; <paramref name="include"/>, when given, the rows (e.g. estimates of one scope).
    /// </summary>
    public static IReadOnlyList<WeekPoint> Weekly(ObservationTable table, string? what = null, DateOnly? until = null, int parallelism = 2,
        DateOnly? since = null, Func<int, bool>? include = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var whatId = what is null ? -1 : table.Names.Find(what);
        if (what is not null && whatId < 0)
        {
            return [];
        }

        var last = until?.DayNumber ?? int.MaxValue;
        var first = since?.DayNumber ?? int.MinValue;
        var day = table.Day;
        var partials = Fold(table, parallelism,
            i => day[i] <= last && day[i] >= first && table.Place[i] >= 0 && (whatId < 0 || table.What[i] == whatId) && (include is null || include(i)),
            i => WeekOf(day[i]));
        var points = new List<WeekPoint>();
        foreach (var (key, estimates) in Combine(partials))
        {
            var counts = estimates.Select(e => e.Count).ToList();
            var monday = DateOnly.FromDayNumber(key.Week * 7);
            points.Add(new WeekPoint(table.Names[key.Party], table.Names[key.Place], table.Names[key.What], IsoWeek(monday), monday, counts.Count,
                counts.Min(), Median(counts), counts.Max(), estimates.Min(e => e.Low), estimates.Max(e => e.High)));
        }

        points.Sort((a, b) => (a.Party, a.Place, a.What, a.Monday).CompareTo((b.Party, b.Place, b.What, b.Monday)));
        return points;
    }

    /// <summary>
    /// Which rows lie in an area given as a point test (e.g. <see cref="Geo.BorderZone.Contains"/> of a border zone, or a state's
    /// territory), tested in parallel; rows without coordinates are not in it. Pass the result's indexer to <see cref="Window"/>.
    /// </summary>
    public static bool[] Within(ObservationTable table, Func<Core.GeoPoint, bool> contains, int parallelism = 2)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(contains);
        var inside = new bool[table.Length];
        Parallel.For(0, Math.Max(1, parallelism), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, part =>
        {
            for (var i = part; i < table.Length; i += Math.Max(1, parallelism))
            {
                inside[i] = !float.IsNaN(table.Lat[i]) && contains(new Core.GeoPoint(table.Lat[i], table.Lon[i]));
            }
        });
        return inside;
    }

    /// <summary>The week number of a day: days since the first Monday of the calendar, divided by 7 (DayNumber 0 is a Monday).</summary>
    public static int WeekOf(int dayNumber) => dayNumber / 7;

    /// <summary>The ISO 8601 week label of a day, e.g. <c>2022-W06</c>.</summary>
    public static string IsoWeek(DateOnly day)
    {
        var dt = day.ToDateTime(TimeOnly.MinValue);
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(dt)}-W{ISOWeek.GetWeekOfYear(dt):00}");
    }

    /// <summary>The median of values (the mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    internal readonly record struct Key(int Party, int Place, int What, int Week, int Observer);

    internal struct Accumulator
    {
        public int Day;
        public double Count;
        public double Low;
        public double High;
        public double AreaCount;
        public double AreaLow;
        public double AreaHigh;

        /// <summary>Folds one row of the accumulator's day: sightings (with coordinates) add up, place-wide estimates keep the largest.</summary>
        public void Add(double count, double low, double high, bool sighting)
        {
            if (sighting)
            {
                Count += count;
                Low += low;
                High += high;
            }
            else if (count > AreaCount || (count == AreaCount && high > AreaHigh))
            {
                AreaCount = count;
                AreaLow = low;
                AreaHigh = high;
            }
        }

        /// <summary>The estimate: the sightings' sum or the largest place-wide estimate, whichever is larger.</summary>
        public readonly (double Count, double Low, double High) Estimate =>
            AreaCount > Count || (AreaCount == Count && AreaHigh > High) ? (AreaCount, AreaLow, AreaHigh) : (Count, Low, High);
        public int RowCount;
        public int Row0;
        public List<int>? Rows;
    }

    private static Dictionary<Key, Accumulator>[] Fold(ObservationTable table, int parallelism, Func<int, bool> include, Func<int, int> week)
    {
        var parts = Math.Max(1, Math.Min(parallelism, table.Length / 65536 + 1));
        var partials = new Dictionary<Key, Accumulator>[parts];
        var day = table.Day;
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, p =>
        {
            var map = new Dictionary<Key, Accumulator>();
            var start = (int)((long)table.Length * p / parts);
            var end = (int)((long)table.Length * (p + 1) / parts);
            for (var i = start; i < end; i++)
            {
                if (!include(i))
                {
                    continue;
                }

                ref var acc = ref CollectionsMarshal.GetValueRefOrAddDefault(map, new Key(table.Party[i], table.Place[i], table.What[i], week(i), table.Observer[i]),
                    out var exists);
                if (!exists || day[i] > acc.Day)
                {
                    // Invariant: an accumulator holds the sum of its observer's rows on the latest day seen.
                    acc.Day = day[i];
                    acc.Count = 0;
                    acc.Low = 0;
                    acc.High = 0;
                    acc.AreaCount = 0;
                    acc.AreaLow = 0;
                    acc.AreaHigh = 0;
                    acc.RowCount = 0;
                    acc.Rows?.Clear();
                }
                else if (day[i] < acc.Day)
                {
                    continue;
                }

                acc.Add(table.Count[i], table.Low[i], table.High[i], !float.IsNaN(table.Lat[i]));
                Remember(ref acc, i);
            }

            partials[p] = map;
        });
        return partials;
    }

    private static void Remember(ref Accumulator acc, int row)
    {
        if (acc.RowCount == 0)
        {
            acc.Row0 = row;
        }
        else if (acc.RowCount < MaxEvidenceRows)
        {
            (acc.Rows ??= []).Add(row);
        }

        acc.RowCount++;
    }

    /// <summary>Merges partition accumulators per key (latest day wins; equal days add up), then groups observers per cell.</summary>
    private static IEnumerable<(Key Cell, List<SourceEstimate> Estimates)> Combine(Dictionary<Key, Accumulator>[] partials)
    {
        var merged = partials[0];
        for (var p = 1; p < partials.Length; p++)
        {
            foreach (var (key, acc) in partials[p])
            {
                ref var target = ref CollectionsMarshal.GetValueRefOrAddDefault(merged, key, out var exists);
                if (!exists || acc.Day > target.Day)
                {
                    target = acc;
                }
                else if (acc.Day == target.Day)
                {
                    target.Count += acc.Count;
                    target.Low += acc.Low;
                    target.High += acc.High;
                    target.Add(acc.AreaCount, acc.AreaLow, acc.AreaHigh, sighting: false);
                    foreach (var r in RowsOf(acc))
                    {
                        Remember(ref target, r);
                    }
                }
            }
        }

        // Observer names are resolved by the caller's table; here estimates carry the observer id as text later.
        var cells = new Dictionary<Key, List<SourceEstimate>>();
        foreach (var (key, acc) in merged)
        {
            var cell = key with { Observer = 0 };
            if (!cells.TryGetValue(cell, out var list))
            {
                cells[cell] = list = [];
            }

            var (count, low, high) = acc.Estimate;
            list.Add(new SourceEstimate(key.Observer.ToString(CultureInfo.InvariantCulture), DateOnly.FromDayNumber(acc.Day), count, low, high,
                [.. RowsOf(acc)]));
        }

        return cells.Select(c => (c.Key, c.Value));
    }

    private static IEnumerable<int> RowsOf(Accumulator acc)
    {
        if (acc.RowCount == 0)
        {
            yield break;
        }

        yield return acc.Row0;
        if (acc.Rows is { } rows)
        {
            foreach (var r in rows)
            {
                yield return r;
            }
        }
    }

    private static List<ObservedForces> Estimates(ObservationTable table, Dictionary<Key, Accumulator>[] partials,
        Func<Key, ImmutableArray<SourceEstimate>, ObservedForces> create)
    {
        var result = new List<ObservedForces>();
        foreach (var (key, estimates) in Combine(partials))
        {
            var named = estimates
                .Select(e => e with { Observer = table.Names[int.Parse(e.Observer, CultureInfo.InvariantCulture)] })
                .OrderByDescending(e => e.Count).ThenBy(e => e.Observer, StringComparer.Ordinal).ToImmutableArray();
            result.Add(create(key, named));
        }

        result.Sort((a, b) => (a.Party, a.Place, a.What).CompareTo((b.Party, b.Place, b.What)));
        return result;
    }
}
