using Detente.Core;
using Detente.Rules.Ast;

namespace Detente.Rules.Parsing;

/// <summary>The forms only issue measures use: quantifiers over facts and conditional values.</summary>
internal sealed partial class Parser
{
    private static readonly string[] MeasureForms = ["exists", "count", "sum", "if"];

    // exists KIND x [where COND] | count KIND x [where COND] | sum E over KIND x [where COND] | if COND then E else E
    private Expr MeasureForm()
    {
        var t = Next();
        if (t.Text == "if")
        {
            var condition = Expression();
            ExpectWord("then", "'then' and the value when the condition holds");
            var then = Expression();
            ExpectWord("else", "'else' and the value when it does not (every 'if' has an 'else')");
            return new ConditionalExpr(t.Position, condition, then, Expression());
        }

        var kind = t.Text switch
        {
            "exists" => Quantifier.Exists,
            "count" => Quantifier.Count,
            _ => Quantifier.Sum,
        };
        Expr? of = null;
        if (kind == Quantifier.Sum)
        {
            of = Additive();
            ExpectWord("over", "'over' and the facts to add up, e.g. sum d.quantity over deployments d where ...");
        }

        var over = FactKindWord();
        var variable = Variable();
        Expr? where = null;
        if (Current.Is("where"))
        {
            Next();
            where = Expression();
        }

        return new QuantifierExpr(t.Position, kind, over, variable, where, of);
    }
}
