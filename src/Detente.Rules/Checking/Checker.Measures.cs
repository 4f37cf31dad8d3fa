using Detente.Rules.Ast;
using Detente.Rules.Parsing;

namespace Detente.Rules.Checking;

/// <summary>Checking of the forms only issue measures use: quantifiers over facts and conditional values.</summary>
internal sealed partial class Checker
{
    /// <summary>True when quantifiers and conditional values are allowed (issue measures); clauses say what they range over.</summary>
    public bool AllowsMeasureForms { get; init; }

    /// <summary>
    /// The agreements measures may read with <c>in-force(DOC)</c> and <c>parameter(DOC, NAME)</c>; null when none are loaded.
    /// </summary>
    public IReadOnlyList<IDocumentSignature>? Agreements { get; init; }

    /// <summary>For each checked agreement call, the document it names and, for <c>parameter</c>, the parameter's name.</summary>
    public Dictionary<CallExpr, (IDocumentSignature Agreement, string? Param)> AgreementCalls { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// <c>in-force(DOC)</c>, a condition, and <c>parameter(DOC, NAME)</c>, of the parameter's type: a read-only view of the
    /// agreement library at the date, for issue measures only. DOC and NAME are names, checked against the library.
    /// </summary>
    private RuleType CheckAgreementCall(CallExpr call)
    {
        if (!AllowsMeasureForms)
        {
            throw Error(call, $"'{call.Function}' is allowed in issue measures only; a clause belongs to its own document");
        }

        var arity = call.Function == "in-force" ? 1 : 2;
        if (call.Arguments.Length != arity)
        {
            throw Error(call, call.Function == "in-force"
                ? $"'in-force' takes 1 argument, a document id such as vienna-document-2011, found {call.Arguments.Length}"
                : $"'parameter' takes 2 arguments, a document id and one of its parameters, found {call.Arguments.Length}");
        }

        if (call.Arguments[0] is not NameExpr doc)
        {
            throw Error(call.Arguments[0], RuleMessages.TypeMismatch($"{call.Function}(...)", "a document id such as vienna-document-2011",
                call.Arguments[0].ToString()!));
        }

        if (Agreements is null)
        {
            throw Error(doc, $"no agreements are loaded, so '{doc.Name}' cannot be read; load data/agreements with the measures");
        }

        var agreement = Agreements.FirstOrDefault(a => a.Id == doc.Name)
            ?? throw Error(doc, RuleMessages.Unknown("agreement", doc.Name, Agreements.Select(a => a.Id)));
        Types[doc] = RuleType.Text;
        if (arity == 1)
        {
            AgreementCalls[call] = (agreement, null);
            return RuleType.Truth;
        }

        if (call.Arguments[1] is not NameExpr name)
        {
            throw Error(call.Arguments[1], RuleMessages.TypeMismatch("parameter(...)", $"a parameter name of {agreement.Id}",
                call.Arguments[1].ToString()!));
        }

        var type = agreement.ParameterType(name.Name)
            ?? throw Error(name, !agreement.ParameterNames.Any()
                ? $"{agreement.Id} has no parameters"
                : RuleMessages.Unknown($"parameter of {agreement.Id}", name.Name, agreement.ParameterNames));
        Types[name] = RuleType.Text;
        AgreementCalls[call] = (agreement, name.Name);
        return type;
    }

    private RuleType CheckMeasureForm(Expr e, CheckScope scope, RuleType? expected)
    {
        if (!AllowsMeasureForms)
        {
            throw Error(e, $"'{e.ToString()!.Split(' ')[0]}' is allowed in issue measures only; "
                + "a clause ranges over facts with forbid, limit, require or right");
        }

        switch (e)
        {
            case QuantifierExpr q:
            {
                if (scope.Variables.ContainsKey(q.Variable))
                {
                    throw Error(q, $"'{q.Variable}' already names a fact here; give the inner fact another name");
                }

                var inner = scope.With(q.Variable, q.Over);
                if (q.Where is not null)
                {
                    Check(q.Where, inner, RuleType.Truth);
                }

                if (q.Kind == Quantifier.Exists)
                {
                    return RuleType.Truth;
                }

                if (q.Kind == Quantifier.Sum)
                {
                    Check(q.Of!, inner, RuleType.Number);
                }

                return RuleType.Quantity;
            }

            case ConditionalExpr c:
            {
                Check(c.Condition, scope, RuleType.Truth);
                var then = Check(c.Then, scope, expected);
                var numeric = then.Kind is TypeKind.Number or TypeKind.Quantity;
                var otherwise = Check(c.Else, scope, numeric ? RuleType.Number : then);
                if (numeric)
                {
                    return then.Kind == TypeKind.Quantity || otherwise.Kind == TypeKind.Quantity ? RuleType.Quantity : RuleType.Number;
                }

                return then;
            }

            default:
                throw Error(e, $"cannot check '{e}'");
        }
    }

    /// <summary>The variables of the quantifiers in <paramref name="e"/>, in order of first appearance.</summary>
    internal static IEnumerable<QuantifierExpr> Quantifiers(Expr e) => e switch
    {
        QuantifierExpr q => new[] { q }.Concat(Inner(q.Of)).Concat(Inner(q.Where)),
        ConditionalExpr c => Quantifiers(c.Condition).Concat(Quantifiers(c.Then)).Concat(Quantifiers(c.Else)),
        BinaryExpr b => Quantifiers(b.Left).Concat(Quantifiers(b.Right)),
        NotExpr n => Quantifiers(n.Operand),
        FieldExpr f => Quantifiers(f.Target),
        CallExpr call => call.Arguments.SelectMany(Quantifiers),
        SetExpr s => s.Items.SelectMany(Quantifiers),
        _ => [],
    };

    private static IEnumerable<QuantifierExpr> Inner(Expr? e) => e is null ? [] : Quantifiers(e);

    /// <summary>A located error at <paramref name="e"/>, for callers outside the checker that validate measures.</summary>
    internal RuleException ErrorAt(Expr e, string message) => Error(e, message);

    /// <summary>The message when a measure's result has the wrong type.</summary>
    internal static string ResultMismatch(Expr e, string expected, RuleType found) =>
        RuleMessages.TypeMismatch($"'{e}'", expected, found.ToString());
}
