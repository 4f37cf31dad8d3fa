using System.Collections.Immutable;
using Detente.Rules.Ast;

namespace Detente.Rules.Compilation;

/// <summary>
/// What a clause's expressions name, for incremental re-evaluation: the parameters and built-in sets it reads, the
/// alliances whose members it asks for, whether it reads an activity's declared share (notifications), and whether it draws a border zone.
/// </summary>
internal sealed record ClauseDependencies(ImmutableHashSet<string> Names, ImmutableHashSet<string> Alliances, bool AnyAlliance, bool ReadsShare)
{
    /// <summary>The alliances asked for on a fixed date (<c>members(NATO, 1997-05-27)</c>): a membership changes them only if it covers that date.</summary>
    public ImmutableArray<(string Alliance, DateOnly Day)> OnDates { get; init; } = [];

    /// <summary>Whether the clause draws a border zone (<c>border-zone(...)</c>): facts near a new member may change.</summary>
    public bool DrawsBorderZone { get; init; }

    /// <summary>Walks every expression of the clause (who is bound, by, where, group, sum, bound, due, the required fact).</summary>
    public static ClauseDependencies Of(CompiledClause clause, BindsSyntax? binds)
    {
        var s = clause.Syntax;
        var names = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        var alliances = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        var any = false;
        var share = false;
        var zone = false;
        var onDates = ImmutableArray.CreateBuilder<(string, DateOnly)>();
        void Walk(Expr? e)
        {
            switch (e)
            {
                case null:
                    return;
                case NameExpr n:
                    names.Add(n.Name);
                    return;
                case FieldExpr f:
                    Walk(f.Target);
                    return;
                case NotExpr not:
                    Walk(not.Operand);
                    return;
                case BinaryExpr b:
                    Walk(b.Left);
                    Walk(b.Right);
                    return;
                case SetExpr set:
                    foreach (var i in set.Items)
                    {
                        Walk(i);
                    }

                    return;
                case CallExpr c:
                    if (c.Function == "members")
                    {
                        if (c.Arguments is [PartyExpr fixedAlliance, DateExpr day])
                        {
                            onDates.Add((fixedAlliance.Code, day.Value));
                        }
                        else if (c.Arguments.Length > 0 && c.Arguments[0] is PartyExpr p)
                        {
                            alliances.Add(p.Code);
                        }
                        else
                        {
                            any = true;
                        }
                    }

                    share |= c.Function == "share";
                    zone |= c.Function == "border-zone";
                    foreach (var a in c.Arguments)
                    {
                        Walk(a);
                    }

                    return;
                default:
                    return;
            }
        }

        Walk(binds?.Parties);
        foreach (var e in new[] { s.By, s.Where, s.SumOf, s.Bound, s.Due, s.ExistsWhere }.Concat(s.GroupBy))
        {
            Walk(e);
        }

        return new ClauseDependencies(names.ToImmutable(), alliances.ToImmutable(), any, share) { OnDates = onDates.ToImmutable(), DrawsBorderZone = zone };
    }
}
