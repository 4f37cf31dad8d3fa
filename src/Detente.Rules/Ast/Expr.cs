using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Detente.Rules.Ast;

/// <summary>An expression of the rule language. Every node prints back as rule text.</summary>
internal abstract record Expr(LineColumn Position)
{
    /// <summary>The rule text of the expression, written into one buffer: linear in the size of the tree.</summary>
    public sealed override string ToString()
    {
        var sb = new StringBuilder();
        Print(sb);
        return sb.ToString();
    }

    /// <summary>Appends the rule text of the expression.</summary>
    internal abstract void Print(StringBuilder sb);

    /// <summary>Appends an operand, in parentheses when it is an operator itself.</summary>
    internal static void Wrapped(StringBuilder sb, Expr e)
    {
        if (e is BinaryExpr)
        {
            sb.Append('(');
            e.Print(sb);
            sb.Append(')');
        }
        else
        {
            e.Print(sb);
        }
    }

    /// <summary>Appends expressions separated by ", ".</summary>
    internal static void List(StringBuilder sb, ImmutableArray<Expr> items)
    {
        for (var i = 0; i < items.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            items[i].Print(sb);
        }
    }
}

/// <summary>A number, optionally with a unit: <c>9000</c>, <c>42 days</c>, <c>500 km</c>.</summary>
internal sealed record NumberExpr(LineColumn Position, double Value, NumberUnit Unit) : Expr(Position)
{
    internal override void Print(StringBuilder sb) => sb.Append(Unit switch
    {
        NumberUnit.Days => $"{Format(Value)} days",
        NumberUnit.Km => $"{Format(Value)} km",
        _ => Format(Value),
    });

    internal static string Format(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>What a number literal measures.</summary>
internal enum NumberUnit
{
    None,
    Days,
    Km,
}

/// <summary>A calendar date: <c>1997-05-27</c>.</summary>
internal sealed record DateExpr(LineColumn Position, DateOnly Value) : Expr(Position)
{
    internal override void Print(StringBuilder sb) => sb.Append(Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}

/// <summary>A quoted text.</summary>
internal sealed record TextExpr(LineColumn Position, string Value) : Expr(Position)
{
    internal override void Print(StringBuilder sb) => sb.Append('"').Append(Value.Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
}

/// <summary>A party code in capitals: <c>RUS</c>, <c>NATO</c>.</summary>
internal sealed record PartyExpr(LineColumn Position, string Code) : Expr(Position)
{
    internal override void Print(StringBuilder sb) => sb.Append(Code);
}

/// <summary>A lower-case name: a fact variable, a parameter, a built-in (<c>at</c>, <c>bound</c>) or a word such as <c>troops</c>.</summary>
internal sealed record NameExpr(LineColumn Position, string Name) : Expr(Position)
{
    internal override void Print(StringBuilder sb) => sb.Append(Name);
}

/// <summary>A field of a fact: <c>d.host</c>, <c>d.system.range</c>.</summary>
internal sealed record FieldExpr(LineColumn Position, Expr Target, string Field) : Expr(Position)
{
    internal override void Print(StringBuilder sb)
    {
        Target.Print(sb);
        sb.Append('.').Append(Field);
    }
}

/// <summary>A call of a built-in function: <c>members(NATO, 1997-05-27)</c>.</summary>
internal sealed record CallExpr(LineColumn Position, string Function, ImmutableArray<Expr> Arguments) : Expr(Position)
{
    internal override void Print(StringBuilder sb)
    {
        sb.Append(Function).Append('(');
        List(sb, Arguments);
        sb.Append(')');
    }
}

/// <summary>A literal set of parties: <c>{RUS, USA}</c>.</summary>
internal sealed record SetExpr(LineColumn Position, ImmutableArray<Expr> Items) : Expr(Position)
{
    internal override void Print(StringBuilder sb)
    {
        sb.Append('{');
        List(sb, Items);
        sb.Append('}');
    }
}

/// <summary>A unary operator: <c>not</c>.</summary>
internal sealed record NotExpr(LineColumn Position, Expr Operand) : Expr(Position)
{
    internal override void Print(StringBuilder sb)
    {
        sb.Append("not ");
        Wrapped(sb, Operand);
    }
}

/// <summary>A binary operator.</summary>
internal sealed record BinaryExpr(LineColumn Position, BinaryOp Op, Expr Left, Expr Right) : Expr(Position)
{
    internal override void Print(StringBuilder sb)
    {
        Wrapped(sb, Left);
        sb.Append(' ').Append(Symbol(Op)).Append(' ');
        Wrapped(sb, Right);
    }

    internal static string Symbol(BinaryOp op) => op switch
    {
        BinaryOp.And => "and",
        BinaryOp.Or => "or",
        BinaryOp.Equal => "=",
        BinaryOp.NotEqual => "!=",
        BinaryOp.Less => "<",
        BinaryOp.LessOrEqual => "<=",
        BinaryOp.Greater => ">",
        BinaryOp.GreaterOrEqual => ">=",
        BinaryOp.In => "in",
        BinaryOp.NotIn => "not in",
        BinaryOp.Union => "|",
        BinaryOp.Intersect => "&",
        BinaryOp.Plus => "+",
        BinaryOp.Minus => "-",
        BinaryOp.Reaches => "reaches",
        _ => op.ToString(),
    };
}

/// <summary>The binary operators, loosest first within each family.</summary>
internal enum BinaryOp
{
    And,
    Or,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    In,
    NotIn,
    Union,
    Intersect,
    Plus,
    Minus,
    Reaches,
}
