using Detente.Negotiation;
using Detente.Negotiation.Analysis;

namespace Detente.Node.Reports.Negotiation;

/// <summary>The analysis in sentences for people, neutral about which party is right; plain text (a view escapes it for its medium).</summary>
public static class NegotiationSentences
{
    /// <summary>A package as its changes from the status quo of the report's day; the rest stays as it is.</summary>
    public static string Changes(NegotiationReport r, IReadOnlyDictionary<IssueId, int> package)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(package);
        var changed = r.ChangesFromStatusQuo(package);
        return changed.Count == 0
            ? $"the status quo of {r.StatusQuoDay:yyyy-MM-dd} as it is"
            : $"changes from the status quo of {r.StatusQuoDay:yyyy-MM-dd}: {NegotiationWords.Describe(r.Problem.Data, changed)} "
              + $"(the other {package.Count - changed.Count} issues stay as they are)";
    }

    /// <summary>How certain the best package is, one sentence a line: ties, what decided it, whether ±50% on a weight changes it, weak sources.</summary>
    public static IReadOnlyList<string> Ranking(PackageRanking k, Completion completion)
    {
        ArgumentNullException.ThrowIfNull(k);
        static string Name(Clause c) => $"{c.Party} '{c.Title}' (weight {c.Weight})";
        var among = $"among the {k.Candidates} packages compared" + (completion == Completion.Complete ? "" : " (the search stopped early; others may exist)");
        var lines = new List<string>
        {
            k.Tied.Length > 1
                ? $"  Tie: {k.Tied.Length} packages score the same {among}; the one shown is not better than the others, which drop: " +
                  string.Join(" | ", k.Tied.Skip(1).Select(p => string.Join("; ", p.Dropped.Select(c => $"{c.Party} '{c.Title}'")))) + "."
                : $"  No tie {among}.",
        };
        if (k.RunnerUp is { } ru)
        {
            lines.Add(k.DecidedByRedLines
                ? $"  Decided by red lines, not weights: the runner-up crosses {ru.Dropped.Count(c => c.Kind == PositionKind.RedLine)} red line(s), " +
                  $"the best {k.Tied[0].Dropped.Count(c => c.Kind == PositionKind.RedLine)}."
                : "  Decided by weights Detente assigned: the best keeps " +
                  string.Join(", ", k.Deciding.Where(c => k.Tied[0].Kept.Contains(c)).Select(Name).DefaultIfEmpty("nothing more")) +
                  "; the runner-up keeps instead " + string.Join(", ", k.Deciding.Where(c => ru.Kept.Contains(c)).Select(Name).DefaultIfEmpty("nothing more")) + ".");
        }

        lines.Add(k.Stable
            ? $"  Sensitivity: varying each demand weight by ±{k.Variation:P0} alone does not change the best package(s)."
            : $"  Sensitivity: the best package(s) change when one demand weight varies by ±{k.Variation:P0}: " +
              string.Join("; ", k.Sensitivity.Select(x => $"{Name(x.Clause)} at {(x.ChangesAtLow && x.ChangesAtHigh ? "−/+" : x.ChangesAtLow ? "−" : "+")}{k.Variation:P0}")) +
              ". The choice rests on those weights.");
        if (!k.WeaklySourced.IsEmpty)
        {
            lines.Add("  Weights resting only on weak sources (recalled or uncertain, no address): " + string.Join("; ", k.WeaklySourced.Select(Name)) + ".");
        }

        return lines;
    }
}
