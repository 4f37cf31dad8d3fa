using System.Collections.Immutable;
using Detente.Core;

namespace Detente.Negotiation.Analysis;

/// <summary>What one demand weight does to the best package when it is varied.</summary>
/// <param name="Clause">The demand.</param>
/// <param name="ChangesAtLow">True when the best packages change with the weight at (1 − variation) of its value.</param>
/// <param name="ChangesAtHigh">True when they change with the weight at (1 + variation) of its value.</param>
public sealed record WeightSensitivity(Clause Clause, bool ChangesAtLow, bool ChangesAtHigh);

/// <summary>
/// How certain the best package is, from the packages compared: which packages tie with it, what set it apart from the
/// runner-up (red lines crossed, or which demand weights), whether it changes when each demand weight varies, and which
/// weights rest only on weak sources.
/// </summary>
/// <param name="Candidates">How many distinct packages were compared (the maximal packages found, and the best).</param>
/// <param name="Tied">The packages that score exactly as the best does, the best first: more than one is a tie, not an answer.</param>
/// <param name="RunnerUp">The best-scoring package that is not tied, if any.</param>
/// <param name="DecidedByRedLines">True when the runner-up crosses more red lines, so no weight decided between them.</param>
/// <param name="Deciding">The demands kept by one of best and runner-up but not the other: the weights that decided.</param>
/// <param name="Variation">The fraction each weight was varied by (0.5 for ±50%).</param>
/// <param name="Sensitivity">Each demand whose variation changes the best packages (only those).</param>
/// <param name="WeaklySourced">
/// Demands whose every source is weak: graded E or F, or with no address and confidence recalled or uncertain (e.g. "press reports
/// (recalled)").
/// </param>
public sealed record PackageRanking(
    int Candidates,
    ImmutableArray<Package> Tied,
    Package? RunnerUp,
    bool DecidedByRedLines,
    ImmutableArray<Clause> Deciding,
    double Variation,
    ImmutableArray<WeightSensitivity> Sensitivity,
    ImmutableArray<Clause> WeaklySourced)
{
    /// <summary>True when no demand weight, varied alone by ±<see cref="Variation"/>, changes the best packages.</summary>
    public bool Stable => Sensitivity.IsEmpty;

    /// <summary>
    /// Ranks <paramref name="best"/> among <paramref name="packages"/> with the objective <see cref="NegotiationAnalyzer.Best"/>
    /// uses — fewest red lines crossed, then the most demand weight with each party's demands scaled to the same total — and
    /// varies each demand weight by ±<paramref name="variation"/>. Packages with the same kept clauses count once. The result
    /// holds for the packages compared: when the enumeration stopped early, others may exist.
    /// </summary>
    public static PackageRanking Of(NegotiationProblem problem, Package best, IEnumerable<Package> packages, double variation = 0.5)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(best);
        ArgumentNullException.ThrowIfNull(packages);
        static string Key(Package p) => string.Join("\n", p.Kept.Select(c => c.Id).Order(StringComparer.Ordinal));
        var candidates = new List<Package> { best };
        var seen = new HashSet<string>(StringComparer.Ordinal) { Key(best) };
        foreach (var p in packages)
        {
            if (seen.Add(Key(p)))
            {
                candidates.Add(p);
            }
        }

        var demands = problem.Clauses.Where(c => c.Kind == PositionKind.Demand).ToList();
        var weights = demands.ToDictionary(c => c.Id, c => (double)c.Weight, StringComparer.Ordinal);
        var scores = Scores(candidates, demands, weights);
        var top = Top(scores);
        var tied = top.Contains(0) ? top.Select(i => candidates[i]).OrderBy(p => p == best ? 0 : 1).ToImmutableArray() : [best];

        // The runner-up: the best score among those not tied with the best.
        Package? runnerUp = null;
        var bestScore = scores[0];
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!top.Contains(i) && (runnerUp is null || Compare(scores[i], scores[candidates.IndexOf(runnerUp)]) > 0))
            {
                runnerUp = candidates[i];
            }
        }

        var byRedLines = runnerUp is not null && scores[candidates.IndexOf(runnerUp)].Crossed > bestScore.Crossed;
        var deciding = runnerUp is null || byRedLines
            ? []
            : demands.Where(d => best.Kept.Contains(d) != runnerUp.Kept.Contains(d)).ToImmutableArray();

        var sensitivity = ImmutableArray.CreateBuilder<WeightSensitivity>();
        foreach (var d in demands)
        {
            bool Changes(double factor)
            {
                var varied = new Dictionary<string, double>(weights, StringComparer.Ordinal) { [d.Id] = weights[d.Id] * factor };
                return !Top(Scores(candidates, demands, varied)).SetEquals(top);
            }

            var low = Changes(1 - variation);
            var high = Changes(1 + variation);
            if (low || high)
            {
                sensitivity.Add(new WeightSensitivity(d, low, high));
            }
        }

        var weak = demands.Where(d => d.Positions.All(p => !p.Sources.IsEmpty && p.Sources.All(Weak))).ToImmutableArray();
        return new PackageRanking(candidates.Count, tied, runnerUp, byRedLines, deciding, variation, sensitivity.ToImmutable(), weak);
    }

    /// <summary>
    /// A source graded E (unreliable) or F (reliability cannot be judged) on the Admiralty scale, or one that gives no address and
    /// is rated only recalled or uncertain.
    /// </summary>
    public static bool Weak(CitedSource s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.Source.Reliability is null or 'E' or 'F' || (s.Source.Url is null && s.Confidence is Confidence.Recalled or Confidence.Uncertain);
    }

    private readonly record struct Score(int Crossed, double Weight);

    private static int Compare(Score a, Score b) =>
        a.Crossed != b.Crossed ? b.Crossed.CompareTo(a.Crossed) : Math.Abs(a.Weight - b.Weight) < 1e-9 ? 0 : a.Weight.CompareTo(b.Weight);

    private static HashSet<int> Top(List<Score> scores)
    {
        var best = scores.Aggregate((a, b) => Compare(a, b) >= 0 ? a : b);
        return Enumerable.Range(0, scores.Count).Where(i => Compare(scores[i], best) == 0).ToHashSet();
    }

    // As in NegotiationAnalyzer.Best (the same rounding down, at least one point): each party's demands share the same total, so a party gains nothing by listing more of
    // them or using larger numbers; red lines are counted first.
    private static List<Score> Scores(List<Package> packages, List<Clause> demands, Dictionary<string, double> weights)
    {
        var totals = demands.GroupBy(d => d.Party).ToDictionary(g => g.Key, g => g.Sum(d => weights[d.Id]));
        return packages.Select(p => new Score(
            p.Dropped.Count(c => c.Kind == PositionKind.RedLine),
            p.Kept.Where(c => c.Kind == PositionKind.Demand && totals[c.Party] > 0)
                .Sum(c => Math.Max(1, Math.Floor(weights[c.Id] * NegotiationAnalyzer.PartyDemandTotal / totals[c.Party]))))).ToList();
    }
}
