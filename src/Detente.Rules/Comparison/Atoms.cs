using System.Globalization;
using Detente.Core;
using Detente.Rules.Ast;
using Detente.Rules.Runtime;

namespace Detente.Rules.Comparison;

/// <summary>
/// One conjunct of a clause's condition in a normal form that can be compared with another: the thing it tests (printed
/// with the clause's variables renamed <c>x</c> and <c>y</c> and every constant part — parameters, <c>at</c>, sets — folded
/// to its value on the date) and, where the construct is monotone, the value it tests against.
/// </summary>
internal abstract record Atom(string Subject)
{
    /// <summary>The atom as printed for a reader.</summary>
    public abstract string Text { get; }

    /// <summary>True when this atom (as a condition on facts) implies <paramref name="other"/>: every fact this one accepts, the other accepts.</summary>
    public abstract bool Implies(Atom other);

    /// <summary>True when the two atoms test the same thing by the same construct, so implication can be decided either way.</summary>
    public virtual bool ComparableWith(Atom other) => other.GetType() == GetType() && other.Subject == Subject;

    public override string ToString() => Text;
}

/// <summary><c>Subject OP Base + Offset</c>, a linear comparison of numbers, km, days or dates (dates as day numbers).</summary>
internal sealed record CompareAtom(string Subject, BinaryOp Op, string Base, double Offset, bool IsDate) : Atom(Subject)
{
    public override string Text
    {
        get
        {
            var value = IsDate && Base.Length == 0 ? DateOnly.FromDayNumber((int)Offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Claim.Format(Math.Abs(Offset));
            var rhs = Base.Length == 0 ? (Offset < 0 && !IsDate ? "-" + value : value)
                : Offset == 0 ? Base : $"{Base} {(Offset < 0 ? "-" : "+")} {value}{(IsDate ? " days" : "")}";
            return $"{Subject} {BinaryExpr.Symbol(Op)} {rhs}";
        }
    }

    public override bool ComparableWith(Atom other) => other is CompareAtom c && c.Subject == Subject && c.Base == Base && c.IsDate == IsDate;

    public override bool Implies(Atom other)
    {
        if (other is not CompareAtom o || o.Subject != Subject || o.Base != Base || o.IsDate != IsDate)
        {
            return other.Text == Text;
        }

        double a = Offset, b = o.Offset;
        return (Op, o.Op) switch
        {
            (BinaryOp.Equal, BinaryOp.Equal) => a == b,
            (BinaryOp.Equal, BinaryOp.LessOrEqual) => a <= b,
            (BinaryOp.Equal, BinaryOp.Less) => a < b,
            (BinaryOp.Equal, BinaryOp.GreaterOrEqual) => a >= b,
            (BinaryOp.Equal, BinaryOp.Greater) => a > b,
            (BinaryOp.Equal, BinaryOp.NotEqual) => a != b,
            (BinaryOp.LessOrEqual, BinaryOp.LessOrEqual) or (BinaryOp.Less, BinaryOp.Less) or (BinaryOp.Less, BinaryOp.LessOrEqual) => a <= b,
            (BinaryOp.LessOrEqual, BinaryOp.Less) => a < b,
            (BinaryOp.GreaterOrEqual, BinaryOp.GreaterOrEqual) or (BinaryOp.Greater, BinaryOp.Greater) or (BinaryOp.Greater, BinaryOp.GreaterOrEqual) => a >= b,
            (BinaryOp.GreaterOrEqual, BinaryOp.Greater) => a > b,
            (BinaryOp.Less, BinaryOp.NotEqual) => a <= b,
            (BinaryOp.LessOrEqual, BinaryOp.NotEqual) => a < b,
            (BinaryOp.Greater, BinaryOp.NotEqual) => a >= b,
            (BinaryOp.GreaterOrEqual, BinaryOp.NotEqual) => a > b,
            (BinaryOp.NotEqual, BinaryOp.NotEqual) => a == b,
            _ => false,
        };
    }

    /// <summary>Whether the comparison bounds its subject from above (&lt;, &lt;=) rather than below.</summary>
    public bool Upper => Op is BinaryOp.Less or BinaryOp.LessOrEqual;
}

/// <summary><c>Subject in Set</c> (or <c>not in</c>, or <c>= P</c>), with the set folded to its members on the date.</summary>
internal sealed record MemberAtom(string Subject, bool Negated, IReadOnlyList<string> Members) : Atom(Subject)
{
    public override string Text => $"{Subject} {(Negated ? "not in" : "in")} {{{string.Join(", ", Members)}}}";

    public override bool Implies(Atom other) => other switch
    {
        MemberAtom o when o.Subject == Subject && o.Negated == Negated =>
            Negated ? o.Members.All(Members.Contains) : Members.All(o.Members.Contains),
        _ => other.Text == Text,
    };
}

/// <summary><c>Subject in ZONE</c> with the zone folded: territory or controlled area of a set of states, or a border zone.</summary>
internal sealed record ZoneAtom(string Subject, string Kind, IReadOnlyList<string> A, IReadOnlyList<string> B, double Km) : Atom(Subject)
{
    public override string Text => Kind == "border-zone"
        ? $"{Subject} in border-zone({{{string.Join(", ", A)}}}, {{{string.Join(", ", B)}}}, {Claim.Format(Km)} km)"
        : $"{Subject} in {Kind}({{{string.Join(", ", A)}}})";

    public override bool ComparableWith(Atom other) => other is ZoneAtom z && z.Subject == Subject && z.Kind == Kind;

    // Monotone: a zone built from more states, or wider, contains the smaller one.
    public override bool Implies(Atom other) => other is ZoneAtom o && o.Subject == Subject && o.Kind == Kind
        ? A.All(o.A.Contains) && B.All(o.B.Contains) && Km <= o.Km
        : other.Text == Text;
}

/// <summary>A set-valued test that grows with its set: <c>overlaps(Subject, S)</c> or <c>Subject reaches territory(S)</c>.</summary>
internal sealed record GrowingAtom(string Subject, string Construct, IReadOnlyList<string> Members) : Atom(Subject)
{
    public override string Text => Construct == "overlaps"
        ? $"overlaps({Subject}, {{{string.Join(", ", Members)}}})"
        : $"{Subject} reaches {Construct}({{{string.Join(", ", Members)}}})";

    public override bool ComparableWith(Atom other) => other is GrowingAtom g && g.Subject == Subject && g.Construct == Construct;

    public override bool Implies(Atom other) => other is GrowingAtom o && o.Subject == Subject && o.Construct == Construct
        ? Members.All(o.Members.Contains)
        : other.Text == Text;
}

/// <summary>Anything else (a disjunction, a negation, a flag such as <c>x.active</c>): equal only to the same text.</summary>
internal sealed record OpaqueAtom(string Subject) : Atom(Subject)
{
    public override string Text => Subject;

    public override bool Implies(Atom other) => other.Text == Text;
}

/// <summary>
/// Folds the constant parts of a clause's expressions on a date (parameters, <c>at</c>, literal and computed sets, zones) and
/// splits conditions into <see cref="Atom"/>s. <c>x</c> names the fact a clause ranges over, <c>y</c> the fact it looks for.
/// </summary>
internal sealed class Atomizer(Env env, PartySet bound, IReadOnlyDictionary<string, string> variables)
{
    /// <summary>Marks a value that depends on the fact in hand.</summary>
    private static readonly object Varying = new();

    /// <summary>The conjuncts of a condition; an absent condition has none (it accepts every fact).</summary>
    public List<Atom> Conjuncts(Expr? condition)
    {
        var result = new List<Atom>();
        void Walk(Expr e)
        {
            if (e is BinaryExpr { Op: BinaryOp.And } b)
            {
                Walk(b.Left);
                Walk(b.Right);
            }
            else
            {
                result.Add(Atom(e));
            }
        }

        if (condition is not null)
        {
            Walk(condition);
        }

        return result;
    }

    public Atom Atom(Expr e)
    {
        switch (e)
        {
            case BinaryExpr { Op: BinaryOp.In or BinaryOp.NotIn } b when Fold(b.Right) is var set && set != Varying:
                if (set is Zone zone && b.Op == BinaryOp.In)
                {
                    return zone switch
                    {
                        BorderZoneValue z => new ZoneAtom(Key(b.Left), "border-zone", Names(z.A), Names(z.B), z.Km),
                        TerritoryZone t => new ZoneAtom(Key(b.Left), "territory", Names(t.States), [], 0),
                        ControlledZone c => new ZoneAtom(Key(b.Left), "controlled", Names(c.States), [], 0),
                        _ => new OpaqueAtom(Key(e)),
                    };
                }

                return Members(set) is { } inSet ? new MemberAtom(Key(b.Left), b.Op == BinaryOp.NotIn, inSet) : new OpaqueAtom(Key(e));
            case BinaryExpr { Op: BinaryOp.Equal } b when Fold(b.Right) is PartyId or string && Fold(b.Left) == Varying && Members(Fold(b.Right)) is { } single:
                return new MemberAtom(Key(b.Left), false, single);
            case BinaryExpr { Op: BinaryOp.Reaches } b when Fold(b.Right) is TerritoryZone t:
                return new GrowingAtom(Key(b.Left), "territory", Names(t.States));
            case BinaryExpr { Op: BinaryOp.Reaches } b when Fold(b.Right) is ControlledZone cz:
                return new GrowingAtom(Key(b.Left), "controlled", Names(cz.States));

            case CallExpr { Function: "overlaps" } c when c.Arguments.Length == 2 && Members(Fold(c.Arguments[1])) is { } members:
                return new GrowingAtom(Key(c.Arguments[0]), "overlaps", members);
            case BinaryExpr { Op: BinaryOp.Less or BinaryOp.LessOrEqual or BinaryOp.Greater or BinaryOp.GreaterOrEqual or BinaryOp.Equal or BinaryOp.NotEqual } b:
                if (Linear(b.Left) is { } l && Linear(b.Right) is { } r)
                {
                    // Move the constants to the right: L + c1 op R + c2  ⇔  L op R + (c2 - c1); a constant left side swaps sides.
                    if (l.Base.Length == 0 && r.Base.Length > 0)
                    {
                        return new CompareAtom(r.Base, Mirror(b.Op), "", l.Offset - r.Offset, l.IsDate || r.IsDate);
                    }

                    if (l.Base.Length > 0)
                    {
                        return new CompareAtom(l.Base, b.Op, r.Base, r.Offset - l.Offset, l.IsDate || r.IsDate);
                    }
                }

                return new OpaqueAtom(Key(e));
            default:
                return new OpaqueAtom(Key(e));
        }
    }

    private static BinaryOp Mirror(BinaryOp op) => op switch
    {
        BinaryOp.Less => BinaryOp.Greater,
        BinaryOp.LessOrEqual => BinaryOp.GreaterOrEqual,
        BinaryOp.Greater => BinaryOp.Less,
        BinaryOp.GreaterOrEqual => BinaryOp.LessOrEqual,
        _ => op,
    };

    /// <summary>An expression as a varying base plus a constant offset (numbers, km, days; dates as day numbers); null when neither.</summary>
    public (string Base, double Offset, bool IsDate)? Linear(Expr e)
    {
        var v = Fold(e);
        if (v is double d)
        {
            return ("", d, false);
        }

        if (v is DateOnly day)
        {
            return ("", day.DayNumber, true);
        }

        if (v != Varying)
        {
            return null;
        }

        if (e is BinaryExpr { Op: BinaryOp.Plus or BinaryOp.Minus } b && Fold(b.Right) is double k && Linear(b.Left) is { } l && l.Base.Length > 0)
        {
            return (l.Base, l.Offset + (b.Op == BinaryOp.Plus ? k : -k), l.IsDate || IsDateField(b.Left));
        }

        return (Key(e), 0, IsDateField(e));
    }

    private static bool IsDateField(Expr e) => e is FieldExpr { Field: "start" or "end" or "from" or "to" or "given" }
        || e is BinaryExpr { Op: BinaryOp.Plus or BinaryOp.Minus } b && IsDateField(b.Left);

    /// <summary>The expression printed with variables renamed and constant parts folded to their values.</summary>
    public string Key(Expr e)
    {
        var v = Fold(e);
        if (v != Varying && v is not null)
        {
            return Print(v);
        }

        return e switch
        {
            NameExpr n when variables.TryGetValue(n.Name, out var renamed) => renamed,
            NameExpr n => n.Name,
            FieldExpr f => $"{Key(f.Target)}.{f.Field}",
            CallExpr c => $"{c.Function}({string.Join(", ", c.Arguments.Select(Key))})",
            SetExpr s => "{" + string.Join(", ", s.Items.Select(Key)) + "}",
            NotExpr n => $"not {Wrap(n.Operand)}",
            BinaryExpr b => $"{Wrap(b.Left)} {BinaryExpr.Symbol(b.Op)} {Wrap(b.Right)}",
            _ => e.ToString()!,
        };

        string Wrap(Expr x) => x is BinaryExpr && Fold(x) == Varying ? $"({Key(x)})" : Key(x);
    }

    internal static string Print(object v) => v switch
    {
        double d => Claim.Format(d),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        PartySet s => s.ToString(),
        IEnumerable<string> words => "{" + string.Join(", ", words.Order(StringComparer.Ordinal)) + "}",
        _ => v.ToString() ?? "",
    };

    private static List<string> Names(PartySet s) => s.Sorted.Select(p => p.Code).ToList();

    private static List<string>? Members(object? set) => set switch
    {
        PartySet s => Names(s),
        PartyId p => [p.Code],
        string w => [w],
        IEnumerable<string> words => words.Order(StringComparer.Ordinal).ToList(),
        _ => null,
    };

    /// <summary>The value of a constant expression on the date, or <see cref="Varying"/> when it depends on a fact or the party.</summary>
    public object? Fold(Expr e)
    {
        switch (e)
        {
            case NumberExpr n:
                return n.Value;
            case DateExpr d:
                return d.Value;
            case TextExpr t:
                return t.Value;
            case PartyExpr p:
                return new PartyId(p.Code);
            case NameExpr n:
                if (variables.ContainsKey(n.Name) || n.Name == "party")
                {
                    return Varying;
                }

                return n.Name switch
                {
                    "at" => env.World.At,
                    "parties" => env.Parties,
                    "bound" => bound,
                    _ => env.Parameters.TryGetValue(n.Name, out var value) ? value : n.Name,
                };
            case SetExpr s:
            {
                var items = s.Items.Select(Fold).ToList();
                if (items.Any(i => i == Varying))
                {
                    return Varying;
                }

                return items.All(i => i is PartyId) ? new PartySet(items.Cast<PartyId>()) : items.Select(i => i is string w ? w : Print(i!)).ToList();
            }

            case CallExpr c:
            {
                if (c.Function == "region")
                {
                    return c.Arguments[0] is NameExpr r ? env.Geography.Region(r.Name) : Varying;
                }

                var args = c.Arguments.Select(Fold).ToList();
                if (args.Any(a => a == Varying))
                {
                    return Varying;
                }

                return c.Function switch
                {
                    "members" when args[0] is PartyId alliance => new PartySet(env.Scenario.Memberships
                        .Where(m => m.Alliance == alliance && m.Period.Contains(args.Count > 1 && args[1] is DateOnly day ? day : env.World.At)).Select(m => m.Member)),
                    "territory" => new TerritoryZone(AsSet(args[0])),
                    "controlled" => new ControlledZone(AsSet(args[0])),
                    "border-zone" when args[2] is double km => new BorderZoneValue(AsSet(args[0]), AsSet(args[1]), km),
                    "year" when args[0] is DateOnly day => (double)day.Year,
                    _ => Varying,
                };
            }

            case BinaryExpr { Op: BinaryOp.Union or BinaryOp.Intersect or BinaryOp.Plus or BinaryOp.Minus } b:
            {
                var l = Fold(b.Left);
                var r = Fold(b.Right);
                if (l == Varying || r == Varying)
                {
                    return Varying;
                }

                return (b.Op, l, r) switch
                {
                    (BinaryOp.Union, _, _) => AsSet(l).Union(AsSet(r)),
                    (BinaryOp.Intersect, _, _) => AsSet(l).Intersect(AsSet(r)),
                    (_, double x, double y) => b.Op == BinaryOp.Plus ? x + y : x - y,
                    (_, DateOnly d, double k) => d.AddDays((int)(b.Op == BinaryOp.Plus ? k : -k)),
                    (BinaryOp.Minus, _, _) => AsSet(l).Except(AsSet(r)),
                    _ => Varying,
                };
            }

            default:
                return Varying;
        }
    }

    private static PartySet AsSet(object? v) => PartySet.From(v);
}
