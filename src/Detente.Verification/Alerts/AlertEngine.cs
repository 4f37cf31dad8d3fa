using System.Collections.Immutable;
using System.Globalization;
using Detente.Core;
using Detente.Rules.Runtime;
using Detente.Verification.Observations;

namespace Detente.Verification.Alerts;

/// <summary>How alerts look at the data; the defaults are Detente's choices, not any agreement's.</summary>
/// <param name="WindowDays">How many days up to the date count as "now" (each observer's latest estimate in the window).</param>
/// <param name="TrendWeeks">How many ISO weeks up to the date a trend looks at.</param>
/// <param name="TrendPoints">How many weekly points a trend needs.</param>
/// <param name="What">What the troop thresholds count.</param>
public sealed record AlertOptions(int WindowDays = 14, int TrendWeeks = 6, int TrendPoints = 3, string What = "troops");

/// <summary>
/// Raises alerts for a date from observations, declarations and notices:
/// <list type="bullet">
/// <item><b>unnotified-build-up</b>: at least one observer puts a party's troops in a place, beyond what it declared as deployed there,
/// at or above a threshold, and no activity there explains them or the activity has no notice of the clause's kind;</item>
/// <item><b>contradicted-declaration</b>: a participant declared an activity (or notified a figure) below the threshold and at least one
/// observer puts the forces at or above it;</item>
/// <item><b>rising-trend</b>: the weekly median rose across at least <see cref="AlertOptions.TrendPoints"/> weeks and crossed a
/// threshold in that span, or is projected (linearly) to reach the next one within the notice period, or keeps rising above one.</item>
/// </list>
/// Status: <c>violated</c> only when the party's own figure or an inspection puts the forces at or above the threshold (an
/// estimate by the observed party itself); otherwise <c>disputed</c>, since the figure is another party's estimate.
/// </summary>
public sealed class AlertEngine(AlertThresholds thresholds, AlertOptions? options = null)
{
    private readonly AlertOptions _options = options ?? new AlertOptions();

    /// <summary>The thresholds in use.</summary>
    public AlertThresholds Thresholds { get; } = thresholds;

    /// <summary>Every alert on <paramref name="world"/>'s date over <paramref name="table"/> (observations up to that date).</summary>
    public IReadOnlyList<Alert> Evaluate(World world, ObservationTable table, int parallelism = 2)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(table);
        var at = world.At;
        var from = at.AddDays(1 - _options.WindowDays);
        var whatId = table.Names.Find(_options.What);
        var alerts = new List<Alert>();
        if (whatId < 0)
        {
            return alerts;
        }

        var cells = BuildUp.Window(table, from, at, i => table.What[i] == whatId, parallelism);
        foreach (var observed in cells)
        {
            var match = ForceMatching.Match(observed, world);
            alerts.AddRange(Level(match, table, at));
        }

        var firstMonday = DateOnly.FromDayNumber(BuildUp.WeekOf(at.DayNumber) * 7).AddDays(-7 * (_options.TrendWeeks - 1));
        var weekly = BuildUp.Weekly(table, _options.What, at, parallelism, firstMonday);
        Dictionary<(string Party, string Place), ObservedForces>? spans = null;
        foreach (var series in weekly.GroupBy(p => (p.Party, p.Place)))
        {
            var points = series.ToImmutableArray();
            if (!IsRising(points))
            {
                continue;
            }

            // Every rising series' whole span at once, in one pass over the rows.
            spans ??= BuildUp.Window(table, firstMonday, at, i => table.What[i] == whatId, parallelism).ToDictionary(f => (f.Party, f.Place));
            if (spans.TryGetValue(series.Key, out var span) && Trend(points, span, world, table, at) is { } alert)
            {
                alerts.Add(alert);
            }
        }

        return [.. alerts.OrderBy(a => a.Party, StringComparer.Ordinal).ThenBy(a => a.Where, StringComparer.Ordinal).ThenBy(a => a.Kind)
            .ThenBy(a => a.Threshold.Value)];
    }

    /// <summary>The alerts as findings of their clauses.</summary>
    public static IReadOnlyList<Finding> Findings(IEnumerable<Alert> alerts) => [.. alerts.Select(a => a.ToFinding())];

    private IEnumerable<Alert> Level(ForceMatch match, ObservationTable table, DateOnly at)
    {
        var observed = match.Observed;
        var deployed = match.DeclaredDeployed;
        foreach (var threshold in Thresholds.Troops)
        {
            var above = observed.Estimates.Where(e => e.Count - deployed >= threshold.Value).ToList();
            if (above.Count == 0)
            {
                continue;
            }

            var own = above.Any(e => e.Observer == observed.Party);
            var status = own ? FindingStatus.Violated : FindingStatus.Disputed;
            var below = match.ActivityFigures.Where(f => f.Troops is { } t && t <= threshold.Value && t < observed.Max)
                .OrderBy(f => f.Troops).ThenBy(f => f.By == observed.Party ? 0 : 1).ThenBy(f => f.By, StringComparer.Ordinal).ToList();
            if (below.Count > 0)
            {
                var declarations = string.Join(" and ", below.GroupBy(f => f.Fact).Select(g => $"{string.Join(" and ", g.Select(Quote))} for {g.Key}"));
                var text = $"{declarations}; {Observers(above)} put {observed.Party}'s {observed.What} in {observed.Place} at " +
                           $"{Range(observed)}, at or above the {Num(threshold.Value)} of {threshold.Clause} ({threshold.Parameter}).";
                var alert = Create(AlertKind.ContradictedDeclaration, at, match, threshold, below[0], status, text, table, above, [], null);
                yield return alert with { Sources = [.. alert.Sources.Concat(below.SelectMany(b => b.Sources)).Distinct(StringComparer.Ordinal)] };
                continue;
            }

            var noticed = match.Notices.Any(n => NoticeCounts(n, threshold));
            if (noticed)
            {
                continue;
            }

            var explained = match.Activities.IsEmpty
                ? "no notified activity there explains them"
                : $"activity {string.Join(", ", match.Activities.Select(a => a.Id.Value))} there has no notice of this kind";
            var declaredText = match.Deployments.IsEmpty ? "" : $" beyond the {Num(deployed)} declared as deployed";
            var message = $"{Observers(above)} put {observed.Party}'s {observed.What} in {observed.Place} at {Range(observed)}{declaredText}, " +
                          $"at or above the {Num(threshold.Value)} of {threshold.Clause} ({threshold.Parameter}); {explained}.";
            yield return Create(AlertKind.UnnotifiedBuildUp, at, match, threshold, null, status, message, table, above, [], null);
        }
    }

    private bool IsRising(ImmutableArray<WeekPoint> points)
    {
        if (points.Length < _options.TrendPoints)
        {
            return false;
        }

        for (var i = 1; i < points.Length; i++)
        {
            if (points[i].Median < points[i - 1].Median)
            {
                return false;
            }
        }

        return points[^1].Median > points[0].Median;
    }

    private Alert? Trend(ImmutableArray<WeekPoint> points, ObservedForces cell, World world, ObservationTable table, DateOnly at)
    {
        var first = points[0];
        var last = points[^1];
        Threshold? chosen = null;
        string? trend = null;
        var crossed = Thresholds.Troops.Where(t => first.Median < t.Value && last.Median >= t.Value).LastOrDefault();
        if (crossed is not null)
        {
            (chosen, trend) = (crossed, "crossed");
        }
        else if (Thresholds.Troops.FirstOrDefault(t => last.Median < t.Value) is { } next)
        {
            var perDay = (last.Median - first.Median) / Math.Max(1, last.Monday.DayNumber - first.Monday.DayNumber);
            if (last.Median + (perDay * Thresholds.NoticeDays) >= next.Value)
            {
                (chosen, trend) = (next, "projected");
            }
        }

        if (chosen is null && Thresholds.Troops.LastOrDefault(t => first.Median >= t.Value) is { } under)
        {
            (chosen, trend) = (under, "rising-above");
        }

        if (chosen is null)
        {
            return null;
        }

        var match = ForceMatching.Match(cell, world);
        var path = string.Join(" → ", points.Select(p => $"{p.Week} {Num(p.Median)}"));
        var what = trend switch
        {
            "crossed" => $"crossed the {Num(chosen.Value)} of {chosen.Clause}",
            "projected" => $"is projected to reach the {Num(chosen.Value)} of {chosen.Clause} within the {Num(Thresholds.NoticeDays)}-day notice period",
            _ => $"keeps rising above the {Num(chosen.Value)} of {chosen.Clause}",
        };
        var text = $"weekly median of {last.Party}'s {last.What} in {last.Place} rose across {points.Length} weeks ({path}) and {what} ({chosen.Parameter}).";
        var status = cell.Estimates.Any(e => e.Observer == cell.Party && e.Count >= chosen.Value) ? FindingStatus.Violated : FindingStatus.Disputed;
        return Create(AlertKind.RisingTrend, at, match, chosen, null, status, text, table, [.. cell.Estimates], points, trend);
    }

    private static bool NoticeCounts(Notification n, Threshold threshold) =>
        threshold.Parameter == AlertThresholds.ObservationParameter
            ? n.Kind is NotificationKind.ViennaPriorNotification or NotificationKind.Voluntary
            : n.Kind is NotificationKind.ViennaPriorNotification;

    private static Alert Create(AlertKind kind, DateOnly at, ForceMatch match, Threshold threshold, Declaration? declared, FindingStatus status, string text,
        ObservationTable table, IReadOnlyList<SourceEstimate> estimates, ImmutableArray<WeekPoint> series, string? trend)
    {
        var rows = estimates.SelectMany(e => e.Rows).Distinct().ToList();
        var sources = table.SourcesOf(rows).Concat(declared?.Sources ?? []).Distinct(StringComparer.Ordinal).ToImmutableArray();
        var evidence = rows.Where(r => table.Fact[r] >= 0).Select(r => table.Facts[table.Fact[r]])
            .Select(o => (o.Id.Value, o.Evidence.RecordIndex)).Distinct().ToImmutableArray();
        return new Alert(kind, at, match, threshold, declared, status, text, series, trend) { Sources = sources, Evidence = evidence };
    }

    private static string Quote(Declaration d) =>
        d.Troops is { } t ? $"{d.By} declared at most {Num(t)}" : $"{d.By} declared no figure";

    private static string Observers(IEnumerable<SourceEstimate> estimates) =>
        string.Join(" and ", estimates.Select(e => $"{e.Observer} ({Num(e.Count)}, {e.Day:yyyy-MM-dd})"));

    private static string Range(ObservedForces o) =>
        o.Estimates.Length == 1 ? Num(o.Max) : $"{Num(o.Min)}–{Num(o.Max)} (median {Num(o.Median)})";

    private static string Num(double value) => ObservationTable.Format(value);

    /// <summary>Text of a number for messages (invariant culture).</summary>
    internal static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
