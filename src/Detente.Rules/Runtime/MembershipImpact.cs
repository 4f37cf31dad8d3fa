using System.Collections.Immutable;
using Detente.Rules.Ast;

namespace Detente.Rules.Runtime;

/// <summary>
/// What one state joining (or leaving) an alliance can change in one clause, read from the clause's expressions. Every set of
/// states that changed differs by that state alone. When the clause only asks whether a fact's own party is in such a set
/// (<c>d.host in new-members</c>, <c>overlaps(a.hosts, S)</c>), whether the fact is in the territory of one, or whether it
/// lies in a border zone drawn with one, only the facts that name the state in those fields — or lie within the zone's width
/// of its territory — can change. Any other use (a changed set counted, compared, used for reach or distance, a fixed party
/// tested against it, or a party that is not the fact's own) means the clause is evaluated again in full.
/// </summary>
/// <param name="Full">True when the clause must be evaluated again over every fact.</param>
/// <param name="Fields">The fields of the fact that must name the state for the fact to change.</param>
/// <param name="Widths">The widths of the border zones drawn with a changed set: facts that near the state can change.</param>
internal sealed record MembershipImpact(bool Full, ImmutableHashSet<string> Fields, ImmutableArray<Expr> Widths)
{
    public static readonly MembershipImpact Everything = new(true, [], []);

    /// <summary>Reads the clause.</summary>
    /// <param name="clause">The clause.</param>
    /// <param name="changed">Whether a name or a <c>members(...)</c> call denotes a set of states that changed.</param>
    /// <param name="boundChanged">Whether the parties the clause binds changed.</param>
    public static MembershipImpact Of(ClauseSyntax clause, Func<Expr, bool> changed, bool boundChanged)
    {
        var variable = clause.Variable;
        var partyFields = FactIndex.PartyFields(clause.Over);
        var fields = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        var widths = ImmutableArray.CreateBuilder<Expr>();
        var by = clause.By switch
        {
            null => FactIndex.HostField(clause.Over),
            FieldExpr { Target: NameExpr n, Field: var f } when n.Name == variable && partyFields.Contains(f) => f,
            _ => null,
        };
        if (boundChanged)
        {
            if (by is null)
            {
                return Everything;
            }

            fields.Add(by);
        }

        foreach (var e in new[] { clause.By, clause.Where, clause.SumOf, clause.Bound, clause.Due, clause.ExistsWhere }.Concat(clause.GroupBy))
        {
            if (!Safe(e))
            {
                return Everything;
            }
        }

        return new MembershipImpact(false, fields.ToImmutable(), widths.ToImmutable());

        // The field of the clause's own fact a party expression reads ('party' is the responsible party, from 'by').
        string? Own(Expr e) => e switch
        {
            FieldExpr { Target: NameExpr n, Field: var f } when n.Name == variable && partyFields.Contains(f) => f,
            NameExpr { Name: "party" } => by,
            _ => null,
        };

        bool IsDelta(Expr e) => e switch
        {
            NameExpr or CallExpr { Function: "members" } => changed(e),
            BinaryExpr { Op: BinaryOp.Union or BinaryOp.Intersect or BinaryOp.Minus } b => IsDelta(b.Left) || IsDelta(b.Right),
            _ => false,
        };

        bool IsVariable(Expr e) => e is NameExpr n && n.Name == variable;

        bool Width(Expr e)
        {
            if (e is NumberExpr || (e is NameExpr n && !changed(n)))
            {
                widths.Add(e);
                return true;
            }

            return false;
        }

        bool Safe(Expr? e)
        {
            if (e is null)
            {
                return true;
            }

            if (IsDelta(e))
            {
                return false;
            }

            switch (e)
            {
                case BinaryExpr { Op: BinaryOp.In or BinaryOp.NotIn } b when IsDelta(b.Right):
                {
                    var field = Own(b.Left);
                    if (field is null)
                    {
                        return false;
                    }

                    fields.Add(field);
                    return true;
                }

                case BinaryExpr { Op: BinaryOp.In or BinaryOp.NotIn, Right: CallExpr { Function: "territory", Arguments: [var states] } } b
                    when IsDelta(states):
                    if (!IsVariable(b.Left))
                    {
                        return false;
                    }

                    fields.Add(FactIndex.HostField(clause.Over));
                    return true;
                case BinaryExpr { Op: BinaryOp.In or BinaryOp.NotIn, Right: CallExpr { Function: "border-zone", Arguments: [var a, var z, var km] } } b
                    when IsDelta(a) || IsDelta(z):
                    return IsVariable(b.Left) && (IsDelta(a) || Safe(a)) && (IsDelta(z) || Safe(z)) && Width(km);
                case CallExpr { Function: "overlaps", Arguments: [var x, var y] } when IsDelta(x) || IsDelta(y):
                {
                    var field = IsDelta(x) ? (IsDelta(y) ? null : Own(y)) : Own(x);
                    if (field is null)
                    {
                        return false;
                    }

                    fields.Add(field);
                    return true;
                }

                case BinaryExpr b:
                    return Safe(b.Left) && Safe(b.Right);
                case NotExpr not:
                    return Safe(not.Operand);
                case FieldExpr f:
                    return Safe(f.Target);
                case SetExpr s:
                    return s.Items.All(Safe);
                case CallExpr c:
                    return c.Arguments.All(Safe);
                default:
                    return e is NumberExpr or DateExpr or TextExpr or PartyExpr or NameExpr;
            }
        }
    }
}
