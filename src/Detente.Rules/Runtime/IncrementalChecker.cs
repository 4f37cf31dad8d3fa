using Detente.Core;
using Detente.Rules.Ast;
using Detente.Rules.Compilation;

namespace Detente.Rules.Runtime;

/// <summary>
/// The findings of one agreement at one date, kept up to date as facts arrive. Clauses are indexed by the kinds of fact they
/// read; a new deployment or activity touches only the clauses over its kind, and within them only its own finding (a
/// prohibition or obligation) or its groups (a limit or right). A new membership changes who is bound, so it re-evaluates
/// the agreement in full.
/// </summary>
internal sealed class IncrementalChecker
{
    private readonly Evaluator evaluator;
    private readonly Agreement agreement;
    private readonly IReadOnlyDictionary<string, Compiled>? overrides;
    private readonly Dictionary<FactKind, List<ClauseState>> byKind = [];
    private List<ClauseState> states = [];
    private World world;

    public IncrementalChecker(Evaluator evaluator, Agreement agreement, World world, IReadOnlyDictionary<string, Compiled>? overrides = null)
    {
        this.evaluator = evaluator;
        this.agreement = agreement;
        this.world = world;
        this.overrides = overrides;
        Build();
    }

    /// <summary>Every current finding.</summary>
    public IEnumerable<Finding> Findings => states.SelectMany(s => s.Findings.Values);

    /// <summary>How many clauses the last <see cref="Add"/> evaluated.</summary>
    public int ClausesTouched { get; private set; }

    private sealed class ClauseState(CompiledClause clause, string id, PartySet bound)
    {
        public CompiledClause Clause { get; } = clause;

        public string Id { get; } = id;

        public PartySet Bound { get; } = bound;

        public Dictionary<string, Finding> Findings { get; } = new(StringComparer.Ordinal);

        public Evaluator.LimitState? Limit { get; set; }

        public Dictionary<string, string> GroupFinding { get; } = new(StringComparer.Ordinal);
    }

    private void Build()
    {
        states = [];
        byKind.Clear();
        var all = evaluator.Evaluate(agreement, world, overrides);
        var byClause = all.GroupBy(f => f.Clause).ToDictionary(g => g.Key, g => g.ToList());
        var env = evaluator.Environment(agreement, world, overrides);
        foreach (var clause in agreement.Clauses)
        {
            var id = $"{agreement.Id}/{clause.Id}";
            var bound = clause.Binds is null ? env.Parties : Compilation.ExprCompiler.AsSet(clause.Binds(env));
            var state = new ClauseState(clause, id, bound);
            foreach (var f in byClause.GetValueOrDefault(id) ?? [])
            {
                state.Findings[f.Key] = f;
            }

            if (clause.Kind is ClauseKind.Limit or ClauseKind.Right && clause.Syntax.OnlyWhile is null)
            {
                env.Bound = bound;
                state.Limit = evaluator.LimitStateOf(clause, env);
                foreach (var g in state.Limit.Groups.Values)
                {
                    state.GroupFinding[g.Key] = Evaluator.GroupFinding(clause, id, env, g, state.Limit).Key;
                }
            }

            states.Add(state);
            foreach (var kind in clause.Reads)
            {
                if (!byKind.TryGetValue(kind, out var list))
                {
                    byKind[kind] = list = [];
                }

                list.Add(state);
            }
        }
    }

    /// <summary>Takes one new fact into account; returns the findings that were added or replaced.</summary>
    public List<Finding> Add(object fact, World updated)
    {
        world = updated;
        var kind = fact switch
        {
            Deployment => FactKind.Deployment,
            Activity => FactKind.Activity,
            Notification => FactKind.Notification,
            Observation => FactKind.Observation,
            _ => FactKind.Membership,
        };
        var changed = new List<Finding>();
        if (Evaluator.InForce(agreement, world.At) is not null)
        {
            // Outside the document's term every checkable clause is not applicable, whatever the facts.
            ClausesTouched = 0;
            return changed;
        }

        if (kind is FactKind.Membership or FactKind.Notification or FactKind.Observation
            || states.Any(s => s.Clause.Syntax.OnlyWhile is { } c && states.First(x => x.Clause.Id == c).Clause.Reads.Contains(kind)))
        {
            // Who is bound, what an obligation finds, or a clause another depends on may change: evaluate again in full.
            Build();
            ClausesTouched = states.Count;
            return Findings.ToList();
        }

        var env = evaluator.Environment(agreement, world, overrides);
        ClausesTouched = 0;
        foreach (var state in byKind.GetValueOrDefault(kind) ?? [])
        {
            if (state.Clause.Syntax.Over != kind)
            {
                continue;
            }

            ClausesTouched++;
            env.Bound = state.Bound;
            List<Finding> fresh;
            switch (state.Clause.Kind)
            {
                case ClauseKind.Prohibition:
                    fresh = evaluator.Prohibition(state.Clause, state.Id, env, [fact], partyLevel: false);
                    break;
                case ClauseKind.Obligation:
                    fresh = evaluator.Obligation(state.Clause, state.Id, env, [fact], partyLevel: false);
                    break;
                case ClauseKind.Limit or ClauseKind.Right when state.Limit is not null:
                    fresh = [];
                    foreach (var key in Evaluator.AddToGroups(state.Clause, env, fact, state.Limit.Groups))
                    {
                        if (state.GroupFinding.Remove(key, out var old))
                        {
                            state.Findings.Remove(old);
                        }

                        var finding = Evaluator.GroupFinding(state.Clause, state.Id, env, state.Limit.Groups[key], state.Limit);
                        state.GroupFinding[key] = finding.Key;
                        fresh.Add(finding);
                    }

                    break;
                default:
                    fresh = [];
                    break;
            }

            if (state.Clause.Syntax.OnlyWhile is { } condition)
            {
                fresh = Evaluator.Conditioned(agreement, condition, states.First(x => x.Clause.Id == condition).Findings.Values, fresh);
            }

            foreach (var f in fresh)
            {
                // A party with a finding about a fact no longer needs its "nothing recorded" finding.
                state.Findings.Remove($"{state.Id}|{f.Party}|party|{f.Party}");
                state.Findings[f.Key] = f;
                changed.Add(f);
            }
        }

        return changed;
    }
}
