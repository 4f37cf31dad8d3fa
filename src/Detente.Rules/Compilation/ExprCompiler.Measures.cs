using System.Collections.Immutable;
using Detente.Core;
using Detente.Rules.Ast;
using Detente.Rules.Checking;
using Detente.Rules.Runtime;

namespace Detente.Rules.Compilation;

/// <summary>
/// Compilation of the forms only issue measures use. A quantifier reads the same facts a clause over that kind would
/// (<see cref="Domains.Of"/>); a fact whose condition is disputed or unknown widens a count or sum into a range
/// (two claims when every doubt is a dispute, so comparisons report 'disputed'; one open range otherwise, 'unknown').
/// </summary>
internal sealed partial class ExprCompiler
{
    private Compiled MeasureForm(Expr e) => e switch
    {
        QuantifierExpr q => QuantifierOver(q),
        ConditionalExpr c => Conditional(c),
        _ => throw new InvalidOperationException($"cannot compile {e}"),
    };

    /// <summary>The documents and parameters the checker resolved for <c>in-force</c> and <c>parameter</c> calls.</summary>
    public IReadOnlyDictionary<CallExpr, (IDocumentSignature Agreement, string? Param)>? AgreementCalls { get; init; }

    /// <summary>
    /// <c>in-force(DOC)</c>: true while DOC is in force on the date (a treaty or political commitment from its in-force date to
    /// its end, if any; never a draft or a proposal). <c>parameter(DOC, NAME)</c>: the value DOC gives NAME (its default), while
    /// DOC is in force; not recorded otherwise, as no value is set. Both note what decided them.
    /// </summary>
    private Compiled AgreementCall(CallExpr c)
    {
        var (document, param) = AgreementCalls?[c] ?? throw new InvalidOperationException($"unchecked call {c}");
        // Invariant: the checker is given compiled agreements, so every document it resolved is one.
        var agreement = (Agreement)document;
        return env =>
        {
            var at = env.World.At;
            var inForce = InForceOn(agreement, at, out var why);
            if (param is null)
            {
                env.Note(why);
                return Truths.Box(Truths.Of(inForce));
            }

            if (!inForce)
            {
                env.Note($"{why}, so it sets no {param}");
                return null;
            }

            var value = agreement.Environment(env.World, env.Geography, null).Parameters[param];
            env.Note($"{why}; it sets {param} = {Show(value)}");
            return value;
        };
    }

    /// <summary>Whether a document is in force on a date, with why in words.</summary>
    internal static bool InForceOn(Agreement agreement, DateOnly at, out string why)
    {
        var doc = agreement.Syntax;
        var note = doc.InForceNote is { } n ? $" ({n})" : "";
        if (doc.Kind is "draft" or "proposal" || doc.InForce is not { } from)
        {
            why = $"{agreement.Id} is not in force on {at:yyyy-MM-dd}: a {doc.Kind} with no in-force date{note}";
            return false;
        }

        if (at < from)
        {
            why = $"{agreement.Id} is not in force on {at:yyyy-MM-dd}: in force from {from:yyyy-MM-dd}";
            return false;
        }

        if (doc.Until is { } until && at > until)
        {
            why = $"{agreement.Id} is not in force on {at:yyyy-MM-dd}: ceased to apply on {until:yyyy-MM-dd}{note}";
            return false;
        }

        why = $"{agreement.Id} is in force on {at:yyyy-MM-dd} (from {from:yyyy-MM-dd})";
        return true;
    }

    private Compiled QuantifierOver(QuantifierExpr q)
    {
        var slot = slots[q.Variable];
        var where = q.Where is null ? null : Compile(q.Where);
        var of = q.Of is null ? null : Compile(q.Of);
        var over = q.Over;
        var kind = q.Kind;
        return env =>
        {
            var saved = env.Slots[slot];
            var matched = new List<object>();
            var doubtful = new List<(object Fact, Truth Truth)>();
            try
            {
                foreach (var fact in Domains.Of(over, env.World))
                {
                    env.Slots[slot] = fact;
                    var t = where is null ? Truth.True : (Truth)where(env)!;
                    if (t == Truth.False)
                    {
                        continue;
                    }

                    var confidence = Subjects.EvidenceOf(fact).Confidence;
                    if (t == Truth.True && confidence == Confidence.Disputed)
                    {
                        env.Note($"{Subjects.IdOf(fact)} matches, but whether it exists is itself disputed");
                        t = Truth.Disputed;
                    }
                    else if (t == Truth.True && confidence == Confidence.Uncertain)
                    {
                        env.Note($"{Subjects.IdOf(fact)} matches; its sources are rated uncertain");
                    }

                    if (t == Truth.True)
                    {
                        matched.Add(fact);
                    }
                    else
                    {
                        doubtful.Add((fact, t));
                    }

                    if (kind == Quantifier.Exists && t == Truth.True)
                    {
                        break;
                    }
                }

                env.Consult(matched.Concat(doubtful.Select(d => d.Fact)).Select(Subjects.IdOf));
                foreach (var (fact, t) in doubtful)
                {
                    env.Note($"whether {Subjects.IdOf(fact)} matches is {Word(t)}");
                }

                if (kind == Quantifier.Exists)
                {
                    return matched.Count > 0 ? Truths.BoxedTrue
                        : doubtful.Count == 0 ? Truths.BoxedFalse
                        : doubtful.Any(d => d.Truth == Truth.Unknown) ? Truths.BoxedUnknown : Truths.BoxedDisputed;
                }

                var disputedOnly = doubtful.All(d => d.Truth == Truth.Disputed);
                if (kind == Quantifier.Count)
                {
                    return Spread(matched.Count, matched.Count + doubtful.Count, disputedOnly);
                }

                double low = 0, high = 0;
                foreach (var fact in matched)
                {
                    env.Slots[slot] = fact;
                    var (lo, hi, disputed) = Bounds(of!(env));
                    low += lo;
                    high += hi;
                    disputedOnly &= disputed || lo == hi;
                }

                foreach (var (fact, _) in doubtful)
                {
                    env.Slots[slot] = fact;
                    var (lo, hi, _) = Bounds(of!(env));
                    low += Math.Min(0, lo);
                    high += Math.Max(0, hi);
                }

                return Spread(low, high, disputedOnly);
            }
            finally
            {
                env.Slots[slot] = saved;
            }
        };
    }

    private Compiled Conditional(ConditionalExpr c)
    {
        var condition = Compile(c.Condition);
        var then = Compile(c.Then);
        var otherwise = Compile(c.Else);
        var text = c.Condition.ToString();
        return env =>
        {
            var t = (Truth)condition(env)!;
            if (t == Truth.True)
            {
                return then(env);
            }

            if (t == Truth.False)
            {
                return otherwise(env);
            }

            // Undecided: the value is one of the two branches; equal branches settle it anyway.
            var a = then(env);
            var b = otherwise(env);
            env.Note($"'{text}' is {Word(t)}, so the value is either {Show(a)} or {Show(b)}");
            if (a is Truth ta && b is Truth tb)
            {
                return ta == tb ? a : Truths.Box(t);
            }

            var (alo, ahi, _) = Bounds(a);
            var (blo, bhi, _) = Bounds(b);
            if (alo == ahi && blo == bhi)
            {
                return alo == blo ? alo : Spread(Math.Min(alo, blo), Math.Max(alo, blo), t == Truth.Disputed);
            }

            return Spread(Math.Min(alo, blo), Math.Max(ahi, bhi), false);
        };
    }

    private static string Show(object? value) => value switch
    {
        Truth t => Word(t),
        double d => NumberExpr.Format(d),
        Quantity q => q.ToString(),
        null => "not recorded",
        _ => value.ToString() ?? "",
    };

    /// <summary>Lowest and highest figure of a number or quantity, and whether its spread comes from disputing claims.</summary>
    private static (double Low, double High, bool Disputed) Bounds(object? value) => value switch
    {
        double d when !double.IsNaN(d) => (d, d, false),
        Quantity q when q.Exact is { } x => (x, x, false),
        Quantity q => (double.IsInfinity(q.Low) ? double.NegativeInfinity : q.Low, q.High, q.IsDisputed),
        _ => (double.NegativeInfinity, double.PositiveInfinity, false),
    };

    /// <summary>An exact number when the bounds meet; else a quantity that comparisons read as disputed or unknown.</summary>
    private static object Spread(double low, double high, bool disputed)
    {
        if (low == high)
        {
            return low;
        }

        return disputed && !double.IsInfinity(low) && !double.IsInfinity(high)
            ? Quantity.FromClaims([new Claim(low, low), new Claim(high, high)])
            : Quantity.Between(double.IsInfinity(low) ? null : low, double.IsInfinity(high) ? null : high);
    }
}
