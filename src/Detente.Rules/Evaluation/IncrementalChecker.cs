using System.Globalization;
using System.Runtime.InteropServices;
using Detente.Core;
using Detente.Rules.Ast;
using Detente.Rules.Compilation;
using Detente.Rules.Runtime;

namespace Detente.Rules.Evaluation;

/// <summary>
/// The findings of one agreement at one date, kept up to date as facts arrive. Clauses are indexed by the kinds of fact they
/// read; a new deployment or activity touches only the clauses over its kind, and within them only its own finding (a
/// prohibition or obligation) or its groups (a limit or right). A new notification touches only its own findings in clauses
/// over notifications and, in clauses that look for notifications of an activity or read its declared share, the findings
/// about that activity; a new observation only the clauses that read observations. A new membership touches only the clauses
/// whose sets of states may change with it (see <see cref="AddMembership"/>), and within them, where the clause allows it
/// (<see cref="MembershipImpact"/>), only the facts that name the new member or lie near it and that the clause's fact and
/// party tests do not rule out (<see cref="CompiledClause.FactTests"/>, <see cref="CompiledClause.PartyTests"/>). A clause
/// that applies only while another holds keeps its findings as if the condition held; the condition is applied to them again
/// when what it decides changes, without evaluating the clause again.
/// </summary>
internal sealed class IncrementalChecker
{
    private readonly Evaluator _evaluator;
    private readonly Agreement _agreement;
    private readonly IReadOnlyDictionary<string, Compiled>? _overrides;
    private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);
    private readonly Dictionary<FactKind, FactIndex> _indexes = [];
    private List<ClauseState> _states = [];
    private World _world;
    private PartySet _parties = PartySet.Empty;
    private Dictionary<string, object> _parameters = new(StringComparer.Ordinal);
    // The activities by id (the first of an id), built on first use and kept up to date by Add; read again from the world on a miss.
    private Dictionary<FactId, Activity>? _activitiesById;

    // The keys of findings dropped (or hidden by a condition) during the current Add; some may be put again before it ends.
    private readonly HashSet<string> _dropped = new(StringComparer.Ordinal);

    // Invariant: the checker's date never changes, so neither does the document's standing on it.
    private bool _hypothetical;

    public IncrementalChecker(Evaluator evaluator, Agreement agreement, World world, IReadOnlyDictionary<string, Compiled>? overrides = null)
    {
        _evaluator = evaluator;
        _agreement = agreement;
        _world = world;
        _overrides = overrides;
        Build();
    }

    /// <summary>Every current finding.</summary>
    public IEnumerable<Finding> Findings => _states.SelectMany(s => (s.Shown ?? s.Findings).Values).Select(Mark);

    /// <summary>
    /// The keys of the findings the last <see cref="Add"/> removed: findings that were there before it and are not now (a party's
    /// "nothing recorded" finding that gave way to one about a fact, a limit's group that moved, a party no longer bound, ...).
    /// With the findings <see cref="Add"/> returns, this is everything the call changed.
    /// </summary>
    public IReadOnlyList<string> Removed { get; private set; } = [];

    /// <summary>How many clauses the last <see cref="Add"/> evaluated.</summary>
    public int ClausesTouched { get; private set; }

    /// <summary>
    /// How many facts the last <see cref="Add"/> of a membership evaluated again in clauses it did not evaluate in full (a fact
    /// once per clause).
    /// </summary>
    public int FactsTouched { get; private set; }

    /// <summary>
    /// How many facts the last <see cref="Add"/> of a membership selected in those clauses (a fact once per clause): those
    /// evaluated again, and those that were not, because the clause's fact tests had ruled them out or a party test decided
    /// them (<see cref="CompiledClause.PartyTests"/>).
    /// </summary>
    public int FactsSelected { get; private set; }

    private sealed class ClauseState(CompiledClause clause, ClauseId id, PartySet bound)
    {
        public CompiledClause Clause { get; } = clause;

        public ClauseId Id { get; } = id;

        public PartySet Bound { get; set; } = bound;

        /// <summary>The findings as if the clause's condition held (for a clause without one, its findings).</summary>
        public IReadOnlyDictionary<string, Finding> Findings => _findings;

        private readonly Dictionary<string, Finding> _findings = new(StringComparer.Ordinal);

        /// <summary>The keys of the findings about each fact, by the fact's kind and id.</summary>
        private readonly Dictionary<(string Kind, string Id), List<string>> _bySubject = [];

        /// <summary>
        /// The facts of the kind the clause ranges over, when it ranges over one (not memberships); with it, which of those facts
        /// have a finding is also kept by their place in the domain, so a membership's selected facts are looked up only when
        /// they have one.
        /// </summary>
        public FactIndex? Index { get; set; }

        /// <summary>By place in the domain: whether the fact there has a finding (see <see cref="Index"/>).</summary>
        private ulong[] _withFinding = [];

        /// <summary>True once a finding's subject was not found in <see cref="Index"/>: every fact is then looked up.</summary>
        private bool _unplaced;

        /// <summary>
        /// By place in the domain: the facts one of the clause's fact tests is false for (<see cref="CompiledClause.FactTests"/>).
        /// Such a fact matches the clause under no sets of states, so a membership need not read it again. A fact not tested is
        /// not ruled out.
        /// </summary>
        private ulong[] _ruledOut = [];

        /// <summary>Per bound party, how many of its findings are about a fact (not about the party as a whole).</summary>
        private readonly Dictionary<string, int> _aboutFacts = new(StringComparer.Ordinal);

        /// <summary>For a clause with 'only while': its findings with the condition applied; null otherwise.</summary>
        public Dictionary<string, Finding>? Shown { get; init; }

        /// <summary>Where the keys of dropped findings are noted (the checker's, for <see cref="Removed"/>).</summary>
        public HashSet<string>? Dropped { get; init; }

        /// <summary>The findings put since the condition was last applied.</summary>
        public HashSet<string> Pending { get; } = new(StringComparer.Ordinal);

        /// <summary>True when the condition must be applied to every finding again.</summary>
        public bool SettleAll { get; set; }

        public Evaluator.LimitState? Limit { get; set; }

        public Dictionary<string, string> GroupFinding { get; } = new(StringComparer.Ordinal);

        public ClauseDependencies? Dependencies { get; set; }

        /// <summary>Records a finding, replacing the one with its key.</summary>
        public void Record(Finding f)
        {
            var key = f.Key;
            if (_findings.TryAdd(key, f))
            {
                if (f.Subject.Kind != "party")
                {
                    if (!_bySubject.TryGetValue((f.Subject.Kind, f.Subject.Id), out var keys))
                    {
                        _bySubject[(f.Subject.Kind, f.Subject.Id)] = keys = new List<string>(1);
                        Note(f.Subject, true);
                    }

                    keys.Add(key);
                    _aboutFacts[f.PartyCode] = _aboutFacts.GetValueOrDefault(f.PartyCode) + 1;
                }
            }
            else
            {
                // The same key names the same clause, party and subject: only the status or the text changed.
                _findings[key] = f;
            }
        }

        /// <summary>Records a finding; reports it now, or once the condition is applied to it.</summary>
        public void Put(Finding f, List<Finding> changed)
        {
            Record(f);
            if (Shown is null)
            {
                changed.Add(f);
            }
            else
            {
                Pending.Add(f.Key);
            }
        }

        /// <summary>Drops a finding; <paramref name="ordinal"/> is its fact's place in the domain when the caller knows it.</summary>
        public void Drop(string key, int ordinal = -1)
        {
            Dropped?.Add(key);
            if (_findings.Remove(key, out var f) && f.Subject.Kind != "party")
            {
                // Most facts have one finding in a clause: then one look-up removes it.
                var subject = (f.Subject.Kind, f.Subject.Id);
                _bySubject.Remove(subject, out var keys);
                keys!.Remove(key);
                if (keys.Count == 0)
                {
                    Note(f.Subject, false, ordinal);
                }
                else
                {
                    _bySubject[subject] = keys;
                }

                ref var count = ref CollectionsMarshal.GetValueRefOrNullRef(_aboutFacts, f.PartyCode);
                if (--count == 0)
                {
                    _aboutFacts.Remove(f.PartyCode);
                }
            }

            Shown?.Remove(key);
        }

        /// <summary>
        /// Whether the fact at <paramref name="ordinal"/> in the domain (the clause's own kind) may have a finding: false only when
        /// the clause's record of its findings by place says it has none.
        /// </summary>
        public bool MayHaveFindingAt(int ordinal) =>
            _unplaced || Index is not { UniqueIds: true } || (ordinal >> 6 < _withFinding.Length && (_withFinding[ordinal >> 6] & (1UL << ordinal)) != 0);

        /// <summary>
        /// Adds the keys of the findings about the fact at <paramref name="ordinal"/> in the domain (the clause's own kind) to
        /// <paramref name="keys"/>, with that place; only reads the state, and reads the fact only when it may have one.
        /// </summary>
        public void KeysAbout(int ordinal, object fact, List<(int Ordinal, string Key)> keys)
        {
            if (MayHaveFindingAt(ordinal) && _bySubject.TryGetValue((Subjects.KindOf(fact), Subjects.IdOf(fact)), out var found))
            {
                foreach (var key in found)
                {
                    keys.Add((ordinal, key));
                }
            }
        }

        /// <summary>Records whether the fact a subject names has a finding, by its place in the domain (looked up when not given).</summary>
        private void Note(Subject subject, bool has, int ordinal = -1)
        {
            if (_unplaced)
            {
                return;
            }

            if (ordinal < 0)
            {
                ordinal = Index is not null && subject.Kind == Subjects.KindOf(Clause.Syntax.Over) ? Index.OrdinalOf(subject.Id) : -1;
            }

            if (ordinal < 0)
            {
                // A finding about something the index does not hold (e.g. a limit's group): look every fact up from now on.
                _unplaced = true;
                return;
            }

            SetBit(ref _withFinding, ordinal, has);
        }

        /// <summary>Runs the clause's fact tests on the fact at <paramref name="ordinal"/> in the domain, and rules it out when one is false.</summary>
        public void Test(int ordinal, object fact, Env env)
        {
            if (Clause.FactTests.IsEmpty)
            {
                return;
            }

            env.Slots[0] = fact;
            env.Reset();
            var ruled = false;
            foreach (var test in Clause.FactTests)
            {
                if ((Truth)test(env)! == Truth.False)
                {
                    ruled = true;
                    break;
                }
            }

            env.Slots[0] = null;
            SetBit(ref _ruledOut, ordinal, ruled);
        }

        /// <summary>Whether a fact test ruled out the fact at this place in the domain; reads nothing but the clause's state.</summary>
        public bool RuledOut(int ordinal) => ordinal >> 6 < _ruledOut.Length && (_ruledOut[ordinal >> 6] & (1UL << ordinal)) != 0;

        private static void SetBit(ref ulong[] bits, int ordinal, bool value)
        {
            if (ordinal >> 6 >= bits.Length)
            {
                if (!value)
                {
                    return;
                }

                Array.Resize(ref bits, Math.Max((ordinal >> 6) + 1, bits.Length * 2));
            }

            if (value)
            {
                bits[ordinal >> 6] |= 1UL << ordinal;
            }
            else
            {
                bits[ordinal >> 6] &= ~(1UL << ordinal);
            }
        }

        /// <summary>The findings about a fact.</summary>
        public IEnumerable<Finding> About(string kind, string id) =>
            _bySubject.TryGetValue((kind, id), out var keys) ? keys.Select(k => _findings[k]) : [];

        /// <summary>Whether the party has a finding about some fact.</summary>
        public bool HasFactFinding(string party) => _aboutFacts.ContainsKey(party);

        public string PartyKey(string party) => $"{Id}|{party}|party|{party}";
    }

    /// <summary>The facts a membership selects for a clause and that the clause must read again: each once, in domain order.</summary>
    private sealed class Selection
    {
        private readonly List<(int Ordinal, object Fact)> _items = [];

        /// <summary>
        /// Keeps the candidates (see <see cref="Merge"/>) the clause must read again: not those its fact tests rule out, and of
        /// those a conjunct decides (<paramref name="decided"/>), only the ones it may have found something about before. Only
        /// the places in the domain are read, not the facts.
        /// </summary>
        public Selection(List<(int Ordinal, object Fact)> candidates, ClauseState state, ulong[]? decided)
        {
            Candidates = candidates.Count;
            foreach (var item in CollectionsMarshal.AsSpan(candidates))
            {
                if (!state.RuledOut(item.Ordinal) && (!Patching.IsSet(decided, item.Ordinal) || state.MayHaveFindingAt(item.Ordinal)))
                {
                    _items.Add(item);
                }
            }
        }

        /// <summary>
        /// Merges lists of facts, each in domain order, into one without repeats (a fact may name the member in two fields, or be
        /// both named and near). A single list is used as it is, not copied.
        /// </summary>
        public static List<(int Ordinal, object Fact)> Merge(List<List<(int Ordinal, object Fact)>> sources)
        {
            var merged = sources.Count == 0 ? [] : sources[0];
            for (var s = 1; s < sources.Count; s++)
            {
                merged = MergeTwo(CollectionsMarshal.AsSpan(merged), CollectionsMarshal.AsSpan(sources[s]));
            }

            return merged;
        }

        private static List<(int Ordinal, object Fact)> MergeTwo(ReadOnlySpan<(int Ordinal, object Fact)> a, ReadOnlySpan<(int Ordinal, object Fact)> b)
        {
            var merged = new List<(int Ordinal, object Fact)>(a.Length + b.Length);
            int i = 0, j = 0;
            while (i < a.Length || j < b.Length)
            {
                var next = j >= b.Length || (i < a.Length && a[i].Ordinal <= b[j].Ordinal) ? a[i++] : b[j++];
                if (merged.Count == 0 || merged[^1].Ordinal != next.Ordinal)
                {
                    merged.Add(next);
                }
            }

            return merged;
        }

        /// <summary>How many distinct facts were candidates, kept or not.</summary>
        public int Candidates { get; }

        public int Count => _items.Count;

        public object this[int i] => _items[i].Fact;

        /// <summary>The place in the domain of the <paramref name="i"/>th fact; ascending with i.</summary>
        public int OrdinalAt(int i) => _items[i].Ordinal;

        /// <summary>Whether the fact at this place in the domain is selected (a binary search).</summary>
        public bool Contains(int ordinal)
        {
            int low = 0, high = _items.Count - 1;
            while (low <= high)
            {
                var mid = low + ((high - low) / 2);
                var at = _items[mid].Ordinal;
                if (at == ordinal)
                {
                    return true;
                }

                if (at < ordinal)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid - 1;
                }
            }

            return false;
        }
    }

    private void Build()
    {
        _states = [];
        _positions.Clear();
        _hypothetical = Evaluator.Standing(_agreement, _world.At) == DocumentStanding.Hypothetical;
        var all = _evaluator.Evaluate(_agreement, _world, _overrides, conditions: false);
        var byClause = all.GroupBy(f => f.Clause).ToDictionary(g => g.Key, g => g.ToList());
        var env = _evaluator.Environment(_agreement, _world, _overrides);
        _parties = env.Parties;
        _parameters = new Dictionary<string, object>(env.Parameters, StringComparer.Ordinal);
        foreach (var clause in _agreement.EvaluationOrder)
        {
            var id = new ClauseId(new AgreementId(_agreement.Id), clause.Id);
            var bound = clause.BoundIn(env);
            var state = new ClauseState(clause, id, bound)
            {
                Shown = clause.Syntax.OnlyWhile is null ? null : new(StringComparer.Ordinal), SettleAll = true, Dropped = _dropped,
            };
            if (clause.Kind is ClauseKind.Limit or ClauseKind.Right)
            {
                env.Bound = bound;
                state.Limit = _evaluator.LimitStateOf(clause, env);
                foreach (var g in state.Limit.Groups.Values)
                {
                    state.GroupFinding[g.Key] = Evaluator.GroupFinding(clause, id, env, g, state.Limit).Key;
                }
            }

            _positions[clause.Id] = _states.Count;
            _states.Add(state);
        }

        // The facts clauses range over, by party (and by place for clauses that draw border zones), for new memberships; and,
        // while each fact is in hand, which clauses over its kind its own fields already rule out.
        foreach (var kind in _states.Where(s => s.Clause.Checkable && s.Clause.Syntax.Over != FactKind.Membership).Select(s => s.Clause.Syntax.Over).Distinct())
        {
            var tested = _states.Where(s => s.Clause.Checkable && s.Clause.Syntax.Over == kind && !s.Clause.FactTests.IsEmpty).ToArray();
            var index = _indexes[kind] = new FactIndex(_states.Any(s => s.Clause.Syntax.Over == kind && Dependencies(s).DrawsBorderZone));
            foreach (var fact in Domains.Of(kind, _world))
            {
                var ordinal = index.Add(fact, _world.Scenario);
                foreach (var state in tested)
                {
                    state.Test(ordinal, fact, env);
                }
            }
        }

        foreach (var state in _states)
        {
            state.Index = _indexes.GetValueOrDefault(state.Clause.Syntax.Over);
            foreach (var f in byClause.GetValueOrDefault(state.Id) ?? [])
            {
                state.Record(f);
            }
        }

        Settle([], null);
    }

    private ClauseState StateOf(string clauseId) => _states[_positions[clauseId]];

    /// <summary>Whether a finding with this key is among the current findings (its clause's part of the key names the state).</summary>
    private bool Holds(string key)
    {
        var bar = key.IndexOf('|', StringComparison.Ordinal);
        var prefix = _agreement.Id.Length + 1;
        if (bar <= prefix || !_positions.TryGetValue(key[prefix..bar], out var at))
        {
            return false;
        }

        var state = _states[at];
        return (state.Shown ?? state.Findings).ContainsKey(key);
    }

    /// <summary>What each condition decides for the clauses conditioned on it, before this call changed anything.</summary>
    private Dictionary<string, string?> ConditionNotes()
    {
        var notes = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var state in _states)
        {
            if (state.Clause.Syntax.OnlyWhile is { } on && !notes.ContainsKey(on))
            {
                var condition = StateOf(on);
                notes[on] = Evaluator.ConditionNote(_agreement, on, (condition.Shown ?? condition.Findings).Values);
            }
        }

        return notes;
    }

    /// <summary>
    /// Applies each condition to the findings of the clauses conditioned on it: to every finding when what the condition
    /// decides changed (or the clause was evaluated again), otherwise to the findings put since; reports those that changed.
    /// </summary>
    private void Settle(List<Finding> changed, Dictionary<string, string?>? before)
    {
        var inForce = Evaluator.InForce(_agreement, _world.At) is null;
        foreach (var state in _states)
        {
            if (state.Shown is not { } shown)
            {
                continue;
            }

            var on = state.Clause.Syntax.OnlyWhile!;
            var condition = StateOf(on);
            var note = inForce ? Evaluator.ConditionNote(_agreement, on, (condition.Shown ?? condition.Findings).Values) : null;
            IEnumerable<string> keys = state.Pending;
            if (state.SettleAll || before is null || before[on] != note)
            {
                foreach (var gone in shown.Keys.Where(k => !state.Findings.ContainsKey(k)).ToList())
                {
                    shown.Remove(gone);
                    _dropped.Add(gone);
                }

                keys = state.Findings.Keys;
            }

            foreach (var key in keys)
            {
                if (!state.Findings.TryGetValue(key, out var raw))
                {
                    shown.Remove(key);
                    _dropped.Add(key);
                    continue;
                }

                var f = note is null ? raw : Evaluator.Conditioned(raw, note);
                if (!shown.TryGetValue(key, out var was) || was.Status != f.Status || was.Explanation != f.Explanation)
                {
                    changed.Add(f);
                }

                shown[key] = f;
            }

            state.Pending.Clear();
            state.SettleAll = false;
        }
    }

    /// <summary>
    /// Takes one new fact into account; returns the findings that were added or replaced. <paramref name="updated"/> is the
    /// world with the fact, on the checker's date; a world on another date is refused with nothing changed.
    /// </summary>
    public List<Finding> Add(object fact, World updated)
    {
        if (updated.At != _world.At)
        {
            // Every finding kept, and what the fact tests ruled out ('d.active'), holds for the checker's date only.
            throw new ArgumentException($"the checker evaluates on {_world.At:yyyy-MM-dd}; the updated world is on {updated.At:yyyy-MM-dd}", nameof(updated));
        }

        var previous = _world;
        _world = updated;
        if (fact is Activity added)
        {
            _activitiesById?.TryAdd(added.Id, added);
        }

        var kind = KindOf(fact);
        var inDomain = InDomain(fact, _world.At);
        var ordinal = -1;
        if (inDomain && _indexes.TryGetValue(kind, out var index))
        {
            ordinal = index.Add(fact, _world.Scenario);
            Env? testing = null;
            foreach (var state in _states)
            {
                if (state.Clause.Checkable && state.Clause.Syntax.Over == kind && !state.Clause.FactTests.IsEmpty)
                {
                    state.Test(ordinal, fact, testing ??= new Env(_world, _evaluator.Geography, _parameters));
                }
            }
        }

        var changed = new List<Finding>();
        _dropped.Clear();
        Removed = [];
        ClausesTouched = 0;
        FactsTouched = 0;
        FactsSelected = 0;
        if (Evaluator.InForce(_agreement, _world.At) is not null)
        {
            // Outside the document's term every checkable clause is not applicable, whatever the facts.
            return changed;
        }

        var env = _evaluator.Environment(_agreement, _world, _overrides);
        var notes = ConditionNotes();
        if (fact is Membership membership)
        {
            AddMembership(membership, env, previous, changed);
        }
        else
        {
            AddFact(fact, kind, inDomain, ordinal, env, changed);
        }

        Settle(changed, notes);
        Removed = _dropped.Count == 0 ? [] : _dropped.Where(k => !Holds(k)).Order(StringComparer.Ordinal).ToList();
        return _hypothetical ? changed.ConvertAll(Mark) : changed;
    }

    /// <summary>A finding as the document's standing on the checker's date makes it: hypothetical under a draft or proposal.</summary>
    private Finding Mark(Finding f) => _hypothetical && !f.Hypothetical ? f with { Hypothetical = true } : f;

    private void AddFact(object fact, FactKind kind, bool inDomain, int ordinal, Env env, List<Finding> changed)
    {
        for (var i = 0; i < _states.Count; i++)
        {
            var state = _states[i];
            if (!state.Clause.Checkable)
            {
                continue;
            }

            if (state.Clause.Syntax.Over != kind || !inDomain)
            {
                LooksFor(state, fact, env, changed);
                continue;
            }

            ClausesTouched++;
            env.Bound = state.Bound;
            List<Finding> fresh;
            switch (state.Clause.Kind)
            {
                case ClauseKind.Prohibition:
                    fresh = _evaluator.Prohibition(state.Clause, state.Id, env, [fact], partyLevel: false);
                    break;
                case ClauseKind.Obligation:
                    fresh = _evaluator.Obligation(state.Clause, state.Id, env, [fact], partyLevel: false);
                    break;
                case ClauseKind.Limit or ClauseKind.Right when state.Limit is not null:
                    fresh = [];
                    var keys = new List<string>(1);
                    Evaluator.AddToGroups(state.Clause, env, fact, state.Limit.Groups, ordinal, keys);
                    foreach (var key in keys)
                    {
                        if (state.GroupFinding.Remove(key, out var old))
                        {
                            state.Drop(old);
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

            foreach (var f in fresh)
            {
                // A party with a finding about a fact no longer needs its "nothing recorded" finding.
                state.Drop(state.PartyKey(f.PartyCode));
                state.Put(f, changed);
            }
        }
    }

    // An unknown kind is an error (Subjects.Fact throws), never read as a membership.
    private static FactKind KindOf(object fact) => Subjects.Fact(fact).Kind;

    /// <summary>Whether a clause over the fact's kind ranges over it on the date (see <see cref="Domains.Of"/>).</summary>
    private static bool InDomain(object fact, DateOnly at)
    {
        var f = Subjects.Fact(fact);
        return f.Kind switch
        {
            FactKind.Deployment or FactKind.Membership => f.Period.Contains(at),
            FactKind.Notification or FactKind.Observation => f.Period.From <= at,
            FactKind.Activity => true,
            _ => throw new ArgumentOutOfRangeException(nameof(fact), f.Kind, "rules do not range over this kind of fact"),
        };
    }

    private ClauseDependencies Dependencies(ClauseState state)
    {
        if (state.Dependencies is null)
        {
            var binds = state.Clause.Syntax.Binds ?? _agreement.Syntax.Articles.First(a => a.Number == state.Clause.Article).Binds;
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
        var looks = clause.Syntax.ExistsOver is { } required && InDomain(fact, env.World.At) && required == KindOf(fact);
        var share = fact is Notification && Dependencies(state).ReadsShare && clause.Syntax.Over == FactKind.Activity;
        if ((!looks && !share) || (!looks && fact is Notification { Activity: null }))
        {
            return null;
        }

        ClausesTouched++;
        var activity = fact is Notification { Activity: { } aid } ? ActivityById(aid) : null;
        var perActivity = activity is not null
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
            ? _evaluator.Prohibition(clause, state.Id, env, [activity!], partyLevel: false)
            : _evaluator.Obligation(clause, state.Id, env, [activity!], partyLevel: false);
        var old = state.About("activity", activity!.Id.Value).ToList();
        var freshParties = fresh.Select(f => f.PartyCode).ToHashSet(StringComparer.Ordinal);
        if (old.Any(f => !freshParties.Contains(f.PartyCode)))
        {
            // A party's only finding may have gone, so its "nothing recorded" finding may be due: evaluate the clause again.
            Refresh(state, env, changed);
            return true;
        }

        foreach (var f in old)
        {
            state.Drop(f.Key);
        }

        foreach (var f in fresh)
        {
            state.Drop(state.PartyKey(f.PartyCode));
            state.Put(f, changed);
        }

        return false;
    }

    private Activity? ActivityById(FactId id)
    {
        if (_activitiesById is { } known && known.TryGetValue(id, out var found))
        {
            return found;
        }

        // First use, or an activity the world holds that was not added here: read the world's activities.
        var index = _activitiesById = new Dictionary<FactId, Activity>(_world.Scenario.Activities.Length);
        foreach (var a in _world.Scenario.Activities)
        {
            index.TryAdd(a.Id, a);
        }

        return index.GetValueOrDefault(id);
    }

    /// <summary>
    /// A new membership: evaluates again only the clauses whose sets of states may change — the document's parties, a
    /// parameter's value or who the clause binds changed on the date; the clause asks for members of that alliance or ranges
    /// over (or looks for) memberships; or it counts an alliance's facts "including alliances" and the new member is bound.
    /// Within such a clause, when every set that changed differs by the new member alone and the clause only tests a fact's
    /// own parties against them (<see cref="MembershipImpact"/>), only the facts that name the member (or lie near it, for a
    /// border zone) are evaluated again; otherwise the whole clause is.
    /// </summary>
    private void AddMembership(Membership m, Env env, World previous, List<Finding> changed)
    {
        // members(ALLIANCE) on the date, and members(ALLIANCE, DATE) on a fixed date: did the new membership change them?
        var alliance = m.Alliance;
        var member = m.Member;
        var changedNow = !previous.MembersOf(alliance).SequenceEqual(_world.MembersOf(alliance));
        bool ChangedOn(DateOnly day) =>
            !MembersOn(previous.Scenario, alliance, day).SetEquals(MembersOn(_world.Scenario, alliance, day));

        // Names whose value changed: by the new member alone (a set of states that gained or lost it), or otherwise.
        var byMember = new HashSet<string>(StringComparer.Ordinal);
        var otherwise = new HashSet<string>(StringComparer.Ordinal);
        void Compare(string name, object before, object now)
        {
            if (!SameValue(before, now))
            {
                (OnlyDiffersBy(before, now, member) ? byMember : otherwise).Add(name);
            }
        }

        Compare("parties", _parties, env.Parties);
        foreach (var (name, value) in env.Parameters)
        {
            if (_parameters.TryGetValue(name, out var before))
            {
                Compare(name, before, value);
            }
            else
            {
                otherwise.Add(name);
            }
        }

        _parties = env.Parties;
        _parameters = new Dictionary<string, object>(env.Parameters, StringComparer.Ordinal);
        var candidatesBy = new Dictionary<string, List<(int Ordinal, object Fact)>>(StringComparer.Ordinal);
        var patches = new List<Patching>();

        // What each clause changed, reported in clause order.
        var updates = new List<Finding>[_states.Count];
        for (var i = 0; i < _states.Count; i++)
        {
            updates[i] = [];
            var state = _states[i];
            var clause = state.Clause;
            var deps = Dependencies(state);
            var bound = clause.BoundIn(env);
            var boundChanged = !SameValue(bound, state.Bound);
            var alliances = deps.AnyAlliance || (deps.Alliances.Contains(alliance.Code) && changedNow)
                || deps.OnDates.Any(x => x.Alliance == alliance.Code && m.Period.Contains(x.Day) && ChangedOn(x.Day));
            var overMemberships = (clause.Syntax.Over == FactKind.Membership || clause.Syntax.ExistsOver == FactKind.Membership) && InDomain(m, _world.At);
            var countsAlliance = clause.IncludingAlliances && changedNow && bound.Contains(member);
            var dirty = boundChanged
                || deps.Names.Any(n => byMember.Contains(n) || otherwise.Contains(n))
                || alliances || overMemberships || countsAlliance;
            if (!dirty)
            {
                continue;
            }

            if (!clause.Checkable || overMemberships || clause.Syntax.Baseline is not null || deps.Names.Any(otherwise.Contains)
                || (boundChanged && !OnlyDiffersBy(state.Bound, bound, member)))
            {
                Refresh(state, env, updates[i]);
                continue;
            }

            var impact = MembershipImpact.Of(clause.Syntax, e => e switch
            {
                NameExpr { Name: "bound" } => boundChanged,
                NameExpr n => byMember.Contains(n.Name),
                CallExpr { Arguments: [PartyExpr a] } => a.Code == alliance.Code && changedNow,
                CallExpr { Arguments: [PartyExpr a, DateExpr d] } => a.Code == alliance.Code && m.Period.Contains(d.Value) && ChangedOn(d.Value),
                _ => true,
            }, boundChanged);
            if (impact.Full)
            {
                Refresh(state, env, updates[i]);
                continue;
            }

            // The facts that name the member in the fields that matter; for a clause counting alliances, also the facts its
            // alliances are responsible for (whether an alliance counts may have changed); and those near the member. Clauses
            // that select the same facts (the founding act's three clauses on new members) share the lists of candidates.
            var kind = clause.Syntax.Over;
            var alliancesBy = clause.IncludingAlliances && (boundChanged || countsAlliance || changedNow)
                ? clause.Syntax.By is FieldExpr { Field: var f } ? f : FactIndex.HostField(kind)
                : null;
            var widths = impact.Widths.Select(w => w is NumberExpr n ? n.Value : Convert.ToDouble(env.Parameters[((NameExpr)w).Name], CultureInfo.InvariantCulture)).ToList();
            var selectionKey = $"{kind}|{string.Join(",", impact.Fields.Order(StringComparer.Ordinal))}|{alliancesBy}|{string.Join(",", widths)}";
            var index = _indexes[kind];
            if (!candidatesBy.TryGetValue(selectionKey, out var candidates))
            {
                var lists = new List<List<(int Ordinal, object Fact)>>();
                foreach (var field in impact.Fields)
                {
                    lists.Add(index.Naming(field, member));
                }

                if (alliancesBy is not null)
                {
                    var groups = previous.Memberships.Concat(_world.Memberships).Where(x => x.Member == member).Select(x => x.Alliance).Append(alliance).ToHashSet();
                    foreach (var group in groups)
                    {
                        lists.Add(index.Naming(alliancesBy, group));
                    }
                }

                foreach (var km in widths)
                {
                    if (_evaluator.Geography.Atlas is { } atlas && atlas.HasTerritory(member))
                    {
                        var shape = atlas.TerritoryOf(member).Shape;
                        var dLat = km / 110.0 + 0.1;
                        var widest = Math.Min(89.0, Math.Max(Math.Abs(shape.South), Math.Abs(shape.North)) + dLat);
                        var dLon = km / (111.0 * Math.Cos(widest * Math.PI / 180)) + 0.1;
                        lists.Add(index.Within(shape.South - dLat, shape.North + dLat, shape.West - dLon, shape.East + dLon));
                    }
                }

                candidatesBy[selectionKey] = candidates = Selection.Merge(lists);
            }

            // A conjunct 'd.host in S' that is false for the member now (S does not hold it) is false for every fact hosted by
            // the member: those facts match nothing, whatever else they say, and are not evaluated.
            ulong[]? decided = null;
            env.Bound = bound;
            env.Slots[0] = null;
            foreach (var test in clause.PartyTests)
            {
                if (PartySet.From(test.Set(env)).Contains(member) != test.In)
                {
                    decided ??= new ulong[(index.Count + 63) >> 6];
                    foreach (var (ordinal, _) in index.Naming(test.Field, member))
                    {
                        decided[ordinal >> 6] |= 1UL << ordinal;
                    }
                }
            }

            // Read again only the candidates the clause's fact tests leave in, and of those a conjunct decides only the ones the
            // clause found something about before (to drop it). The others had no finding and still have none.
            var selection = new Selection(candidates, state, decided);
            patches.Add(new Patching(state, bound, selection, decided, updates[i]));
        }

        Patch(patches, env);
        foreach (var update in updates)
        {
            changed.AddRange(update);
        }
    }

    /// <summary>
    /// A clause to evaluate again on the facts a membership selected, with its new bound parties; <see cref="Decided"/> marks, by
    /// place in the domain, the facts a conjunct of the clause's condition is now false for, whatever else they say (null when
    /// none). What changed goes to <see cref="Changed"/>.
    /// </summary>
    private sealed record Patching(ClauseState State, PartySet Bound, Selection Selection, ulong[]? Decided, List<Finding> Changed)
    {
        public bool IsDecided(int ordinal) => IsSet(Decided, ordinal);

        public static bool IsSet(ulong[]? bits, int ordinal) => bits is not null && (bits[ordinal >> 6] & (1UL << ordinal)) != 0;
    }

    /// <summary>
    /// How many selected facts one task evaluates again after a membership; when the clauses select no more than this in all,
    /// they are patched on the calling thread. Tests set it low to run the parallel path on small worlds.
    /// </summary>
    internal int ChunkSize { get; init; } = 1024;

    /// <summary>
    /// Evaluates clauses again on some of their facts only: drops what each found about them, evaluates them with the clause's
    /// new bound parties (merging them into the groups of a limit, whose other facts are kept as they were), and updates which
    /// bound parties have nothing recorded. The facts are evaluated in chunks, in parallel, and a clause is updated as soon as
    /// its chunks are done. Each task has its own environment, clauses are updated apart from each other, and each takes its
    /// chunks' results in domain order, so the findings do not depend on the scheduling.
    /// </summary>
    private void Patch(List<Patching> patches, Env env)
    {
        // One job evaluates one chunk of one clause's selection. Clauses with the most findings go first: dropping what such a
        // clause found is the longest update, and it starts as soon as its chunks are done, while other facts are still being
        // evaluated. Every clause gets one chunk at least, as a clause that selected no fact may still have to update who has
        // nothing recorded.
        var jobs = new List<(int Patch, int Chunk, int From, int To)>();
        var first = new int[patches.Count];
        var count = new int[patches.Count];
        var remaining = new int[patches.Count];
        var slots = 0;
        var selected = 0;
        foreach (var p in Enumerable.Range(0, patches.Count).OrderByDescending(p => patches[p].State.Findings.Count))
        {
            var n = patches[p].Selection.Count;
            selected += n;
            var chunks = Math.Max(1, (n + ChunkSize - 1) / ChunkSize);
            ClausesTouched++;
            FactsSelected += patches[p].Selection.Candidates;
            first[p] = slots;
            count[p] = remaining[p] = chunks;
            slots += chunks;
            for (var c = 0; c < chunks; c++)
            {
                jobs.Add((p, c, c * ChunkSize, Math.Min((c + 1) * ChunkSize, n)));
            }
        }

        var results = new Chunk[slots];
        var evaluated = 0;
        void Job(int j, Env e)
        {
            var (p, chunk, from, to) = jobs[j];
            var (state, bound, selection, _, _) = patches[p];
            var clause = state.Clause;
            e.Bound = bound;
            switch (clause.Kind)
            {
                case ClauseKind.Prohibition or ClauseKind.Obligation:
                    // What the clause found about these facts before, read while they are in the cache; only this clause's own
                    // update, once all its chunks are done, changes its state. A fact a conjunct decides is not evaluated.
                    var old = new List<(int Ordinal, string Key)>();
                    var facts = new List<object>(to - from);
                    for (var i = from; i < to; i++)
                    {
                        var ordinal = selection.OrdinalAt(i);
                        var fact = selection[i];
                        state.KeysAbout(ordinal, fact, old);
                        if (!patches[p].IsDecided(ordinal))
                        {
                            facts.Add(fact);
                        }
                    }

                    Interlocked.Add(ref evaluated, facts.Count);
                    var fresh = clause.Kind == ClauseKind.Prohibition
                        ? _evaluator.Prohibition(clause, state.Id, e, facts, partyLevel: false)
                        : _evaluator.Obligation(clause, state.Id, e, facts, partyLevel: false);
                    results[first[p] + chunk] = new Chunk(old, fresh, null);
                    break;
                default:
                    var added = new Dictionary<string, Evaluator.Group>(StringComparer.Ordinal);
                    var read = 0;
                    for (var i = from; i < to; i++)
                    {
                        var ordinal = selection.OrdinalAt(i);
                        if (!patches[p].IsDecided(ordinal))
                        {
                            read++;
                            Evaluator.AddToGroups(clause, e, selection[i], added, ordinal);
                        }
                    }

                    Interlocked.Add(ref evaluated, read);
                    e.Slots[0] = null;
                    results[first[p] + chunk] = new Chunk([], [], added);
                    break;
            }

            // The last of a clause's chunks to finish updates the clause.
            if (Interlocked.Decrement(ref remaining[p]) == 0)
            {
                Apply(patches[p], new ArraySegment<Chunk>(results, first[p], count[p]), e);
            }
        }

        Env Fresh() => new(_world, _evaluator.Geography, env.Parameters) { Parties = env.Parties };
        if (selected <= ChunkSize)
        {
            var one = Fresh();
            for (var j = 0; j < jobs.Count; j++)
            {
                Job(j, one);
            }
        }
        else
        {
            Parallel.For(0, jobs.Count, Fresh, (j, _, e) =>
            {
                Job(j, e);
                return e;
            }, _ => { });
        }

        FactsTouched += evaluated;
    }

    /// <summary>
    /// What one chunk of selected facts gave for one clause: the keys of what the clause found about them before (with each
    /// fact's place in the domain), and what it finds now (findings, or for a limit the groups they fall in).
    /// </summary>
    private sealed record Chunk(List<(int Ordinal, string Key)> Old, List<Finding> Fresh, Dictionary<string, Evaluator.Group>? Added);

    /// <summary>Puts what a clause's chunks found about the selected facts in place of what it found about them before.</summary>
    private static void Apply(Patching patch, ArraySegment<Chunk> chunks, Env env)
    {
        var (state, bound, selection, _, changed) = patch;
        var clause = state.Clause;
        var lost = state.Bound.Set.Any(p => !bound.Contains(p));
        state.Bound = bound;
        env.Bound = bound;
        if (clause.Kind is ClauseKind.Prohibition or ClauseKind.Obligation)
        {
            foreach (var chunk in chunks)
            {
                foreach (var (ordinal, key) in chunk.Old)
                {
                    state.Drop(key, ordinal);
                }
            }

            foreach (var chunk in chunks)
            {
                foreach (var f in chunk.Fresh)
                {
                    state.Put(f, changed);
                }
            }
        }
        else if (state.Limit is { } limit)
        {
            // The chunks' groups joined in domain order; then the groups that held a selected fact, and those a selected fact
            // now falls in, are merged again in domain order.
            var added = new Dictionary<string, Evaluator.Group>(StringComparer.Ordinal);
            foreach (var chunk in chunks)
            {
                foreach (var (key, g) in chunk.Added!)
                {
                    added[key] = added.TryGetValue(key, out var before) ? Evaluator.Group.Merge(before, static _ => false, g)! : g;
                }
            }

            var groups = limit.Groups;
            var affected = groups.Values.Where(g => g.Parts.Exists(part => selection.Contains(part.Ordinal))).Select(g => g.Key).Concat(added.Keys)
                .ToHashSet(StringComparer.Ordinal);
            foreach (var key in affected)
            {
                var merged = Evaluator.Group.Merge(groups.GetValueOrDefault(key), selection.Contains, added.GetValueOrDefault(key));
                if (state.GroupFinding.Remove(key, out var old))
                {
                    state.Drop(old);
                }

                if (merged is null)
                {
                    groups.Remove(key);
                    continue;
                }

                groups[key] = merged;
                var finding = Evaluator.GroupFinding(clause, state.Id, env, merged, limit);
                state.GroupFinding[key] = finding.Key;
                state.Put(finding, changed);
            }
        }

        // Who has nothing recorded: bound parties without a finding about a fact; parties no longer bound have none.
        foreach (var p in bound.Sorted)
        {
            var key = state.PartyKey(p.Code);
            if (state.HasFactFinding(p.Code))
            {
                state.Drop(key);
            }
            else if (!state.Findings.ContainsKey(key))
            {
                state.Put(Evaluator.NothingRecorded(clause, state.Id, env, p), changed);
            }
        }

        if (lost)
        {
            foreach (var f in state.Findings.Values.Where(f => f.Subject.Kind == "party" && f.Party is { } party && !bound.Contains(party)).ToList())
            {
                state.Drop(f.Key);
            }
        }
    }

    private static HashSet<PartyId> MembersOn(Scenario scenario, PartyId alliance, DateOnly day) =>
        scenario.Memberships.Where(x => x.Alliance == alliance && x.Period.Contains(day)).Select(x => x.Member).ToHashSet();

    private static bool SameValue(object a, object b) => a switch
    {
        PartySet x when b is PartySet y => x.Sorted.SequenceEqual(y.Sorted),
        _ => Equals(a, b),
    };

    /// <summary>Whether two sets of states differ by <paramref name="member"/> alone.</summary>
    private static bool OnlyDiffersBy(object a, object b, PartyId member) =>
        a is PartySet x && b is PartySet y && x.Set.Where(p => !y.Contains(p)).Concat(y.Set.Where(p => !x.Contains(p))).All(p => p == member);

    /// <summary>Evaluates one clause again in full and replaces its findings (as if its condition held, for a conditioned clause).</summary>
    private void Refresh(ClauseState state, Env env, List<Finding> changed)
    {
        ClausesTouched++;
        var clause = state.Clause;
        var bound = clause.BoundIn(env);
        var fresh = new ClauseState(clause, state.Id, bound)
        {
            Index = state.Index,
            Dependencies = state.Dependencies,
            Shown = state.Shown is null ? null : new(state.Shown, StringComparer.Ordinal),
            SettleAll = true,
            Dropped = _dropped,
        };
        foreach (var f in _evaluator.Evaluate(_agreement, _world, _overrides, onlyClause: clause.Id, conditions: false))
        {
            fresh.Record(f);
        }

        if (clause.Kind is ClauseKind.Limit or ClauseKind.Right)
        {
            env.Bound = bound;
            fresh.Limit = _evaluator.LimitStateOf(clause, env);
            foreach (var g in fresh.Limit.Groups.Values)
            {
                fresh.GroupFinding[g.Key] = Evaluator.GroupFinding(clause, state.Id, env, g, fresh.Limit).Key;
            }
        }

        if (fresh.Shown is null)
        {
            foreach (var f in fresh.Findings.Values)
            {
                if (!state.Findings.TryGetValue(f.Key, out var before) || before.Status != f.Status || before.Explanation != f.Explanation)
                {
                    changed.Add(f);
                }
            }
        }

        foreach (var key in (state.Shown ?? state.Findings).Keys)
        {
            if (!fresh.Findings.ContainsKey(key))
            {
                _dropped.Add(key);
            }
        }

        _states[_positions[clause.Id]] = fresh;
    }
}

