using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Detente.Core;
using Google.OrTools.Sat;

namespace Detente.Negotiation.Analysis;

/// <summary>
/// Answers "can these positions meet, and where?" with CP-SAT: joint feasibility with a witness package, minimal conflict
/// sets and maximal packages (MARCO), the best weighted package, red-line comparisons, and scores of proposals and of the
/// status quo. Every question runs within a <see cref="SolverLimit"/> of deterministic work, so the same input gives the same
/// answer on any machine; a limit reached is reported as such, never as "cannot meet".
/// </summary>
public sealed class NegotiationAnalyzer
{
    /// <summary>The points each party's demands share in the best-package objective.</summary>
    public const long PartyDemandTotal = 1000;

    private readonly NegotiationProblem _problem;
    private readonly ClauseModel _model;

    private readonly IReadOnlyDictionary<IssueId, int> _reference;

    /// <summary>
    /// Builds the model of <paramref name="problem"/>. When <paramref name="reference"/> (usually the status quo) is given,
    /// witness packages change as few of its issue values as possible, so they read as changes to that world.
    /// </summary>
    public NegotiationAnalyzer(NegotiationProblem problem, IReadOnlyDictionary<IssueId, int>? reference = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        _problem = problem;
        _reference = reference ?? new Dictionary<IssueId, int>();
        _model = new ClauseModel(problem.Data, problem.Clauses.Select(c => c.Condition));
    }

    /// <summary>The problem analysed.</summary>
    public NegotiationProblem Problem => _problem;

    /// <summary>Whether all clauses hold together, and whether the red lines alone do; each with a witness package.</summary>
    public Feasibility Feasibility(SolverLimit budget)
    {
        var third = budget.DeterministicTime / 3;
        var all = Enumerable.Range(0, _problem.Clauses.Length).ToList();
        var (verdict, solver, _) = Check(all, third);
        var red = all.Where(i => _problem.Clauses[i].Kind == PositionKind.RedLine).ToList();
        bool? feasible = verdict == Verdict.LimitReached ? null : verdict == Verdict.Sat;
        if (verdict == Verdict.Sat)
        {
            var witness = Nearest(all, third) ?? _model.Assignment(solver);
            return new Feasibility(true, witness, true, witness);
        }

        var (redVerdict, _, _) = Check(red, third);
        return new Feasibility(feasible, null, redVerdict == Verdict.LimitReached ? null : redVerdict == Verdict.Sat,
            redVerdict == Verdict.Sat ? Nearest(red, third) : null);
    }

    /// <summary>
    /// Enumerates minimal conflict sets and maximal packages with MARCO until all are found, <paramref name="limit"/>
    /// conflicts are found, or the deterministic work of <paramref name="budget"/> is spent — whichever is first. Anytime:
    /// what is found is kept.
    /// </summary>
    public Enumeration Enumerate(int limit, SolverLimit budget, int packageLimit = 50)
    {
        var clock = Stopwatch.StartNew();
        var work0 = _model.DeterministicTime;
        var mapWork = 0.0;
        var n = _problem.Clauses.Length;
        var conflicts = ImmutableArray.CreateBuilder<Conflict>();
        var packages = ImmutableArray.CreateBuilder<Package>();
        var blockUp = new List<int[]>();   // each MUS: at least one of these must be left out
        var blockDown = new List<int[]>(); // each MSS complement: at least one of these must be put in
        var calls0 = _model.Calls;
        var completion = Completion.Complete;
        double Left() => budget.DeterministicTime - (_model.DeterministicTime - work0 + mapWork);

        while (true)
        {
            if (conflicts.Count >= limit)
            {
                completion = Completion.LimitReached;
                break;
            }

            if (Left() <= 0)
            {
                completion = Completion.SolverLimitReached;
                break;
            }

            var (exhausted, seed, spent) = Seed(n, blockUp, blockDown, Left());
            mapWork += spent;
            if (exhausted)
            {
                break;
            }

            if (seed is null)
            {
                completion = Completion.SolverLimitReached;
                break;
            }

            var (verdict, solver, core) = Check(seed, Left());
            if (verdict == Verdict.LimitReached)
            {
                completion = Completion.SolverLimitReached;
                break;
            }

            if (verdict == Verdict.Sat)
            {
                var grown = Grow(Satisfied(solver), Left());
                if (grown is null)
                {
                    completion = Completion.SolverLimitReached;
                    break;
                }

                var (kept, witness) = grown.Value;
                var dropped = Enumerable.Range(0, n).Except(kept).ToArray();
                if (dropped.Length == 0)
                {
                    packages.Add(MakePackage(kept, witness));
                    break; // everything holds together: no conflicts exist.
                }

                blockDown.Add(dropped);
                if (packages.Count < packageLimit)
                {
                    packages.Add(MakePackage(kept, witness));
                }
            }
            else
            {
                var mus = Shrink(core, Left());
                if (mus is null)
                {
                    completion = Completion.SolverLimitReached;
                    break;
                }

                blockUp.Add([.. mus]);
                conflicts.Add(Explain(mus));
            }
        }

        return new Enumeration(conflicts.ToImmutable(), packages.ToImmutable(), completion, _model.Calls - calls0,
            _model.DeterministicTime - work0 + mapWork, clock.Elapsed);
    }

    /// <summary>
    /// The first minimal conflict set, or null when all clauses hold together (or the limit was reached: see
    /// <paramref name="limitReached"/>).
    /// </summary>
    public Conflict? FirstConflict(SolverLimit budget, out bool limitReached)
    {
        var work0 = _model.DeterministicTime;
        var all = Enumerable.Range(0, _problem.Clauses.Length).ToList();
        var (verdict, _, core) = Check(all, budget.DeterministicTime);
        limitReached = verdict == Verdict.LimitReached;
        if (verdict != Verdict.Unsat)
        {
            return null;
        }

        var mus = Shrink(core, budget.DeterministicTime - (_model.DeterministicTime - work0));
        limitReached = mus is null;
        return mus is null ? null : Explain(mus);
    }

    /// <summary>
    /// The best package: as few red lines crossed as possible, then the largest weight of demands kept, each party's demands
    /// scaled to <see cref="PartyDemandTotal"/> points. Each red line outweighs all demands together, so no demand is ever
    /// bought with a red line.
    /// </summary>
    public BestPackage Best(SolverLimit budget)
    {
        // Each party's demands count for the same total, so no party's positions weigh more because it listed more of them
        // or used larger numbers; a red line outweighs every demand together.
        var totals = _problem.Clauses.Where(c => c.Kind == PositionKind.Demand).GroupBy(c => c.Party)
            .ToDictionary(g => g.Key, g => g.Sum(c => (long)c.Weight));
        var scaled = _problem.Clauses
            .Select(c => c.Kind == PositionKind.Demand ? Math.Max(1, c.Weight * PartyDemandTotal / totals[c.Party]) : 0).ToArray();
        var big = scaled.Sum() + 1;
        // Tie-break: among equally good packages, keep as many status-quo values as possible (each worth less than one point).
        var kept = Unchanged();
        var objective = LinearExpr.WeightedSum(
            [.. _model.Literals, .. kept],
            [
                .. _problem.Clauses.Select((c, i) => (c.Kind == PositionKind.RedLine ? big : scaled[i]) * (kept.Count + 1)),
                .. kept.Select(_ => 1L),
            ]);
        _model.Model.ClearAssumptions();
        _model.Model.Maximize(objective);
        try
        {
            var solver = new CpSolver { StringParameters = SolverLimit.Parameters(budget.DeterministicTime) };
            var status = solver.Solve(_model.Model);
            if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
            {
                return new BestPackage(null, false);
            }

            return new BestPackage(MakePackage(Satisfied(solver), _model.Assignment(solver)), status == CpSolverStatus.Optimal);
        }
        finally
        {
            _model.Model.Model.Objective = null;
        }
    }

    /// <summary>Whether the clauses at <paramref name="indices"/> can hold together (null when the limit was reached).</summary>
    public bool? CanHold(IEnumerable<int> indices, SolverLimit budget)
    {
        var (verdict, _, _) = Check([.. indices], budget.DeterministicTime);
        return verdict == Verdict.LimitReached ? null : verdict == Verdict.Sat;
    }

    /// <summary>
    /// Compares two positions (typically two versions of a red line): which admits more packages, with a package that
    /// separates them in each direction where one exists.
    /// </summary>
    public static Comparison Compare(NegotiationData data, Position first, Position second, SolverLimit budget)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var issues = first.Condition.Issues().Concat(second.Condition.Issues()).Distinct().Order().ToImmutableArray();
        var m = new ClauseModel(data, [first.Condition, second.Condition]);
        var a = m.Literals[0];
        var b = m.Literals[1];
        var (v1, s1, _) = m.Check([a, b.Not()], budget.DeterministicTime / 2);
        var onlyFirst = v1 == Verdict.Sat ? Restrict(m.Assignment(s1), issues) : null;
        var (v2, s2, _) = m.Check([b, a.Not()], budget.DeterministicTime / 2);
        var onlySecond = v2 == Verdict.Sat ? Restrict(m.Assignment(s2), issues) : null;
        var strength = (v1, v2) switch
        {
            (Verdict.LimitReached, _) or (_, Verdict.LimitReached) => Strength.Unknown,
            (Verdict.Unsat, Verdict.Unsat) => Strength.Equivalent,
            (Verdict.Sat, Verdict.Unsat) => Strength.Stronger,
            (Verdict.Unsat, Verdict.Sat) => Strength.Weaker,
            _ => Strength.Incomparable,
        };
        return new Comparison(first, second, strength, onlyFirst, onlySecond, issues);
    }

    /// <summary>
    /// How each party's positions in force fare under a partial assignment (a proposal, or the status quo): met, unmet, or
    /// open when they depend on issues left open (undecided when the limit was reached first); with the fewest issue changes
    /// that would meet all its red lines.
    /// </summary>
    public static ImmutableArray<PartyScore> Score(NegotiationProblem problem, IReadOnlyDictionary<IssueId, int> values, SolverLimit budget)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(values);
        var positions = problem.Clauses.SelectMany(c => c.Positions).ToImmutableArray();
        var m = new ClauseModel(problem.Data, positions.Select(p => p.Condition));
        var per = budget.DeterministicTime / Math.Max(1, positions.Length * 2 + problem.Parties.Length);
        var fixedLits = values.Select(kv => m.Reify(new Compare(kv.Key, CompareOp.Eq, kv.Value))).ToList();
        var standings = new Dictionary<PositionId, Standing>();
        for (var i = 0; i < positions.Length; i++)
        {
            var p = positions[i];
            if (p.Condition.Issues().All(values.ContainsKey))
            {
                standings[p.Id] = p.Condition.Holds(values) ? Standing.Met : Standing.Unmet;
                continue;
            }

            var (can, _, _) = m.Check([.. fixedLits, m.Literals[i]], per);
            var (cannot, _, _) = m.Check([.. fixedLits, m.Literals[i].Not()], per);
            standings[p.Id] = (can, cannot) switch
            {
                (Verdict.Sat, Verdict.Unsat) => Standing.Met,
                (Verdict.Unsat, _) => Standing.Unmet,
                (Verdict.Sat, Verdict.Sat) => Standing.Open,
                _ => Standing.Undecided,
            };
        }

        var scores = ImmutableArray.CreateBuilder<PartyScore>();
        foreach (var party in problem.Parties)
        {
            var mine = positions.Where(p => p.Party == party).ToImmutableArray();
            var demands = mine.Where(p => p.Kind == PositionKind.Demand).ToList();
            var (changes, changesLimitReached) = ChangesFor(problem.Data, mine.Where(p => p.Kind == PositionKind.RedLine), values, per * 4);
            scores.Add(new PartyScore(party, [.. mine.Select(p => new PositionStanding(p, standings[p.Id]))],
                demands.Where(d => standings[d.Id] == Standing.Met).Sum(d => d.Weight), demands.Sum(d => d.Weight),
                changes, changesLimitReached || mine.Any(p => standings[p.Id] == Standing.Undecided)));
        }

        return scores.ToImmutable();
    }

    private static (ImmutableSortedDictionary<IssueId, int>? Changes, bool LimitReached) ChangesFor(
        NegotiationData data, IEnumerable<Position> redLines, IReadOnlyDictionary<IssueId, int> values, double deterministicTime)
    {
        var m = new ClauseModel(data, redLines.Select(r => r.Condition));
        foreach (var lit in m.Literals)
        {
            m.Model.AddBoolOr([lit]);
        }

        var changed = new List<ILiteral>();
        foreach (var (issue, value) in values)
        {
            changed.Add(m.Reify(new Compare(issue, CompareOp.Ne, value)));
        }

        m.Model.Minimize(LinearExpr.Sum(changed.Select(c => (ILiteral)c)));
        var solver = new CpSolver { StringParameters = SolverLimit.Parameters(deterministicTime) };
        var status = solver.Solve(m.Model);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            // Infeasible: the red lines cannot all hold at all; anything else: the limit came first.
            return (null, status != CpSolverStatus.Infeasible);
        }

        // Feasible but not optimal: a set of changes, perhaps not the fewest.
        return (m.Assignment(solver).Where(kv => values.TryGetValue(kv.Key, out var v) && v != kv.Value).ToImmutableSortedDictionary(),
            status != CpSolverStatus.Optimal);
    }

    /// <summary>One literal per reference value: true when the package keeps it.</summary>
    private List<ILiteral> Unchanged() =>
        [
            .. _reference.Where(kv => _model.Variables.ContainsKey(kv.Key)).OrderBy(kv => kv.Key)
                .Select(kv => _model.Reify(new Compare(kv.Key, CompareOp.Eq, kv.Value))),
        ];

    /// <summary>
    /// A package meeting the clauses at <paramref name="subset"/> that keeps the most reference values; null when the limit
    /// was reached or without a reference.
    /// </summary>
    private ImmutableSortedDictionary<IssueId, int>? Nearest(List<int> subset, double deterministicTime)
    {
        if (_reference.Count == 0)
        {
            return null;
        }

        var kept = Unchanged();
        _model.Model.ClearAssumptions();
        var holds = subset.Select(i => _model.Literals[i]).ToList();

        // First keep as many values as possible; among changed numbers, prefer the nearest (in steps) to the reference.
        var deviations = new List<LinearExpr>();
        var worst = 0L;
        foreach (var (id, value) in _reference.OrderBy(kv => kv.Key))
        {
            if (!_model.Variables.TryGetValue(id, out var x) || _model.Issue(id).Domain is not { Labels.IsDefaultOrEmpty: true } domain)
            {
                continue;
            }

            var span = (long)(domain.Max - domain.Min) / domain.Step;
            var d = _model.Model.NewIntVar(0, (long)(domain.Max - domain.Min), $"deviation {id}");
            _model.Model.AddAbsEquality(d, x - value);
            var steps = _model.Model.NewIntVar(0, span, $"steps {id}");
            _model.Model.Add(steps * domain.Step <= d);
            _model.Model.Add(d <= steps * domain.Step + domain.Step - 1);
            deviations.Add(steps);
            worst += span;
        }

        var objectiveKept = LinearExpr.Sum(kept) * (worst + 1) - LinearExpr.Sum(deviations);
        var guard = _model.Model.NewBoolVar("nearest");
        foreach (var h in holds)
        {
            _model.Model.AddImplication(guard, h);
        }

        _model.Model.AddAssumption(guard);
        _model.Model.Maximize(objectiveKept);
        try
        {
            var solver = new CpSolver { StringParameters = SolverLimit.Parameters(deterministicTime) };
            var status = solver.Solve(_model.Model);
            return status is CpSolverStatus.Optimal or CpSolverStatus.Feasible ? _model.Assignment(solver) : null;
        }
        finally
        {
            _model.Model.Model.Objective = null;
            _model.Model.ClearAssumptions();
        }
    }

    private static ImmutableSortedDictionary<IssueId, int> Restrict(
        ImmutableSortedDictionary<IssueId, int> values, ImmutableArray<IssueId> issues) =>
        values.Where(kv => issues.Contains(kv.Key)).ToImmutableSortedDictionary();

    private (Verdict, CpSolver, List<int>) Check(IReadOnlyList<int> subset, double deterministicTime)
    {
        var (verdict, solver, core) = _model.Check([.. subset.Select(i => _model.Literals[i])], deterministicTime);
        return (verdict, solver, [.. core.Select(k => subset[k])]);
    }

    private List<int> Satisfied(CpSolver solver) =>
        [.. Enumerable.Range(0, _problem.Clauses.Length).Where(i => solver.BooleanValue(_model.Literals[i]))];

    /// <summary>Grows a satisfiable set to a maximal one: every clause the current package already meets joins for free.</summary>
    private (List<int> Kept, ImmutableSortedDictionary<IssueId, int> Witness)? Grow(List<int> start, double deterministicTime)
    {
        var work0 = _model.DeterministicTime;
        var kept = start.ToHashSet();
        var (first, firstSolver, _) = Check([.. kept], deterministicTime);
        if (first != Verdict.Sat)
        {
            return null;
        }

        var witness = _model.Assignment(firstSolver);
        for (var i = 0; i < _problem.Clauses.Length; i++)
        {
            if (kept.Contains(i))
            {
                continue;
            }

            var (verdict, solver, _) = Check([.. kept, i], deterministicTime - (_model.DeterministicTime - work0));
            if (verdict == Verdict.LimitReached)
            {
                return null;
            }

            if (verdict == Verdict.Sat)
            {
                kept.UnionWith(Satisfied(solver));
                witness = _model.Assignment(solver);
            }
        }

        return ([.. kept.Order()], witness);
    }

    /// <summary>Shrinks an unsatisfiable set to a minimal one by deletion, narrowing to each new core the solver returns.</summary>
    private List<int>? Shrink(List<int> core, double deterministicTime)
    {
        var work0 = _model.DeterministicTime;
        var current = core.Order().ToList();
        var necessary = new HashSet<int>();
        while (true)
        {
            var candidate = current.FirstOrDefault(c => !necessary.Contains(c), -1);
            if (candidate < 0)
            {
                return current;
            }

            var without = current.Where(c => c != candidate).ToList();
            var (verdict, _, smaller) = Check(without, deterministicTime - (_model.DeterministicTime - work0));
            switch (verdict)
            {
                case Verdict.LimitReached:
                    return null;
                case Verdict.Unsat:
                    current = smaller.Order().ToList();
                    break;
                default:
                    necessary.Add(candidate);
                    break;
            }
        }
    }

    /// <summary>
    /// The map solver of MARCO: an unexplored subset, preferring large ones; exhausted when all are explored, null seed when the
    /// limit was reached; with the deterministic time it spent.
    /// </summary>
    private static (bool Exhausted, List<int>? Seed, double Spent) Seed(
        int n, List<int[]> blockUp, List<int[]> blockDown, double deterministicTime)
    {
        var map = new CpModel();
        var x = Enumerable.Range(0, n).Select(i => map.NewBoolVar($"m{i}")).ToArray();
        foreach (var mus in blockUp)
        {
            map.AddBoolOr(mus.Select(i => x[i].Not()));
        }

        foreach (var mcs in blockDown)
        {
            map.AddBoolOr(mcs.Select(i => (ILiteral)x[i]));
        }

        foreach (var v in x)
        {
            map.AddHint(v, true);
        }

        var solver = new CpSolver { StringParameters = SolverLimit.Parameters(deterministicTime) };
        var status = solver.Solve(map);
        var spent = SolverLimit.Spent(solver);
        if (status == CpSolverStatus.Infeasible)
        {
            return (true, null, spent);
        }

        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            return (false, null, spent);
        }

        var seed = Enumerable.Range(0, n).Where(i => solver.BooleanValue(x[i])).ToList();

        // The hint favours large seeds, but the solver may drop it; greedily add every clause no block forbids.
        var inSeed = new bool[n];
        foreach (var i in seed)
        {
            inSeed[i] = true;
        }

        for (var i = 0; i < n; i++)
        {
            if (inSeed[i])
            {
                continue;
            }

            inSeed[i] = true;
            if (blockUp.Any(mus => mus.All(j => inSeed[j])))
            {
                inSeed[i] = false;
            }
        }

        return (false, [.. Enumerable.Range(0, n).Where(i => inSeed[i])], spent);
    }

    private Package MakePackage(IEnumerable<int> kept, ImmutableSortedDictionary<IssueId, int> witness)
    {
        var set = kept.ToHashSet();
        var k = Enumerable.Range(0, _problem.Clauses.Length).Where(set.Contains).Select(i => _problem.Clauses[i]).ToImmutableArray();
        var d = Enumerable.Range(0, _problem.Clauses.Length).Where(i => !set.Contains(i)).Select(i => _problem.Clauses[i]).ToImmutableArray();
        return new Package(k, d, witness, k.Sum(c => c.Weight));
    }

    private Conflict Explain(List<int> mus)
    {
        var clauses = mus.Order().Select(i => _problem.Clauses[i]).ToImmutableArray();
        var issues = _problem.Data.IssuesById;
        var shared = clauses.SelectMany(c => c.Condition.Issues().Distinct()).GroupBy(i => i).Where(g => g.Count() > 1)
            .Select(g => g.Key).Order().ToImmutableArray();
        var parts = clauses.Select(c => $"{c.Label} requires: {c.Condition.Describe(issues)}");
        var where = shared.Length > 0 ? $" They meet on: {string.Join("; ", shared.Select(i => issues[i].Title))}." : "";
        var parties = clauses.Select(c => c.Party).Distinct().ToList();
        var who = parties.Count == 1 ? $"positions of {parties[0]}" : $"positions of {string.Join(", ", parties)}";
        var text = $"These {clauses.Length} {who} cannot all hold together; dropping any one of them removes this conflict. " +
                   string.Join(". ", parts) + "." + where;
        return new Conflict(clauses, shared, text);
    }
}
