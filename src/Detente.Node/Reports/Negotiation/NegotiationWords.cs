using Detente.Core;
using Detente.Negotiation;
using Detente.Negotiation.Analysis;

namespace Detente.Node.Reports.Negotiation;

/// <summary>The words the negotiation answers use for kinds, standings, strengths and search outcomes, in JSON and in tables alike.</summary>
public static class NegotiationWords
{
    /// <summary>"red line" or "demand", for people.</summary>
    public static string Kind(PositionKind kind) => kind == PositionKind.RedLine ? "red line" : "demand";

    /// <summary>"red-line" or "demand", as data and JSON write it.</summary>
    public static string KindJson(PositionKind kind) => kind == PositionKind.RedLine ? "red-line" : "demand";

    /// <summary>A confidence in lower case.</summary>
    public static string Confidence(Confidence c) => c.ToString().ToLowerInvariant();

    /// <summary>A position's standing: met, unmet, open or undecided.</summary>
    public static string Word(Standing s) => s switch
    {
        Standing.Met => "met",
        Standing.Unmet => "unmet",
        Standing.Open => "open",
        _ => "undecided",
    };

    /// <summary>What the second of two compared positions is.</summary>
    public static string Word(Strength s) => s switch
    {
        Strength.Equivalent => "equivalent",
        Strength.Weaker => "weaker",
        Strength.Stronger => "stronger",
        Strength.Incomparable => "incomparable",
        _ => "unknown (solver limit reached)",
    };

    /// <summary>How a search ended.</summary>
    public static string Word(Completion c) => c switch
    {
        Completion.Complete => "complete",
        Completion.SolverLimitReached => "solver-limit-reached",
        _ => "limit-reached",
    };

    /// <summary>A status-quo value in words: the value, or "disputed: a or b", or "unknown".</summary>
    public static string Describe(Issue issue, IssueValue? value) => value switch
    {
        { Value: { } v } => issue.Describe(v),
        { Candidates.IsDefaultOrEmpty: false } c => $"{c.Basis}: {string.Join(" or ", c.Candidates.Select(issue.Describe))}",
        { } c => c.Basis,
        null => "unknown",
    };

    /// <summary>Values for issues in words: "Title: value; …", by issue id.</summary>
    public static string Describe(NegotiationData data, IReadOnlyDictionary<IssueId, int> values)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(values);
        return string.Join("; ", values.OrderBy(kv => kv.Key).Select(kv => $"{data.IssuesById[kv.Key].Title}: {data.IssuesById[kv.Key].Describe(kv.Value)}"));
    }

    /// <summary>A comparison in a sentence, neutral about which version is better.</summary>
    public static string Sentence(NegotiationData data, Comparison c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var head = c.Strength switch
        {
            Strength.Equivalent => $"'{c.Second.Id}' admits exactly the packages '{c.First.Id}' admits.",
            Strength.Stronger => $"'{c.Second.Id}' is stronger than '{c.First.Id}': it admits fewer packages.",
            Strength.Weaker => $"'{c.Second.Id}' is weaker than '{c.First.Id}': it admits more packages.",
            Strength.Incomparable => $"'{c.First.Id}' and '{c.Second.Id}' are incomparable: each admits a package the other rejects.",
            _ => "The solver's limit was reached before the comparison was settled (not a finding).",
        };
        return string.Join(" ", new[]
        {
            head, c.OnlyFirst is { } a ? $"Only the first admits: {Describe(data, a)}." : null,
            c.OnlySecond is { } b ? $"Only the second admits: {Describe(data, b)}." : null,
        }.OfType<string>());
    }
}
