using System.Globalization;
using System.Text;
using Detente.Negotiation.Analysis;

namespace Detente.Negotiation.Export;

/// <summary>
/// Writes issues and clauses as SMT-LIB 2 (logic QF_LIA): one integer constant per issue restricted to its domain, and one
/// named assertion per clause, so any SMT solver can check feasibility and name an unsat core.
/// </summary>
public static class SmtLib
{
    /// <summary>
    /// The SMT-LIB script for <paramref name="clauses"/> over all issues of <paramref name="data"/>, ending in check-sat and
    /// get-unsat-core (or get-value on sat).
    /// </summary>
    public static string Export(NegotiationData data, IEnumerable<Clause> clauses, bool getModel = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(clauses);
        var s = new StringBuilder();
        s.AppendLine("; Detente negotiation analysis: issues and positions as SMT-LIB 2.");
        s.AppendLine("(set-option :produce-unsat-cores true)");
        if (getModel)
        {
            s.AppendLine("(set-option :produce-models true)");
        }

        s.AppendLine("(set-logic QF_LIA)");
        foreach (var issue in data.Issues)
        {
            s.Append("; ").AppendLine(issue.Title.ReplaceLineEndings(" "));
            s.Append("(declare-const ").Append(Symbol(issue.Id.Value)).AppendLine(" Int)");
            s.Append("(assert ").Append(Domain(issue)).AppendLine(")");
        }

        foreach (var link in data.Links)
        {
            s.Append("; link: ").AppendLine(link.Title.ReplaceLineEndings(" "));
            s.Append("(assert ").Append(Term(link.Condition)).AppendLine(")");
        }

        foreach (var c in clauses)
        {
            s.Append("; ").AppendLine(c.Label.ReplaceLineEndings(" "));
            s.Append("(assert (! ").Append(Term(c.Condition)).Append(" :named ").Append(Symbol(c.Id)).AppendLine("))");
        }

        s.AppendLine("(check-sat)");
        s.AppendLine(getModel ? "(get-model)" : "(get-unsat-core)");
        return s.ToString();
    }

    /// <summary>A condition as an SMT-LIB term.</summary>
    public static string Term(Condition condition) => condition switch
    {
        Compare c => c.Op == CompareOp.Ne
            ? $"(not (= {Symbol(c.Issue.Value)} {Number(c.Value)}))"
            : $"({Op(c.Op)} {Symbol(c.Issue.Value)} {Number(c.Value)})",
        Membership m => m.Values.Length == 1
            ? $"(= {Symbol(m.Issue.Value)} {Number(m.Values[0])})"
            : $"(or {string.Join(" ", m.Values.Select(v => $"(= {Symbol(m.Issue.Value)} {Number(v)})"))})",
        Not n => $"(not {Term(n.Operand)})",
        All a => a.Operands.Length == 0 ? "true"
            : a.Operands.Length == 1 ? Term(a.Operands[0])
            : $"(and {string.Join(" ", a.Operands.Select(Term))})",
        Any o => o.Operands.Length == 1 ? Term(o.Operands[0]) : $"(or {string.Join(" ", o.Operands.Select(Term))})",
        Implies i => $"(=> {Term(i.Condition)} {Term(i.Then)})",
        _ => throw new ArgumentException($"unknown condition {condition.GetType().Name}", nameof(condition)),
    };

    /// <summary>A quoted SMT-LIB symbol; ids are slugs, so they never hold '|' or '\'.</summary>
    public static string Symbol(string id) => $"|{id}|";

    private static string Domain(Issue issue)
    {
        var x = Symbol(issue.Id.Value);
        var d = issue.Domain;
        var bounds = $"(<= {Number(d.Min)} {x}) (<= {x} {Number(d.Max)})";
        return d.Step == 1 ? $"(and {bounds})" : $"(and {bounds} (= (mod (- {x} {Number(d.Min)}) {Number(d.Step)}) 0))";
    }

    private static string Op(CompareOp op) => op switch
    {
        CompareOp.Eq => "=",
        CompareOp.Lt => "<",
        CompareOp.Le => "<=",
        CompareOp.Gt => ">",
        _ => ">=",
    };

    private static string Number(long v) =>
        v < 0 ? $"(- {(-v).ToString(CultureInfo.InvariantCulture)})" : v.ToString(CultureInfo.InvariantCulture);
}
