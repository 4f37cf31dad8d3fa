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
/// Raises alerts for a date from observations, declarations and notices. Each party's observed troops are taken per place and per
/// <see cref="EstimateScope"/> (a state-wide figure, a named part of the place, local sightings), never mixing scopes, and are
/// measured on one of three footings (<see cref="AlertBasis"/>), the same rule for every party:
/// <list type="bullet">
/// <item>matched to a recorded activity of the party there: the activity's thresholds (prior notification, para 40.1.1, clause 38;
/// observation, para 47.4, clause 47);</item>
/// <item>no activity, on another state's territory, beyond what the party declared or permanently stations there: forces that
/// arrived there, notifiable from the threshold of para 40.3 (clause 40), and observation;</item>
/// <item>no activity, on the party's own territory: forces in their peacetime locations are no notifiable activity, and a count
/// does not show whether they were transferred to be concentrated (para 40.3), so the finding is <c>undetermined</c> and names
/// Chapter III (para 16) as the mechanism; a state-wide total on the party's own territory (its armed forces) raises nothing.</item>
/// </list>
/// Kinds:
/// <list type="bullet">
/// <item><b>unnotified-build-up</b>: at least one observer puts the forces at or above a threshold and no notice of the clause's
/// kind covers them;</item>
/// <item><b>contradicted-declaration</b>: a participant declared an activity (or notified a figure) below the threshold and at least
/// one observer puts the forces at or above it;</item>
/// <item><b>own-territory-build-up</b>: forces on the party's own territory, in a part of it or seen locally, at or above the
/// concentration threshold, that no activity explains (undetermined);</item>
/// <item><b>rising-trend</b>: the weekly median of one scope rose across at least <see cref="AlertOptions.TrendPoints"/> weeks and
/// crossed a threshold of its footing in that span, or is projected (linearly) to reach the next one within the notice period, or
/// keeps rising above one.</item>
/// </list>
/// Status: <c>violated</c> only when the party's own figure puts the forces at or above the threshold; <c>disputed</c> when the
/// figure is another party's estimate; <c>undetermined</c> on the own-territory footing whoever gives the figure.
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

        var (scopeOf, scopes) = EstimateScope.Of(table, world.Scenario);
        var used = new bool[scopes.Count];
        for (var i = 0; i < table.Length; i++)
        {
            if (table.What[i] == whatId)
            {
                used[scopeOf[i]] = true;
            }
        }

        var firstMonday = DateOnly.FromDayNumber(BuildUp.WeekOf(at.DayNumber) * 7).AddDays(-7 * (_options.TrendWeeks - 1));
        for (var s = 0; s < scopes.Count; s++)
        {
            if (!used[s])
            {
                continue;
            }

            var scope = scopes[s];
            var sc = s;
            bool InScope(int i) => table.What[i] == whatId && scopeOf[i] == sc;
            foreach (var observed in BuildUp.Window(table, from, at, InScope, parallelism))
            {
                var match = ForceMatching.Match(observed, world);
                alerts.AddRange(Level(match, Footing(match), scope, world, table, at));
            }

            var weekly = BuildUp.Weekly(table, _options.What, at, parallelism, firstMonday, InScope);
            Dictionary<(string Party, string Place), ObservedForces>? spans = null;
            foreach (var series in weekly.GroupBy(p => (p.Party, p.Place)))
            {
                var points = series.ToImmutableArray();
                if (!IsRising(points))
                {
                    continue;
                }

                // Every rising series' whole span at once, in one pass over the rows.
                spans ??= BuildUp.Window(table, firstMonday, at, InScope, parallelism).ToDictionary(f => (f.Party, f.Place));
                if (spans.TryGetValue(series.Key, out var span) && Trend(points, span, scope, world, table, at) is { } alert)
                {
                    alerts.Add(alert);
                }
            }
        }

        return [.. alerts.OrderBy(a => a.Party, StringComparer.Ordinal).ThenBy(a => a.Where, StringComparer.Ordinal)
            .ThenBy(a => a.Scope.SubjectSuffix, StringComparer.Ordinal).ThenBy(a => a.Kind).ThenBy(a => a.Threshold.Value)];
    }

    /// <summary>The alerts as findings of their clauses.</summary>
    public static IReadOnlyList<Finding> Findings(IEnumerable<Alert> alerts) => [.. alerts.Select(a => a.ToFinding())];

    /// <summary>
    /// The footing of observed forces: an activity when one of the party's recorded activities there overlaps the window; else its
    /// own territory when the place is (or includes) the party's own state; else an arrival in another state.
    /// </summary>
    internal static AlertBasis Footing(ForceMatch match)
    {
        if (!match.Activities.IsEmpty)
        {
            return AlertBasis.Activity;
        }

        return match.Observed.Place.Split('+').Contains(match.Observed.Party, StringComparer.Ordinal) ? AlertBasis.OwnTerritory : AlertBasis.Arrival;
    }

    /// <summary>
    /// The troops the party's recorded presence there explains: what it declared deployed, or, for an arrival, its permanently
    /// stationed troops there of any provenance when more (a garrison is not an arrival, whoever reports it).
    /// </summary>
    private static double Explained(ForceMatch match, AlertBasis basis, World world)
    {
        if (basis != AlertBasis.Arrival)
        {
            return match.DeclaredDeployed;
        }

        var party = new PartyId(match.Observed.Party);
        var places = match.Observed.Place.Split('+').Select(p => new PartyId(p)).ToHashSet();
        var stationed = world.Deployments
            .Where(d => d.Owner == party && places.Contains(d.Host) && d.Unit == ForceUnit.Troops && d.Permanence == Permanence.Permanent
                        && d.Period.Contains(match.Observed.To))
            .Sum(d => d.Quantity.Claims.Length == 1 ? d.Quantity.Claims[0].Central : (d.Quantity.Low + d.Quantity.High) / 2);
        return Math.Max(match.DeclaredDeployed, double.IsFinite(stationed) ? stationed : 0);
    }

    private IEnumerable<Alert> Level(ForceMatch match, AlertBasis basis, EstimateScope scope, World world, ObservationTable table, DateOnly at)
    {
        var observed = match.Observed;
        if (basis == AlertBasis.OwnTerritory && scope == EstimateScope.State)
        {
            // A state-wide figure of a party's forces on its own territory is its armed forces, not an activity.
            yield break;
        }

        var place = scope.Describe(observed.Place);
        var explainedTroops = Explained(match, basis, world);
        foreach (var threshold in Thresholds.For(basis))
        {
            var above = observed.Estimates.Where(e => e.Count - explainedTroops >= threshold.Value).ToList();
            if (above.Count == 0)
            {
                continue;
            }

            var declaredText = explainedTroops > 0 ? $" beyond the {Num(explainedTroops)} {(basis == AlertBasis.Arrival ? "declared or stationed" : "declared as deployed")} there" : "";
            var head = $"{Observers(above)} put {observed.Party}'s {observed.What} in {place} at {Range(observed)}{declaredText}, " +
                       $"at or above the {Num(threshold.Value)} of {threshold.Clause} ({threshold.Parameter})";
            if (basis == AlertBasis.OwnTerritory)
            {
                yield return Create(AlertKind.OwnTerritoryBuildUp, at, match, threshold, null, FindingStatus.Undetermined, $"{head}; {OwnTerritoryReason(observed.Party)}",
                    table, above, [], null) with { Scope = scope, Basis = basis };
                continue;
            }

            var own = above.Any(e => e.Observer == observed.Party);
            var status = own ? FindingStatus.Violated : FindingStatus.Disputed;
            var below = match.ActivityFigures.Where(f => f.Troops is { } t && t <= threshold.Value && t < observed.Max)
                .OrderBy(f => f.Troops).ThenBy(f => f.By == observed.Party ? 0 : 1).ThenBy(f => f.By, StringComparer.Ordinal).ToList();
            if (below.Count > 0)
            {
                var declarations = string.Join(" and ", below.GroupBy(f => f.Fact).Select(g => $"{string.Join(" and ", g.Select(Quote))} for {g.Key}"));
                var text = $"{declarations}; {Observers(above)} put {observed.Party}'s {observed.What} in {place} at " +
                           $"{Range(observed)}, at or above the {Num(threshold.Value)} of {threshold.Clause} ({threshold.Parameter}).";
                var alert = Create(AlertKind.ContradictedDeclaration, at, match, threshold, below[0], status, text, table, above, [], null);
                yield return alert with
                {
                    Sources = [.. alert.Sources.Concat(below.SelectMany(b => b.Sources)).Distinct(StringComparer.Ordinal)], Scope = scope, Basis = basis,
                };
                continue;
            }

            if (match.Notices.Any(n => NoticeCounts(n, threshold)))
            {
                continue;
            }

            var explained = basis == AlertBasis.Arrival
                ? $"no recorded activity explains them, so they arrived there (para 40.3: the arrival of transferred forces is notifiable like an activity); no notice of it is recorded"
                : $"activity {string.Join(", ", match.Activities.Select(a => a.Id.Value))} there has no notice of this kind";
            yield return Create(AlertKind.UnnotifiedBuildUp, at, match, threshold, null, status, $"{head}; {explained}.", table, above, [], null)
                with { Scope = scope, Basis = basis };
        }
    }

    /// <summary>Why forces on a party's own territory that no activity explains are undetermined under Chapter V (the same words for every party).</summary>
    internal static string OwnTerritoryReason(string party) =>
        $"no recorded activity explains them and they are on {party}'s own territory: Chapter V applies to forces engaged in an activity " +
        "(para 40.1) or transferred to points of arrival or concentration (para 40.3), not to forces in their peacetime locations, and a count " +
        "of forces in a place does not show which, so whether a notice was due is undetermined; Chapter III (para 16, unusual military " +
        "activities) is the mechanism for asking for an explanation (detente consultations).";

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

    private Alert? Trend(ImmutableArray<WeekPoint> points, ObservedForces cell, EstimateScope scope, World world, ObservationTable table, DateOnly at)
    {
        var match = ForceMatching.Match(cell, world);
        var basis = Footing(match);
        if (basis == AlertBasis.OwnTerritory && scope == EstimateScope.State)
        {
            return null;
        }

        var thresholds = Thresholds.For(basis);
        var first = points[0];
        var last = points[^1];
        Threshold? chosen = null;
        string? trend = null;
        var crossed = thresholds.Where(t => first.Median < t.Value && last.Median >= t.Value).LastOrDefault();
        if (crossed is not null)
        {
            (chosen, trend) = (crossed, "crossed");
        }
        else if (thresholds.FirstOrDefault(t => last.Median < t.Value) is { } next)
        {
            var perDay = (last.Median - first.Median) / Math.Max(1, last.Monday.DayNumber - first.Monday.DayNumber);
            if (last.Median + (perDay * Thresholds.NoticeDays) >= next.Value)
            {
                (chosen, trend) = (next, "projected");
            }
        }

        if (chosen is null && thresholds.LastOrDefault(t => first.Median >= t.Value) is { } under)
        {
            (chosen, trend) = (under, "rising-above");
        }

        if (chosen is null)
        {
            return null;
        }

        var path = string.Join(" → ", points.Select(p => $"{p.Week} {Num(p.Median)}"));
        var what = trend switch
        {
            "crossed" => $"crossed the {Num(chosen.Value)} of {chosen.Clause}",
            "projected" => $"is projected to reach the {Num(chosen.Value)} of {chosen.Clause} within the {Num(Thresholds.NoticeDays)}-day notice period",
            _ => $"keeps rising above the {Num(chosen.Value)} of {chosen.Clause}",
        };
        var text = $"weekly median of {last.Party}'s {last.What} in {scope.Describe(last.Place)} rose across {points.Length} weeks ({path}) and {what} " +
                   $"({chosen.Parameter})" + (basis == AlertBasis.OwnTerritory ? $"; {OwnTerritoryReason(last.Party)}" : ".");
        var status = basis == AlertBasis.OwnTerritory
            ? FindingStatus.Undetermined
            : cell.Estimates.Any(e => e.Observer == cell.Party && e.Count >= chosen.Value) ? FindingStatus.Violated : FindingStatus.Disputed;
        return Create(AlertKind.RisingTrend, at, match, chosen, null, status, text, table, [.. cell.Estimates], points, trend) with { Scope = scope, Basis = basis };
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
