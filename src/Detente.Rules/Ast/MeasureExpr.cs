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
internal sealed record QuantifierExpr(Position Position, Quantifier Kind, FactKind Over, string Variable, Expr? Where, Expr? Of)
    : Expr(Position)
{
    public override string ToString()
    {
        var kinds = Over switch
        {
            FactKind.Deployment => "deployments",
            FactKind.Activity => "activities",
            FactKind.Membership => "memberships",
            FactKind.Notification => "notifications",
            _ => "observations",
        };
        var head = Kind switch
        {
            Quantifier.Exists => "exists",
            Quantifier.Count => "count",
            _ => $"sum {NotExpr.Wrap(Of!)} over",
        };
        return $"{head} {kinds} {Variable}" + (Where is null ? "" : $" where {Where}");
    }
}

/// <summary>A choice between two values, allowed in issue measures only: <c>if COND then A else B</c>.</summary>
internal sealed record ConditionalExpr(Position Position, Expr Condition, Expr Then, Expr Else) : Expr(Position)
{
    public override string ToString() => $"if {Condition} then {Wrap(Then)} else {Else}";

    private static string Wrap(Expr e) => e is ConditionalExpr or QuantifierExpr ? $"({e})" : NotExpr.Wrap(e);
}
