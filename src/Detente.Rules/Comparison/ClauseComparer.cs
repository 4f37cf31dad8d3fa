using Detente.Rules.Ast;
using Detente.Rules.Compilation;
using Detente.Rules.Runtime;

namespace Detente.Rules.Comparison;

/// <summary>How the first of two constraints relates to the second, as sets of worlds they permit.</summary>
public enum Strength
{
    /// <summary>They permit the same worlds.</summary>
    Equivalent,

    /// <summary>Everything the first permits the second permits, and not the other way round.</summary>
    Stronger,

    /// <summary>Everything the second permits the first permits, and not the other way round.</summary>
    Weaker,

    /// <summary>Each permits something the other forbids.</summary>
    Incomparable,

    /// <summary>Not decided by comparing the clauses' constructs.</summary>
    Unknown,
}

/// <summary>One construct of two aligned clauses compared: what it is, the two sides, and which side it makes stronger.</summary>
/// <param name="Construct">The construct compared, e.g. <c>bound</c> or <c>condition</c>.</param>
/// <param name="Left">The construct in the first clause, as rule text.</param>
/// <param name="Right">The construct in the second clause, as rule text.</param>
/// <param name="Strength">How the first side relates to the second on this construct.</param>
public sealed record ComponentComparison(string Construct, string Left, string Right, Strength Strength);

/// <summary>The symbolic comparison of two clauses of the same shape: each construct compared, and the verdict they give together.</summary>
/// <param name="Strength">The verdict of the constructs together.</param>
/// <param name="Components">Each construct compared.</param>
/// <param name="Misaligned">Why the shapes could not be compared construct by construct, when they could not; else null.</param>
public sealed record SymbolicComparison(Strength Strength, IReadOnlyList<ComponentComparison> Components, string? Misaligned);

/// <summary>
/// Compares two clauses symbolically where their shapes align (same kind of clause over the same kind of fact, the same
/// responsible party and grouping), using the monotonicity of each construct: a prohibition or limit that matches more facts
/// is stronger; a smaller upper bound or a longer counting window is stronger; an obligation that applies to more facts, is
/// due earlier or asks for a narrower statement is stronger; binding more parties is stronger; a condition ('only while')
/// makes a clause weaker.
/// </summary>
internal sealed class ClauseComparer(Env leftEnv, Env rightEnv)
{
    /// <summary>True when the two clauses constrain the same collection the same way, so their constructs can be compared one by one.</summary>
    public static bool SameShape(CompiledClause a, CompiledClause b) =>
        a.Kind == b.Kind && a.Syntax.Over == b.Syntax.Over && a.Syntax.ExistsOver == b.Syntax.ExistsOver && a.Checkable && b.Checkable;

    public SymbolicComparison Compare(CompiledClause a, CompiledClause b)
    {
        var components = new List<ComponentComparison>();
        var boundA = a.BoundIn(leftEnv);
        var boundB = b.BoundIn(rightEnv);
        var left = AtomizerFor(a, boundA, leftEnv);
        var right = AtomizerFor(b, boundB, rightEnv);
        var sa = a.Syntax;
        var sb = b.Syntax;

        string? misaligned = null;
        var byA = sa.By is null ? "x.host" : left.Key(sa.By);
        var byB = sb.By is null ? "x.host" : right.Key(sb.By);
        if (byA != byB)
        {
            misaligned = $"responsible party {byA} vs {byB}";
        }
        else if (!sa.GroupBy.Select(left.Key).SequenceEqual(sb.GroupBy.Select(right.Key)))
        {
            misaligned = $"grouped by {string.Join(", ", sa.GroupBy.Select(left.Key))} vs {string.Join(", ", sb.GroupBy.Select(right.Key))}";
        }
        else if (sa.Aggregate != sb.Aggregate || (sa.SumOf is null) != (sb.SumOf is null) || (sa.SumOf is not null && left.Key(sa.SumOf) != right.Key(sb.SumOf!)))
        {
            misaligned = "different aggregates";
        }
        else if (sa.Simultaneous != sb.Simultaneous)
        {
            misaligned = "one counts facts at the same time, the other over a period";
        }
        else if (sa.Baseline != sb.Baseline)
        {
            misaligned = $"baselines {sa.Baseline?.ToString("yyyy-MM-dd") ?? "none"} vs {sb.Baseline?.ToString("yyyy-MM-dd") ?? "none"}";
        }
        else if (sa.Comparison != sb.Comparison && (sa.Kind is ClauseKind.Limit or ClauseKind.Right))
        {
            misaligned = "different comparisons of the aggregate";
        }

        // Who is bound: binding more parties forbids more.
        components.Add(new ComponentComparison("bound parties", boundA.ToString(), boundB.ToString(), Sets(boundA, boundB)));
        if (a.IncludingAlliances != b.IncludingAlliances)
        {
            components.Add(new ComponentComparison("including alliances", a.IncludingAlliances ? "yes" : "no", b.IncludingAlliances ? "yes" : "no",
                a.IncludingAlliances ? Strength.Stronger : Strength.Weaker));
        }

        var upper = sa.Comparison is BinaryOp.Less or BinaryOp.LessOrEqual;
        var whereA = left.Conjuncts(sa.Where);
        var whereB = right.Conjuncts(sb.Where);
        var countsUp = sa.Kind is ClauseKind.Prohibition or ClauseKind.Obligation || upper;
        components.Add(Conditions(sa.Kind == ClauseKind.Obligation ? "when the obligation applies" : "facts matched", whereA, whereB, moreIsStronger: countsUp));

        if (sa.Kind is ClauseKind.Limit or ClauseKind.Right && misaligned is null)
        {
            if (sa.Bound is not null && sb.Bound is not null && a.Bound!(leftEnv) is double ka && b.Bound!(rightEnv) is double kb)
            {
                var s = ka == kb ? Strength.Equivalent : (ka < kb) == upper ? Strength.Stronger : Strength.Weaker;
                components.Add(new ComponentComparison("bound", $"{BinaryExpr.Symbol(sa.Comparison)} {Comparison.Atomizer.Print(ka)}",
                    $"{BinaryExpr.Symbol(sb.Comparison)} {Comparison.Atomizer.Print(kb)}", s));
            }

            if (sa.PerYears != sb.PerYears)
            {
                // A longer window counts more facts against an upper bound.
                var s = sa.PerYears is null || sb.PerYears is null ? Strength.Unknown
                    : (sa.PerYears > sb.PerYears) == upper ? Strength.Stronger : Strength.Weaker;
                components.Add(new ComponentComparison("counting window", Window(sa.PerYears), Window(sb.PerYears), s));
            }
        }

        if (sa.Kind == ClauseKind.Obligation)
        {
            var dueA = left.Linear(sa.Due!);
            var dueB = right.Linear(sb.Due!);
            var s = dueA is { } da && dueB is { } db && da.Base == db.Base
                ? da.Offset == db.Offset ? Strength.Equivalent : da.Offset < db.Offset ? Strength.Stronger : Strength.Weaker
                : left.Key(sa.Due!) == right.Key(sb.Due!) ? Strength.Equivalent : Strength.Unknown;
            components.Add(new ComponentComparison("due", left.Key(sa.Due!), right.Key(sb.Due!), s));
            var existsA = left.Conjuncts(sa.ExistsWhere);
            var existsB = right.Conjuncts(sb.ExistsWhere);

            // Asking for a narrower statement is stronger.
            components.Add(Conditions("statement required", existsA, existsB, moreIsStronger: false));
        }

        if (sa.OnlyWhile is not null || sb.OnlyWhile is not null)
        {
            var s = sa.OnlyWhile is null ? Strength.Stronger : sb.OnlyWhile is null ? Strength.Weaker : Strength.Unknown;
            components.Add(new ComponentComparison("applies only while", sa.OnlyWhile ?? "always", sb.OnlyWhile ?? "always", s));
        }

        return new SymbolicComparison(misaligned is null ? Combine(components.Select(c => c.Strength)) : Strength.Unknown, components, misaligned);
    }

    private static string Window(int? years) => years is null ? "all time" : years == 1 ? "per calendar year" : $"per {years} calendar years";

    private static Atomizer AtomizerFor(CompiledClause clause, PartySet bound, Env env)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal) { [clause.Syntax.Variable] = "x" };
        if (clause.Syntax.ExistsVariable is { } y)
        {
            names[y] = "y";
        }

        return new Atomizer(env, bound, names);
    }

    /// <summary>Two sets of parties: the larger set binds (or matches) more.</summary>
    internal static Strength Sets(PartySet a, PartySet b)
    {
        bool ab = a.Set.All(b.Contains), ba = b.Set.All(a.Contains);
        return ab && ba ? Strength.Equivalent : ba ? Strength.Stronger : ab ? Strength.Weaker : Strength.Incomparable;
    }

    /// <summary>
    /// Two conjunctions of atoms. A condition implies another when each of the other's atoms is implied by one of its own
    /// (sound, not complete). <paramref name="moreIsStronger"/>: whether accepting more facts makes the clause stronger.
    /// </summary>
    internal static ComponentComparison Conditions(string construct, List<Atom> a, List<Atom> b, bool moreIsStronger)
    {
        var aImpliesB = b.All(x => a.Any(y => y.Implies(x)));
        var bImpliesA = a.All(x => b.Any(y => y.Implies(x)));
        Strength s;
        if (aImpliesB && bImpliesA)
        {
            s = Strength.Equivalent;
        }
        else if (aImpliesB || bImpliesA)
        {
            // A's condition is the narrower one when it implies B's: A matches fewer facts.
            s = aImpliesB == moreIsStronger ? Strength.Weaker : Strength.Stronger;
        }
        else
        {
            var comparable = a.All(x => b.Any(x.ComparableWith)) && b.All(x => a.Any(x.ComparableWith));
            s = comparable ? Strength.Incomparable : Strength.Unknown;
        }

        var onlyA = a.Where(x => !b.Any(y => y.Text == x.Text)).Select(x => x.Text).ToList();
        var onlyB = b.Where(x => !a.Any(y => y.Text == x.Text)).Select(x => x.Text).ToList();
        var same = a.Count - onlyA.Count;
        string Side(List<string> only) => only.Count == 0 ? (same > 0 ? "same" : "any") : string.Join(" and ", only);
        return new ComponentComparison(construct + (same > 0 && (onlyA.Count > 0 || onlyB.Count > 0) ? $" ({same} conditions in common; differing)" : ""),
            Side(onlyA), Side(onlyB), s);
    }

    /// <summary>Components combine: all equivalent is equivalent; one direction only is that direction; both directions is incomparable.</summary>
    internal static Strength Combine(IEnumerable<Strength> parts)
    {
        var list = parts.ToList();
        if (list.Contains(Strength.Unknown))
        {
            return Strength.Unknown;
        }

        bool stronger = list.Contains(Strength.Stronger), weaker = list.Contains(Strength.Weaker);
        return list.Contains(Strength.Incomparable) || (stronger && weaker) ? Strength.Incomparable
            : stronger ? Strength.Stronger : weaker ? Strength.Weaker : Strength.Equivalent;
    }
}
