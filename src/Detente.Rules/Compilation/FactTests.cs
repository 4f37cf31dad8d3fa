using Detente.Rules.Ast;
using Detente.Rules.Checking;

namespace Detente.Rules.Compilation;

/// <summary>
/// The conjuncts of a clause's condition that read only the fact in hand: its fields, the catalogued system and site it names,
/// literals, words, regions, recognised territories and the evaluation date. For a given fact and date their value never
/// changes: not when a state joins or leaves an alliance, nor when another fact arrives. A fact for which one of them is false
/// cannot match the clause, whatever the sets of states and the other facts say (a conjunction with a false conjunct is false).
/// </summary>
internal static class FactTests
{
    /// <summary>The functions whose value depends on their arguments and on data that facts do not change (geography, the date).</summary>
    private static readonly HashSet<string> Pure = new(StringComparer.Ordinal) { "territory", "border-zone", "distance", "year", "overlaps" };

    /// <summary>The conjuncts of <paramref name="where"/>, over the fact named <paramref name="variable"/>, that read only that fact.</summary>
    public static IEnumerable<Expr> Of(Expr where, string variable, IReadOnlyDictionary<Expr, RuleType> types) =>
        Conjuncts(where).Where(c => ReadsOnlyFact(c, variable, types));

    /// <summary>
    /// The conjuncts of <paramref name="where"/> of the form <c>v.f in S</c> or <c>v.f not in S</c>, where <c>f</c> is one of the
    /// fact's parties and <c>S</c> a set of states that reads neither the fact nor the responsible party: such a conjunct has
    /// one value for all the facts that name one party in <c>f</c>, so evaluating <c>S</c> once decides it for all of them.
    /// </summary>
    public static IEnumerable<(string Field, bool In, Expr Set)> PartyTestsOf(Expr where, string variable, IReadOnlyDictionary<Expr, RuleType> types) =>
        Conjuncts(where).OfType<BinaryExpr>()
            .Where(b => b is { Op: BinaryOp.In or BinaryOp.NotIn, Left: FieldExpr { Target: NameExpr v } f }
                && v.Name == variable && types.TryGetValue(f, out var t) && t.Kind == TypeKind.Party && SetOfStates(b.Right, variable))
            .Select(b => (((FieldExpr)b.Left).Field, b.Op == BinaryOp.In, b.Right));

    /// <summary>A set of states built from names, party literals, <c>members(...)</c> and regions, without the fact or 'party'.</summary>
    private static bool SetOfStates(Expr e, string variable) => e switch
    {
        PartyExpr or DateExpr => true,
        NameExpr n => n.Name != variable && n.Name != "party",
        SetExpr s => s.Items.All(i => SetOfStates(i, variable)),
        BinaryExpr { Op: BinaryOp.Union or BinaryOp.Intersect or BinaryOp.Minus } b => SetOfStates(b.Left, variable) && SetOfStates(b.Right, variable),
        CallExpr { Function: "members" } c => c.Arguments.All(a => SetOfStates(a, variable)),
        CallExpr { Function: "region", Arguments: [NameExpr] } => true,
        _ => false,
    };

    /// <summary>The top-level conjuncts of a condition.</summary>
    public static IReadOnlyList<Expr> Conjuncts(Expr e)
    {
        // One list filled from an explicit stack: linear in the number of conjuncts (nested Concat iterators were quadratic).
        var result = new List<Expr>();
        var stack = new Stack<Expr>();
        stack.Push(e);
        while (stack.Count > 0)
        {
            var next = stack.Pop();
            if (next is BinaryExpr { Op: BinaryOp.And } b)
            {
                stack.Push(b.Right);
                stack.Push(b.Left);
            }
            else
            {
                result.Add(next);
            }
        }

        return result;
    }

    private static bool ReadsOnlyFact(Expr e, string variable, IReadOnlyDictionary<Expr, RuleType> types) => e switch
    {
        NumberExpr or DateExpr or TextExpr or PartyExpr => true,

        // The fact itself, a word, or the date; not a parameter, the bound parties, the document's parties or 'party'.
        NameExpr n => n.Name == variable || n.Name == "at"
            || (types.TryGetValue(n, out var t) && t.Kind == TypeKind.Word && !Checker.Builtins.Contains(n.Name)),
        FieldExpr f => ReadsOnlyFact(f.Target, variable, types),
        SetExpr s => s.Items.All(i => ReadsOnlyFact(i, variable, types)),
        NotExpr not => ReadsOnlyFact(not.Operand, variable, types),
        BinaryExpr b => ReadsOnlyFact(b.Left, variable, types) && ReadsOnlyFact(b.Right, variable, types),
        CallExpr { Function: "region", Arguments: [NameExpr] } => true,
        CallExpr c => Pure.Contains(c.Function) && c.Arguments.All(a => ReadsOnlyFact(a, variable, types)),

        // Counts, sums and conditionals read other facts.
        _ => false,
    };
}
