using System.Text;
using Detente.Core;

namespace Detente.Rules.Ast;

/// <summary>What a quantifier of a measure computes over the facts it ranges over.</summary>
internal enum Quantifier
{
    /// <summary>Whether any fact matches: a condition.</summary>
    Exists,

    /// <summary>How many facts match: a number.</summary>
    Count,

    /// <summary>The total of an expression over the matching facts: a number.</summary>
    Sum,
}

/// <summary>
/// A quantifier over one kind of fact, allowed in issue measures only: <c>exists deployments d where COND</c>,
/// <c>count deployments d where COND</c>, <c>sum d.quantity over deployments d where COND</c>.
/// </summary>
internal sealed record QuantifierExpr(LineColumn Position, Quantifier Kind, FactKind Over, string Variable, Expr? Where, Expr? Of)
    : Expr(Position)
{
    internal override void Print(StringBuilder sb)
    {
        var kinds = Over switch
        {
            FactKind.Deployment => "deployments",
            FactKind.Activity => "activities",
            FactKind.Membership => "memberships",
            FactKind.Notification => "notifications",
            _ => "observations",
        };
        switch (Kind)
        {
            case Quantifier.Exists:
                sb.Append("exists");
                break;
            case Quantifier.Count:
                sb.Append("count");
                break;
            default:
                sb.Append("sum ");
                Wrapped(sb, Of!);
                sb.Append(" over");
                break;
        }

        sb.Append(' ').Append(kinds).Append(' ').Append(Variable);
        if (Where is not null)
        {
            sb.Append(" where ");
            Where.Print(sb);
        }
    }
}

/// <summary>A choice between two values, allowed in issue measures only: <c>if COND then A else B</c>.</summary>
internal sealed record ConditionalExpr(LineColumn Position, Expr Condition, Expr Then, Expr Else) : Expr(Position)
{
    internal override void Print(StringBuilder sb)
    {
        sb.Append("if ");
        Condition.Print(sb);
        sb.Append(" then ");
        if (Then is ConditionalExpr or QuantifierExpr)
        {
            sb.Append('(');
            Then.Print(sb);
            sb.Append(')');
        }
        else
        {
            Wrapped(sb, Then);
        }

        sb.Append(" else ");
        Else.Print(sb);
    }
}
