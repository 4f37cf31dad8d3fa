using Detente.Core;
using Detente.Rules.Ast;
using Detente.Rules.Compilation;
using Detente.Rules.Evaluation;
using Detente.Rules.Runtime;

namespace Detente.Rules.Comparison;

/// <summary>
/// Two clauses (or a clause with no counterpart) compared: the verdict for the left one against the right, what it rests on
/// (<c>symbolic</c>, <c>search</c> or both), the construct-by-construct comparison when their shapes align, and the
/// separating worlds the search found.
/// </summary>
public sealed record ClauseDiff
{
    internal ClauseDiff(CompiledClause? left, CompiledClause? right, Strength strength, string basis, SymbolicComparison? symbolic,
        SearchResult search, string summary)
    {
        Left = left;
        Right = right;
        Strength = strength;
        Basis = basis;
        Symbolic = symbolic;
        Search = search;
        Summary = summary;
    }

    internal CompiledClause? Left { get; }

    internal CompiledClause? Right { get; }

    /// <summary>The number of the left clause within its document (e.g. <c>4</c> or <c>7.1</c>); null when it has no counterpart.</summary>
    public string? LeftNumber => Left?.Id;

    /// <summary>The number of the right clause within its document; null when it has no counterpart.</summary>
    public string? RightNumber => Right?.Id;

    /// <summary>How the left clause relates to the right.</summary>
    public Strength Strength { get; }

    /// <summary>What the verdict rests on: <c>symbolic</c>, <c>search</c> or <c>symbolic+search</c>.</summary>
    public string Basis { get; }

    /// <summary>The construct-by-construct comparison when the shapes align; else null.</summary>
    public SymbolicComparison? Symbolic { get; }

    /// <summary>What the separating search found for this pair.</summary>
    public SearchResult Search { get; }

    /// <summary>The verdict in one sentence.</summary>
    public string Summary { get; }
}

/// <summary>The comparison of two documents: each aligned pair of clauses, and the verdict for the documents as a whole.</summary>
/// <param name="Left">The first document.</param>
/// <param name="Right">The second document.</param>
/// <param name="Dates">The dates evaluated: the date asked for and each document's own date.</param>
/// <param name="Clauses">Each aligned pair of clauses, and each clause without a counterpart.</param>
/// <param name="Strength">How the first document relates to the second as a whole.</param>
/// <param name="Basis">What the verdict rests on.</param>
/// <param name="Search">What the search over the documents as a whole found.</param>
/// <param name="Summary">The verdict in one sentence.</param>
public sealed record AgreementDiff(Agreement Left, Agreement Right, IReadOnlyList<DateOnly> Dates, IReadOnlyList<ClauseDiff> Clauses,
    Strength Strength, string Basis, SearchResult Search, string Summary);

/// <summary>
/// Compares two agreements as constraints on the world: the left is <em>stronger</em> when every world it permits the right
/// permits too. Clauses are aligned by id, then by shape (the same kind of clause over the same kind of fact, preferring
/// the pair whose conditions test the most things in common); aligned clauses are compared symbolically; every pair, each
/// clause without a counterpart and the documents as a whole are also searched for a separating world.
/// </summary>
internal sealed class AgreementComparison(Evaluator evaluator, Scenario scenario)
{
    /// <summary>How many worlds the search evaluates per pair of clauses (the documents as a whole get twice as many).</summary>
    public int Budget { get; init; } = 500;

    public AgreementDiff Compare(Agreement left, Agreement right, DateOnly at)
    {
        var dates = new[] { at, left.Syntax.Date, right.Syntax.Date }.Distinct().ToList();
        var world = scenario.At(at);
        var leftEnv = evaluator.Environment(left, world, null);
        var rightEnv = evaluator.Environment(right, world, null);
        var comparer = new ClauseComparer(leftEnv, rightEnv);
        var search = new SeparatingSearch(evaluator, scenario, dates, Budget);
        var diffs = new List<ClauseDiff>();
        var allCandidates = new List<List<Perturbation>>();
        foreach (var (a, b) in Align(left, right, leftEnv, rightEnv))
        {
            var candidates = Candidates(search, a, b, leftEnv, rightEnv).Take(Budget).ToList();
            allCandidates.Add(candidates);
            var symbolic = a is not null && b is not null && ClauseComparer.SameShape(a, b) ? comparer.Compare(a, b) : null;
            var found = search.Run(left, a is null ? [] : [a.Id], right, b is null ? [] : [b.Id], candidates);
            diffs.Add(Verdict(a, b, symbolic, found, left.Id, right.Id));
        }

        // The documents as a whole: every clause, every pair's candidates taken in turn.
        var docSearch = new SeparatingSearch(evaluator, scenario, dates, Budget * 2).Run(left, null, right, null, RoundRobin(allCandidates));
        var aligned = diffs.Where(d => d.Left is not null || d.Right is not null).ToList();
        var leftImpliesRight = aligned.All(d => d.Right is null || (d.Left is not null && d.Basis.StartsWith("symbolic", StringComparison.Ordinal)
            && d.Symbolic?.Strength is Strength.Stronger or Strength.Equivalent));
        var rightImpliesLeft = aligned.All(d => d.Left is null || (d.Right is not null && d.Basis.StartsWith("symbolic", StringComparison.Ordinal)
            && d.Symbolic?.Strength is Strength.Weaker or Strength.Equivalent));
        var (strength, basis, summary) = Document(leftImpliesRight, rightImpliesLeft, docSearch, left.Id, right.Id);
        return new AgreementDiff(left, right, dates, diffs, strength, basis, docSearch, summary);
    }

    private static (Strength, string, string) Document(bool leftImpliesRight, bool rightImpliesLeft, SearchResult s, string l, string r)
    {
        var n = s.WorldsTried;
        if (s.LeftForbids is not null && s.RightForbids is not null)
        {
            return (Strength.Incomparable, "search", $"incomparable: each forbids a world the other permits (found among {n} worlds)");
        }

        if (leftImpliesRight && rightImpliesLeft)
        {
            return s.LeftForbids is null && s.RightForbids is null
                ? (Strength.Equivalent, "symbolic", $"equivalent: every clause has an equivalent counterpart (and none of {n} worlds tried separates them)")
                : (s.LeftForbids is not null ? Strength.Stronger : Strength.Weaker, "search",
                    "the symbolic comparison found every clause equivalent, but a world separates them; the world is the proof");
        }

        if (leftImpliesRight)
        {
            return s.LeftForbids is not null
                ? (Strength.Stronger, "symbolic+search", $"{l} is stronger: each clause of {r} has an equal or stronger counterpart in {l}, and a world separates them")
                : (Strength.Stronger, "symbolic", $"{l} is at least as strong: each clause of {r} has an equal or stronger counterpart in {l}; no world of {n} tried separates them");
        }

        if (rightImpliesLeft)
        {
            return s.RightForbids is not null
                ? (Strength.Weaker, "symbolic+search", $"{l} is weaker: each clause of {l} has an equal or stronger counterpart in {r}, and a world separates them")
                : (Strength.Weaker, "symbolic", $"{l} is at most as strong: each clause of {l} has an equal or stronger counterpart in {r}; no world of {n} tried separates them");
        }

        return (s.LeftForbids, s.RightForbids) switch
        {
            (not null, null) => (Strength.Stronger, "search", $"{l} forbids a world {r} permits; no world of {n} tried shows the converse, so {l} is stronger on all {n} worlds tried"),
            (null, not null) => (Strength.Weaker, "search", $"{r} forbids a world {l} permits; no world of {n} tried shows the converse, so {l} is weaker on all {n} worlds tried"),
            _ => (Strength.Equivalent, "search", $"equivalent on all {n} worlds tried (not proved: the clauses do not align symbolically)"),
        };
    }

    private static ClauseDiff Verdict(CompiledClause? a, CompiledClause? b, SymbolicComparison? symbolic, SearchResult s, string l, string r)
    {
        var n = s.WorldsTried;
        bool lf = s.LeftForbids is not null, rf = s.RightForbids is not null;
        if (a is null || b is null)
        {
            var only = a is null ? $"{r}/{b!.Id}" : $"{l}/{a.Id}";
            var forbids = a is null ? rf : lf;
            var strength = a is null ? Strength.Weaker : Strength.Stronger;
            var other = a is null ? l : r;
            return new ClauseDiff(a, b, forbids ? strength : Strength.Unknown, "search", null, s, forbids
                ? $"only {only} constrains this: {other} has no clause of the same kind over the same facts; a world it forbids is shown"
                : $"only {only} constrains this; no world of {n} tried makes it bite");
        }

        if (lf && rf)
        {
            var note = symbolic is { Strength: not (Strength.Incomparable or Strength.Unknown) } ? $" (the symbolic comparison said {Word(symbolic.Strength)}; the worlds are the proof)" : "";
            return new ClauseDiff(a, b, Strength.Incomparable, symbolic?.Strength == Strength.Incomparable ? "symbolic+search" : "search", symbolic, s,
                "incomparable: each forbids a world the other permits" + note);
        }

        if (symbolic is { Strength: not Strength.Unknown } sym)
        {
            var contradicted = (sym.Strength == Strength.Equivalent && (lf || rf)) || (sym.Strength == Strength.Stronger && rf) || (sym.Strength == Strength.Weaker && lf);
            if (!contradicted)
            {
                var witnessed = sym.Strength switch
                {
                    Strength.Stronger => lf,
                    Strength.Weaker => rf,
                    Strength.Incomparable => lf || rf,
                    _ => false,
                };
                var text = sym.Strength == Strength.Equivalent
                    ? $"equivalent: every construct is the same (and none of {n} worlds tried separates them)"
                    : $"{Word(sym.Strength)} by construct" + (witnessed ? ", with a separating world" : $"; no separating world found among {n} tried");
                return new ClauseDiff(a, b, sym.Strength, witnessed ? "symbolic+search" : "symbolic", symbolic, s, text);
            }
        }

        var why = symbolic is null ? "the clauses differ in kind or collection" : symbolic.Misaligned ?? "a construct could not be compared";
        return (lf, rf) switch
        {
            (true, false) => new ClauseDiff(a, b, Strength.Stronger, "search", symbolic, s, $"stronger on all {n} worlds tried ({why}): {l}/{a.Id} forbids a world {r}/{b.Id} permits, never the converse"),
            (false, true) => new ClauseDiff(a, b, Strength.Weaker, "search", symbolic, s, $"weaker on all {n} worlds tried ({why}): {r}/{b.Id} forbids a world {l}/{a.Id} permits, never the converse"),
            _ => new ClauseDiff(a, b, Strength.Equivalent, "search", symbolic, s, $"equivalent on all {n} worlds tried ({why}); not proved"),
        };
    }

    internal static string Word(Strength s) => s switch
    {
        Strength.Equivalent => "equivalent",
        Strength.Stronger => "stronger",
        Strength.Weaker => "weaker",
        Strength.Incomparable => "incomparable",
        _ => "undecided",
    };

    private static IEnumerable<Perturbation> RoundRobin(List<List<Perturbation>> lists)
    {
        for (var i = 0; lists.Any(l => i < l.Count); i++)
        {
            foreach (var l in lists.Where(l => i < l.Count))
            {
                yield return l[i];
            }
        }
    }

    private static IEnumerable<Perturbation> Candidates(SeparatingSearch search, CompiledClause? a, CompiledClause? b, Env leftEnv, Env rightEnv)
    {
        var clause = (a ?? b)!;
        var atoms = new List<Atom>();
        var bound = new List<PartySet>();
        var counts = new List<double>();
        foreach (var (c, env) in new[] { (a, leftEnv), (b, rightEnv) })
        {
            if (c is null || !c.Checkable)
            {
                continue;
            }

            var set = c.BoundIn(env);
            bound.Add(set);
            var names = new Dictionary<string, string>(StringComparer.Ordinal) { [c.Syntax.Variable] = "x" };
            if (c.Syntax.ExistsVariable is { } y)
            {
                names[y] = "y";
            }

            var atomizer = new Atomizer(env, set, names);
            atoms.AddRange(atomizer.Conjuncts(c.Syntax.Where));
            atoms.AddRange(atomizer.Conjuncts(c.Syntax.ExistsWhere));
            if (c.Bound is not null && c.Bound(env) is double k)
            {
                counts.Add(k);
            }
        }

        return clause.Checkable ? search.Candidates(clause.Syntax.Over, atoms, bound, counts, clause.Syntax.ExistsOver) : [];
    }

    /// <summary>
    /// Pairs clauses: the same id and shape first, then for each remaining clause of the left the unpaired clause of the right
    /// with the same shape whose conditions test the most things in common (at least one). Clauses not machine-checkable
    /// are left out; the rest without a counterpart stand alone.
    /// </summary>
    internal static List<(CompiledClause? Left, CompiledClause? Right)> Align(Agreement left, Agreement right, Env leftEnv, Env rightEnv)
    {
        var pairs = new List<(CompiledClause?, CompiledClause?)>();
        var rightFree = right.Clauses.Where(c => c.Checkable).ToList();
        var leftFree = new List<CompiledClause>();
        foreach (var a in left.Clauses.Where(c => c.Checkable))
        {
            var same = rightFree.FirstOrDefault(b => b.Id == a.Id && ClauseComparer.SameShape(a, b));
            if (same is not null)
            {
                pairs.Add((a, same));
                rightFree.Remove(same);
            }
            else
            {
                leftFree.Add(a);
            }
        }

        foreach (var a in leftFree)
        {
            var subjects = Subjects(a, leftEnv);
            var best = rightFree.Where(b => ClauseComparer.SameShape(a, b))
                .Select(b => (b, score: Subjects(b, rightEnv).Intersect(subjects).Count()))
                .Where(x => x.score > 0).OrderByDescending(x => x.score).Select(x => x.b).FirstOrDefault();
            if (best is not null)
            {
                rightFree.Remove(best);
            }

            pairs.Add((a, best));
        }

        pairs.AddRange(rightFree.Select(b => ((CompiledClause?)null, (CompiledClause?)b)));
        return pairs;
    }

    private static HashSet<string> Subjects(CompiledClause c, Env env)
    {
        var atomizer = new Atomizer(env, env.Parties, new Dictionary<string, string>(StringComparer.Ordinal) { [c.Syntax.Variable] = "x" });
        return atomizer.Conjuncts(c.Syntax.Where).Select(a => a.Subject).ToHashSet(StringComparer.Ordinal);
    }
}
