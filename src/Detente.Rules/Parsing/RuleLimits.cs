using Detente.Rules.Ast;

namespace Detente.Rules.Parsing;

/// <summary>
/// The bounds the rule language puts on what a person can write, so that no text can exhaust the stack of the parser, the
/// checker, the compiler or the evaluator (all of which walk the syntax tree recursively). docs/rule-language.md, "Limits".
/// </summary>
internal static class RuleLimits
{
    /// <summary>
    /// The deepest an expression may nest: parentheses, sets, calls, <c>not</c>, <c>if</c>, quantifiers, field accesses, and
    /// one level per operator of a chain of <c>+ - | &amp;</c>. Chains of <c>and</c> and <c>or</c> of any length count as
    /// one level per doubling (they are grouped as a balanced tree), so a condition of 100,000 conjuncts nests 17 deep.
    /// </summary>
    public const int MaxNesting = 100;

    /// <summary>The deepest node of <paramref name="e"/> below <see cref="MaxNesting"/>, or null; walks with its own stack.</summary>
    public static Expr? TooDeep(Expr e)
    {
        var stack = new Stack<(Expr Node, int Depth)>();
        stack.Push((e, 1));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            if (depth > MaxNesting)
            {
                return node;
            }

            foreach (var child in Children(node))
            {
                stack.Push((child, depth + 1));
            }
        }

        return null;
    }

    /// <summary>The direct operands of an expression.</summary>
    public static IEnumerable<Expr> Children(Expr e)
    {
        switch (e)
        {
            case FieldExpr f:
                yield return f.Target;
                break;
            case CallExpr c:
                foreach (var a in c.Arguments)
                {
                    yield return a;
                }

                break;
            case SetExpr s:
                foreach (var i in s.Items)
                {
                    yield return i;
                }

                break;
            case NotExpr n:
                yield return n.Operand;
                break;
            case BinaryExpr b:
                yield return b.Left;
                yield return b.Right;
                break;
            case QuantifierExpr q:
                if (q.Of is not null)
                {
                    yield return q.Of;
                }

                if (q.Where is not null)
                {
                    yield return q.Where;
                }

                break;
            case ConditionalExpr c:
                yield return c.Condition;
                yield return c.Then;
                yield return c.Else;
                break;
        }
    }

    public static string TooDeepMessage =>
        $"nesting deeper than {MaxNesting} levels (parentheses, sets, calls, 'not', 'if', fields and each '+', '-', '|', '&' of a chain count one level)";
}
