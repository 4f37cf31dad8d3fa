using Detente.Core;
using Detente.Rules.Ast;
using Detente.Rules.Compilation;

namespace Detente.Rules.Runtime;

/// <summary>
/// The findings of one agreement at one date, kept up to date as facts arrive. Clauses are indexed by the kinds of fact they
/// read; a new deployment or activity touches only the clauses over its kind, and within them only its own finding (a
/// prohibition or obligation) or its groups (a limit or right). A new membership re-evaluates only the clauses whose sets of
/// states may change with it (who is bound, the document's parties, a parameter, <c>members(...)</c> of that alliance, an
/// alliance counted "including alliances", or a clause over memberships); a new notification only its own findings in
/// clauses over notifications and, in clauses that look for notifications of an activity or read its declared share, the
/// findings about that activity; a new observation only the clauses that read observations. A clause that applies only
/// while another holds is evaluated again whenever that other clause changes.
/// </summary>
internal sealed class IncrementalChecker
{
    private readonly Evaluator evaluator;
    private readonly Agreement agreement;
    private readonly IReadOnlyDictionary<string, Compiled>? overrides;
    private readonly Dictionary<FactKind, List<ClauseState>> byKind = [];
    private List<ClauseState> states = [];
    private World world;
    private PartySet parties = PartySet.Empty;
    private Dictionary<string, object> parameters = new(StringComparer.Ordinal);
    private (Scenario Scenario, Dictionary<FactId, Activity> Index)? activitiesById;

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

        public ClauseDependencies? Dependencies { get; set; }
    }

    private void Build()
    {
        states = [];
        byKind.Clear();
        var all = evaluator.Evaluate(agreement, world, overrides);
        var byClause = all.GroupBy(f => f.Clause).ToDictionary(g => g.Key, g => g.ToList());
        var env = evaluator.Environment(agreement, world, overrides);
        parties = env.Parties;
        parameters = new Dictionary<string, object>(env.Parameters, StringComparer.Ordinal);
        foreach (var clause in agreement.EvaluationOrder)
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
        var previous = world;
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

        var env = evaluator.Environment(agreement, world, overrides);
        ClausesTouched = 0;
        if (fact is Membership membership)
        {
            return AddMembership(membership, env, previous);
        }

        // Clauses whose findings this call changed; a clause conditioned on one of them is evaluated again in full, but only when
        // what the condition decides (whether it has a violation, and the violations an explanation names) changed.
        var touched = new HashSet<string>(StringComparer.Ordinal);
        var conditions = states.Where(x => states.Exists(o => o.Clause.Syntax.OnlyWhile == x.Clause.Id))
            .ToDictionary(x => x.Clause.Id, ConditionSignature, StringComparer.Ordinal);
        var inDomain = InDomain(fact, world.At);
        foreach (var state in states.ToList())
        {
            if (state.Clause.Syntax.OnlyWhile is { } on && touched.Contains(on)
                && ConditionSignature(states.First(x => x.Clause.Id == on)) != conditions[on])
            {
                Refresh(state, env, changed);
                touched.Add(state.Clause.Id);
                continue;
            }

            if (!state.Clause.Checkable)
            {
                continue;
            }

            if (state.Clause.Syntax.Over != kind || !inDomain)
            {
                if (LooksFor(state, fact, env, changed) is not null)
                {
                    touched.Add(state.Clause.Id);
                }

                continue;
            }

            if (state.Clause.Kind is ClauseKind.Limit or ClauseKind.Right && state.Limit is null)
            {
                // A conditioned limit keeps no groups between evaluations.
                Refresh(state, env, changed);
                touched.Add(state.Clause.Id);
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

            if (fresh.Count > 0)
            {
                touched.Add(state.Clause.Id);
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

    /// <summary>Whether a clause over the fact's kind ranges over it on the date (see <see cref="Evaluator.Domain"/>).</summary>
    private static bool InDomain(object fact, DateOnly at) => fact switch
    {
        Deployment d => d.Period.Contains(at),
        Membership m => m.Period.Contains(at),
        Notification n => n.Given <= at,
        Observation o => o.Period.From <= at,
        _ => true,
    };

    private ClauseDependencies Dependencies(ClauseState state)
    {
        if (state.Dependencies is null)
        {
            var binds = state.Clause.Syntax.Binds ?? agreement.Syntax.Articles.First(a => a.Number == state.Clause.Article).Binds;
            state.Dependencies = ClauseDependencies.Of(state.Clause, binds);
        }

        return state.Dependencies;
    }

    /// <summary>
    /// A new notification or observation seen by a clause that is not over its kind: the clause may look for it (an obligation's
    /// required fact) or read it through an activity's declared share. Returns null when the clause cannot change, false when
    /// only the findings about one activity were evaluated again, true when the whole clause was.
    /// </summary>
    private bool? LooksFor(ClauseState state, object fact, Env env, List<Finding> changed)
    {
        var clause = state.Clause;
        var looks = clause.Syntax.ExistsOver is { } required && InDomain(fact, env.World.At) && required == fact switch
        {
            Notification => FactKind.Notification,
            Observation => FactKind.Observation,
            Deployment => FactKind.Deployment,
            Activity => FactKind.Activity,
            _ => FactKind.Membership,
        };
        var share = fact is Notification && Dependencies(state).ReadsShare && clause.Syntax.Over == FactKind.Activity;
        if ((!looks && !share) || (!looks && fact is Notification { Activity: null }))
        {
            return null;
        }

        ClausesTouched++;
        var activity = fact is Notification { Activity: { } aid } ? ActivityById(aid) : null;
        var perActivity = activity is not null && clause.Syntax.OnlyWhile is null
            && (clause.Kind == ClauseKind.Prohibition || (clause.Kind == ClauseKind.Obligation && (!looks || clause.JoinsOnActivity)));
        if (!perActivity)
        {
            Refresh(state, env, changed);
            return true;
        }

        // Only the findings about the notified activity can change: an obligation joined on the activity finds the
        // notification only for it, and a declared share is the notifier's part of that one activity.
        env.Bound = state.Bound;
        var fresh = clause.Kind == ClauseKind.Prohibition
            ? evaluator.Prohibition(clause, state.Id, env, [activity!], partyLevel: false)
            : evaluator.Obligation(clause, state.Id, env, [activity!], partyLevel: false);
        var old = state.Findings.Values.Where(f => f.Subject.Kind == "activity" && f.Subject.Id == activity!.Id.Value).ToList();
        var freshParties = fresh.Select(f => f.Party).ToHashSet(StringComparer.Ordinal);
        if (old.Any(f => !freshParties.Contains(f.Party)))
        {
            // A party's only finding may have gone, so its "nothing recorded" finding may be due: evaluate the clause again.
            Refresh(state, env, changed);
            return true;
        }

        foreach (var f in old)
        {
            state.Findings.Remove(f.Key);
        }

        foreach (var f in fresh)
        {
            state.Findings.Remove($"{state.Id}|{f.Party}|party|{f.Party}");
            state.Findings[f.Key] = f;
            changed.Add(f);
        }

        return false;
    }

    private Activity? ActivityById(FactId id)
    {
        if (activitiesById is not { } cached || !ReferenceEquals(cached.Scenario, world.Scenario))
        {
            activitiesById = cached = (world.Scenario, world.Scenario.Activities.GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.First()));
        }

        return cached.Index.GetValueOrDefault(id);
    }

    /// <summary>
    /// A new membership: evaluates again only the clauses whose sets of states may change — the document's parties, a
    /// parameter's value or who the clause binds changed on the date; the clause asks for members of that alliance or ranges
    /// over (or looks for) memberships; or it counts an alliance's facts "including alliances" and the new member is bound.
    /// </summary>
    private List<Finding> AddMembership(Membership m, Env env, World previous)
    {
        // members(ALLIANCE) on the date, and members(ALLIANCE, DATE) on a fixed date: did the new membership change them?
        var alliance = m.Alliance;
        var changedNow = !previous.MembersOf(alliance).SequenceEqual(world.MembersOf(alliance));
        bool ChangedOn(DateOnly day) =>
            !MembersOn(previous.Scenario, alliance, day).SetEquals(MembersOn(world.Scenario, alliance, day));
        var changed = new List<Finding>();
        var changedNames = new HashSet<string>(StringComparer.Ordinal);
        if (!SameValue(parties, env.Parties))
        {
            changedNames.Add("parties");
        }

        foreach (var (name, value) in env.Parameters)
        {
            if (!parameters.TryGetValue(name, out var before) || !SameValue(before, value))
            {
                changedNames.Add(name);
            }
        }

        parties = env.Parties;
        parameters = new Dictionary<string, object>(env.Parameters, StringComparer.Ordinal);
        var refreshed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var state in states.ToList())
        {
            var clause = state.Clause;
            var deps = Dependencies(state);
            var bound = clause.Binds is null ? env.Parties : ExprCompiler.AsSet(clause.Binds(env));
            var dirty = !SameValue(bound, state.Bound)
                || (clause.Binds is null && changedNames.Contains("parties"))
                || deps.Names.Any(changedNames.Contains)
                || deps.AnyAlliance || (deps.Alliances.Contains(m.Alliance.Code) && changedNow)
                || deps.OnDates.Any(x => x.Alliance == m.Alliance.Code && m.Period.Contains(x.Day) && ChangedOn(x.Day))
                || ((clause.Syntax.Over == FactKind.Membership || clause.Syntax.ExistsOver == FactKind.Membership) && InDomain(m, world.At))
                || (clause.IncludingAlliances && changedNow && bound.Contains(m.Member))
                || (clause.Syntax.OnlyWhile is { } on && refreshed.Contains(on));
            if (dirty)
            {
                Refresh(state, env, changed);
                refreshed.Add(clause.Id);
            }
        }

        return changed;
    }

    private static HashSet<PartyId> MembersOn(Scenario scenario, PartyId alliance, DateOnly day) =>
        scenario.Memberships.Where(x => x.Alliance == alliance && x.Period.Contains(day)).Select(x => x.Member).ToHashSet();

    private static bool SameValue(object a, object b) => a switch
    {
        PartySet x when b is PartySet y => x.Sorted.SequenceEqual(y.Sorted),
        _ => Equals(a, b),
    };

    /// <summary>Evaluates one clause again in full (with the clause it is conditioned on) and replaces its findings.</summary>
    /// <summary>What a condition decides for the clauses conditioned on it (see <see cref="Evaluator.Conditioned"/>).</summary>
    private static string ConditionSignature(ClauseState condition) =>
        string.Join('|', condition.Findings.Values.Where(f => f.Status == FindingStatus.Violated).Take(3).Select(f => f.Key));

    private void Refresh(ClauseState state, Env env, List<Finding> changed)
    {
        ClausesTouched++;
        var clause = state.Clause;
        var bound = clause.Binds is null ? env.Parties : ExprCompiler.AsSet(clause.Binds(env));
        var fresh = new ClauseState(clause, state.Id, bound) { Dependencies = state.Dependencies };
        foreach (var f in evaluator.Evaluate(agreement, world, overrides, onlyClause: clause.Id))
        {
            fresh.Findings[f.Key] = f;
        }

        if (clause.Kind is ClauseKind.Limit or ClauseKind.Right && clause.Syntax.OnlyWhile is null)
        {
            env.Bound = bound;
            fresh.Limit = evaluator.LimitStateOf(clause, env);
            foreach (var g in fresh.Limit.Groups.Values)
            {
                fresh.GroupFinding[g.Key] = Evaluator.GroupFinding(clause, state.Id, env, g, fresh.Limit).Key;
            }
        }

        foreach (var f in fresh.Findings.Values)
        {
            if (!state.Findings.TryGetValue(f.Key, out var before) || before.Status != f.Status || before.Explanation != f.Explanation)
            {
                changed.Add(f);
            }
        }

        var i = states.IndexOf(state);
        states[i] = fresh;
        foreach (var list in byKind.Values)
        {
            var j = list.IndexOf(state);
            if (j >= 0)
            {
                list[j] = fresh;
            }
        }
    }
}
