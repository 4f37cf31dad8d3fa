using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Google.OrTools.Sat;
using Google.OrTools.Util;

namespace Detente.Negotiation.Analysis;

/// <summary>The verdict of one solver call.</summary>
internal enum Verdict
{
    Sat,
    Unsat,

    /// <summary>The deterministic work limit was reached before the solver decided.</summary>
    LimitReached,
}

/// <summary>
/// The CP-SAT model of a set of conditions over the issues: one integer variable per issue, restricted to its domain, and
/// one literal per condition that is true exactly when the condition holds (full reification, so a literal can be assumed
/// false as well as true, and a solution tells which conditions it satisfies).
/// </summary>
internal sealed class ClauseModel
{
    private readonly Dictionary<(IssueId, CompareOp, int), BoolVar> _compares = [];
    private readonly IReadOnlyDictionary<IssueId, Issue> _issues;

    public ClauseModel(NegotiationData data, IEnumerable<Condition> conditions)
        : this(data.IssuesById, data.Links.Select(l => l.Condition), conditions)
    {
    }

    public ClauseModel(IReadOnlyDictionary<IssueId, Issue> issues, IEnumerable<Condition> background, IEnumerable<Condition> conditions)
    {
        _issues = issues;
        foreach (var issue in issues.Values.OrderBy(i => i.Id))
        {
            var domain = issue.Domain.Step == 1
                ? new Domain(issue.Domain.Min, issue.Domain.Max)
                : Domain.FromValues([.. issue.Domain.Values.Select(v => (long)v)]);
            Variables[issue.Id] = Model.NewIntVarFromDomain(domain, issue.Id.Value);
        }

        // Invariant: background links hold in every solution; they are never assumptions, so never in a core.
        foreach (var link in background)
        {
            Model.AddBoolOr([Reify(link)]);
        }

        Literals = [.. conditions.Select(Reify)];
    }

    public CpModel Model { get; } = new();

    public Dictionary<IssueId, IntVar> Variables { get; } = [];

    /// <summary>One literal per condition, in the order given.</summary>
    public ImmutableArray<ILiteral> Literals { get; }

    /// <summary>Solver calls made, for figures.</summary>
    public int Calls { get; private set; }

    /// <summary>CP-SAT deterministic time spent by <see cref="Check"/> so far (the same on any machine).</summary>
    public double DeterministicTime { get; private set; }

    /// <summary>Adds a literal equivalent to <paramref name="condition"/>; usable for conditions beyond the clauses.</summary>
    public ILiteral Reify(Condition condition)
    {
        switch (condition)
        {
            case Compare c:
            {
                if (_compares.TryGetValue((c.Issue, c.Op, c.Value), out var cached))
                {
                    return cached;
                }

                var x = Variables[c.Issue];
                var b = Model.NewBoolVar($"{c.Issue}{Compare.Symbol(c.Op)}{c.Value}");
                var (yes, no) = c.Op switch
                {
                    CompareOp.Eq => (x == c.Value, x != c.Value),
                    CompareOp.Ne => (x != c.Value, x == c.Value),
                    CompareOp.Lt => (x < c.Value, x >= c.Value),
                    CompareOp.Le => (x <= c.Value, x > c.Value),
                    CompareOp.Gt => (x > c.Value, x <= c.Value),
                    _ => (x >= c.Value, x < c.Value),
                };
                Model.Add(yes).OnlyEnforceIf(b);
                Model.Add(no).OnlyEnforceIf(b.Not());
                _compares[(c.Issue, c.Op, c.Value)] = b;
                return b;
            }

            case Membership m:
            {
                var b = Model.NewBoolVar($"{m.Issue} in");
                var allowed = Domain.FromValues([.. m.Values.Select(v => (long)v)]);
                Model.AddLinearExpressionInDomain(Variables[m.Issue], allowed).OnlyEnforceIf(b);
                Model.AddLinearExpressionInDomain(Variables[m.Issue], allowed.Complement()).OnlyEnforceIf(b.Not());
                return b;
            }

            case Not n:
                return Reify(n.Operand).Not();
            case All a:
            {
                var parts = a.Operands.Select(Reify).ToList();
                var b = Model.NewBoolVar("all");
                foreach (var p in parts)
                {
                    Model.AddImplication(b, p);
                }

                Model.AddBoolOr([b, .. parts.Select(p => p.Not())]);
                return b;
            }

            case Any o:
            {
                var parts = o.Operands.Select(Reify).ToList();
                var b = Model.NewBoolVar("any");
                foreach (var p in parts)
                {
                    Model.AddImplication(p, b);
                }

                Model.AddBoolOr([b.Not(), .. parts]);
                return b;
            }

            case Implies i:
                return Reify(new Any([new Not(i.Condition), i.Then]));
            default:
                throw new ArgumentException($"unknown condition {condition.GetType().Name}", nameof(condition));
        }
    }

    /// <summary>
    /// Solves with the given literals assumed true. On Sat, the returned solver holds the solution; on Unsat, the core
    /// is the subset of <paramref name="assumed"/> indices the solver named (not necessarily minimal).
    /// </summary>
    public (Verdict Verdict, CpSolver Solver, List<int> Core) Check(IReadOnlyList<ILiteral> assumed, double deterministicTime)
    {
        Model.ClearAssumptions();
        Model.AddAssumptions(assumed);
        var solver = new CpSolver
        {
            // Single worker without presolve: cores come back small and refer only to assumptions (or-tools #3102, #5141).
            StringParameters = SolverLimit.Parameters(deterministicTime) + ",cp_model_presolve:false",
        };
        Calls++;
        var status = solver.Solve(Model);
        DeterministicTime += SolverLimit.Spent(solver);
        switch (status)
        {
            case CpSolverStatus.Optimal or CpSolverStatus.Feasible:
                return (Verdict.Sat, solver, []);
            case CpSolverStatus.Infeasible:
                var indices = solver.SufficientAssumptionsForInfeasibility().ToHashSet();
                var core = new List<int>();
                for (var i = 0; i < assumed.Count; i++)
                {
                    if (indices.Contains(assumed[i].GetIndex()))
                    {
                        core.Add(i);
                    }
                }

                return (Verdict.Unsat, solver, core);
            case CpSolverStatus.ModelInvalid:
                throw new UnreachableException($"the CP-SAT model is invalid: {Model.Validate()}");
            default:
                return (Verdict.LimitReached, solver, []);
        }
    }

    /// <summary>The issue values of a solution.</summary>
    public ImmutableSortedDictionary<IssueId, int> Assignment(CpSolver solver) =>
        Variables.ToImmutableSortedDictionary(kv => kv.Key, kv => (int)solver.Value(kv.Value));

    public Issue Issue(IssueId id) => _issues[id];
}
