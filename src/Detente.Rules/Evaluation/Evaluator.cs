using System.Collections.Immutable;
using System.Globalization;
using Detente.Core;
using Detente.Rules.Ast;
using Detente.Rules.Compilation;
using Detente.Rules.Runtime;

namespace Detente.Rules.Evaluation;

/// <summary>
/// Evaluates compiled agreements over the world at a date and produces findings with explanations and evidence.
/// Drafts and proposals are evaluated as if they applied on the date, their findings marked hypothetical; treaties and political
/// commitments only while in force; no document before its own date.
/// </summary>
internal sealed class Evaluator(RuleGeography geography)
{
    public RuleGeography Geography { get; } = geography;

    /// <summary>
    /// Every finding of every clause of <paramref name="agreement"/> at the world's date. Clauses are evaluated in parallel,
    /// each in its own environment; a clause with a condition ('only while') is settled after the clause it names. With
    /// <paramref name="conditions"/> false, 'only while' is left unapplied: the findings are those the clauses would have if
    /// every condition held.
    /// </summary>
    public List<Finding> Evaluate(Agreement agreement, World world, IReadOnlyDictionary<string, Compiled>? overrides = null,
        string? onlyClause = null, List<string>? trace = null, bool conditions = true)
    {
        var inForce = InForce(agreement, world.At);
        var standing = Standing(agreement, world.At);
        var hypothetical = standing == DocumentStanding.Hypothetical;
        var conditionOf = onlyClause is null || !conditions ? null : agreement.Clauses.FirstOrDefault(x => x.Id == onlyClause)?.Syntax.OnlyWhile;
        var clauses = agreement.Clauses
            .Where(c => onlyClause is null || c.Id == onlyClause || c.Id == conditionOf)
            .ToList();
        var results = new List<Finding>[clauses.Count];
        var parameters = Environment(agreement, world, overrides);
        void Run(int i)
        {
            var clause = clauses[i];
            var env = new Env(world, Geography, parameters.Parameters) { Parties = parameters.Parties, Trace = trace };
            var id = new ClauseId(new AgreementId(agreement.Id), clause.Id);
            env.Bound = clause.BoundIn(env);
            // Before its date a document does not exist: not even its uncheckable clauses say anything.
            results[i] = inForce is not null && (clause.Checkable || standing == DocumentStanding.NotYetIssued)
                ? env.Bound.Sorted.Select(p => new Finding(id, p, Subject.Party(p.Code), FindingStatus.NotApplicable, inForce, [])).ToList()
                : EvaluateClause(agreement, clause, id, env);
            if (hypothetical)
            {
                results[i] = results[i].ConvertAll(f => f with { Hypothetical = true });
            }
        }

        if (trace is null && clauses.Count > 1)
        {
            Parallel.For(0, clauses.Count, Run);
        }
        else
        {
            for (var i = 0; i < clauses.Count; i++)
            {
                Run(i);
            }
        }

        // Conditions are settled first (a clause may name one that stands later in the document); findings keep document order.
        var raw = new Dictionary<string, List<Finding>>(StringComparer.Ordinal);
        for (var i = 0; i < clauses.Count; i++)
        {
            raw[clauses[i].Id] = results[i];
        }

        var byClause = new Dictionary<string, List<Finding>>(StringComparer.Ordinal);
        foreach (var clause in agreement.EvaluationOrder.Where(c => raw.ContainsKey(c.Id)))
        {
            var list = raw[clause.Id];
            if (conditions && inForce is null && clause.Syntax.OnlyWhile is { } condition && byClause.TryGetValue(condition, out var conditionFindings))
            {
                var note = ConditionNote(agreement, condition, conditionFindings);
                list = note is null ? list : list.ConvertAll(f => Conditioned(f, note));
            }

            byClause[clause.Id] = list;
        }

        var findings = new List<Finding>();
        foreach (var clause in clauses.Where(c => onlyClause is null || c.Id == onlyClause))
        {
            findings.AddRange(byClause[clause.Id]);
        }

        return findings;
    }

    /// <summary>
    /// Why a clause that applies only while <paramref name="condition"/> holds does not apply: the condition's first three
    /// violations in key order; null while it has none.
    /// </summary>
    internal static string? ConditionNote(Agreement agreement, string condition, IEnumerable<Finding> conditionFindings)
    {
        var broken = conditionFindings.Where(f => f.Status == FindingStatus.Violated).OrderBy(f => f.Key, StringComparer.Ordinal).Take(3).ToList();
        return broken.Count == 0
            ? null
            : $"Applies only while {agreement.Id}/{condition} holds, and it does not: " +
              string.Join("; ", broken.Select(f => $"{f.Party} {f.Subject.Kind} {f.Subject.Id}")) + ".";
    }

    /// <summary>A finding of a clause whose condition does not hold: not applicable, with the reason first.</summary>
    internal static Finding Conditioned(Finding finding, string note) =>
        finding with { Status = FindingStatus.NotApplicable, Explanation = note + " " + finding.Explanation };

    /// <summary>Every condition of a clause evaluated on one fact, in order, for a step-by-step explanation.</summary>
    public List<string> Trace(Agreement agreement, CompiledClause clause, World world, object fact, IReadOnlyDictionary<string, Compiled>? overrides = null)
    {
        var env = Environment(agreement, world, overrides);
        env.Bound = clause.BoundIn(env);
        var steps = new List<string>();
        env.Trace = steps;
        env.Slots[0] = fact;
        var parties = Responsible(clause, env, fact);
        steps.Add(parties.Count > 0
            ? $"responsible bound parties: {string.Join(", ", parties)}"
            : $"no bound party is responsible for {Subjects.IdOf(fact)} (bound: {env.Bound})");
        var t = Where(clause, env);
        steps.Add($"the clause's condition on {Subjects.IdOf(fact)} → {ExprCompiler.Word(t)}");
        steps.AddRange(env.Notes);
        return steps;
    }

    internal Env Environment(Agreement agreement, World world, IReadOnlyDictionary<string, Compiled>? overrides) =>
        agreement.Environment(world, Geography, overrides);

    /// <summary>
    /// Where a document stands on <paramref name="at"/>: not yet issued before its own date; hypothetical when it never entered
    /// into force (a draft, a proposal, or <c>in-force none</c>); in force or out of its term otherwise.
    /// </summary>
    internal static DocumentStanding Standing(Agreement agreement, DateOnly at)
    {
        var doc = agreement.Syntax;
        if (at < doc.Date)
        {
            return DocumentStanding.NotYetIssued;
        }

        if (doc.Kind is "draft" or "proposal" || doc.InForce is null)
        {
            return DocumentStanding.Hypothetical;
        }

        return at < doc.InForce || (doc.Until is { } until && at > until) ? DocumentStanding.OutOfTerm : DocumentStanding.InForce;
    }

    /// <summary>Why the document's checkable clauses do not apply on <paramref name="at"/>; null when they are evaluated.</summary>
    internal static string? InForce(Agreement agreement, DateOnly at)
    {
        var doc = agreement.Syntax;
        if (at < doc.Date)
        {
            return $"{agreement.Id} is dated {doc.Date:yyyy-MM-dd}: not yet issued on {at:yyyy-MM-dd}, so nothing is evaluated.";
        }

        if (doc.Kind is "draft" or "proposal" || doc.InForce is null)
        {
            return null;
        }

        if (doc.InForce is { } from && at < from)
        {
            return $"{agreement.Id} applies from {from:yyyy-MM-dd}; not yet in force on {at:yyyy-MM-dd}.";
        }

        if (doc.Until is { } until && at > until)
        {
            return $"{agreement.Id} ceased to apply on {until:yyyy-MM-dd}" + (doc.InForceNote is { } n ? $" ({n})" : "") + ".";
        }

        return null;
    }

    private List<Finding> EvaluateClause(Agreement agreement, CompiledClause clause, ClauseId id, Env env) => clause.Kind switch
    {
        ClauseKind.Uncheckable => [new Finding(id, null, new Subject("clause", id.ToString(), null, null), FindingStatus.NotCheckable,
            $"Not checkable: {clause.Syntax.Reason}. Bound: {env.Bound}.", [])],
        ClauseKind.Prohibition => Prohibition(clause, id, env),
        ClauseKind.Limit or ClauseKind.Right => Limit(clause, id, env),
        ClauseKind.Obligation => Obligation(clause, id, env),
        _ => [],
    };

    internal static IEnumerable<object> Domain(FactKind kind, World world) => Domains.Of(kind, world);

    /// <summary>The bound parties responsible for a fact; an alliance counts when the clause binds its members "including alliances".</summary>
    internal static List<PartyId> Responsible(CompiledClause clause, Env env, object fact)
    {
        var result = env.Responsible;
        result.Clear();
        var by = clause.By is null ? Zone.HostsOf(fact).FirstOrDefault() : clause.By(env);
        if (by is PartyId single)
        {
            Add(single);
        }
        else if (by is PartySet set)
        {
            foreach (var p in set.Sorted)
            {
                Add(p);
            }
        }

        return result;

        void Add(PartyId p)
        {
            if (env.Bound.Contains(p))
            {
                result.Add(p);
            }
            else if (clause.IncludingAlliances)
            {
                if (!env.AllianceOfBound.TryGetValue(p, out var counts))
                {
                    counts = env.AllianceOfBound[p] = env.World.MembersOf(p).Any(env.Bound.Contains);
                }

                if (counts)
                {
                    result.Add(p);
                }
            }
        }
    }

    internal static Truth Where(CompiledClause clause, Env env) => clause.Where is null ? Truth.True : (Truth)clause.Where(env)!;

    internal List<Finding> Prohibition(CompiledClause clause, ClauseId id, Env env, IEnumerable<object>? domain = null, bool partyLevel = true)
    {
        var findings = new List<Finding>();
        var touched = new HashSet<PartyId>();
        var checkedCount = 0;
        foreach (var fact in domain ?? Domain(clause.Syntax.Over, env.World))
        {
            env.Slots[0] = fact;
            var parties = Responsible(clause, env, fact);
            if (parties.Count == 0)
            {
                continue;
            }

            checkedCount++;
            env.Reset();
            var t = Where(clause, env);
            if (t == Truth.False)
            {
                continue;
            }

            foreach (var p in parties)
            {
                touched.Add(p);
                findings.Add(FactFinding(id, clause, p, fact, t, env));
            }
        }

        env.Slots[0] = null;
        foreach (var p in env.Bound.Sorted.Where(p => partyLevel && !touched.Contains(p)))
        {
            findings.Add(NothingRecorded(clause, id, env, p));
        }

        return findings;
    }

    private static Finding FactFinding(ClauseId id, CompiledClause clause, PartyId party, object fact, Truth t, Env env)
    {
        var evidence = EvidenceFor([fact], env);
        var confidence = Subjects.EvidenceOf(fact).Confidence;
        var status = t switch
        {
            Truth.True when confidence == Confidence.Disputed => FindingStatus.Disputed,
            Truth.True => FindingStatus.Violated,
            Truth.Disputed => FindingStatus.Disputed,
            _ => FindingStatus.Undetermined,
        };
        var lead = t switch
        {
            Truth.True => "matches what the clause forbids",
            Truth.Disputed => "may match what the clause forbids; the sources disagree",
            _ => "may match what the clause forbids; data is missing",
        };
        var text = $"{Subjects.Describe(fact, env.Scenario)} {lead}: {clause.Statement}.";
        if (t == Truth.True && confidence == Confidence.Disputed)
        {
            text += " The fact itself is disputed by its sources.";
        }
        else if (t == Truth.True && confidence == Confidence.Uncertain)
        {
            text += " The fact is rated uncertain in its sources.";
        }

        return new Finding(id, party, Subjects.Of(fact), status, Join(text, env.Notes), evidence);
    }

    internal static string Join(string text, IEnumerable<string> notes)
    {
        var list = notes.ToList();
        return list.Count == 0 ? text : text + " " + string.Join(" ", list.Select(n => Capital(n) + (n.EndsWith('.') ? "" : ".")));
    }

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    internal static ImmutableArray<EvidenceItem> EvidenceFor(IEnumerable<object> facts, Env env)
    {
        var items = ImmutableArray.CreateBuilder<EvidenceItem>();
        foreach (var f in facts)
        {
            items.Add(Item(Subjects.Fact(f), env.Scenario));
        }

        foreach (var c in env.Consulted.Order(StringComparer.Ordinal))
        {
            if (items.Any(i => i.Fact == c))
            {
                continue;
            }

            var control = env.Scenario.Control.FirstOrDefault(x => x.Id.Value == c);
            if (control is not null)
            {
                items.Add(Item(control, env.Scenario));
            }
            else if (env.World.Consents.FirstOrDefault(x => x.Id.Value == c) is { } consent)
            {
                items.Add(Item(consent, env.Scenario));
            }
        }

        return items.ToImmutable();
    }

    /// <summary>
    /// One item of evidence: the fact's id, kind and log index, its sources and confidence, its provenance, and its Admiralty
    /// grades where the data gives them.
    /// </summary>
    internal static EvidenceItem Item(IFact fact, Scenario scenario)
    {
        var e = fact.Evidence;
        var grades = ImmutableArray.CreateBuilder<(string, char)>();
        foreach (var s in e.Sources)
        {
            if (scenario.Sources.TryGetValue(s.Source, out var source) && source.Reliability is { } r && !grades.Any(g => g.Item1 == s.Source.Value))
            {
                grades.Add((s.Source.Value, r));
            }
        }

        return new EvidenceItem(fact.Id.Value, ConfidenceWords.Of(e.Confidence), e.Sources.Select(s => s.ToString()).ToImmutableArray())
        {
            FactId = fact.Id,
            FactKind = fact.Kind,
            RecordIndex = e.RecordIndex,
            Provenance = Subjects.ProvenanceOf(fact),
            Credibility = e.Credibility,
            Reliability = grades.ToImmutable(),
        };
    }

    private static string Plural(FactKind k) => k switch
    {
        FactKind.Activity => "activities",
        _ => k.ToString().ToLowerInvariant() + "s",
    };

    // A notification's period is the day it was given (IFact).
    private static DateOnly StartOf(object fact) => Subjects.Fact(fact).Period.From;

    internal sealed class Group(string key, PartyId party)
    {
        public string Key { get; } = key;

        public PartyId Party { get; } = party;

        public List<object> Facts { get; } = [];

        /// <summary>Per fact, what it added: its place in the domain, its figures and the notes its evaluation made.</summary>
        public List<Part> Parts { get; } = [];

        /// <summary>Per fact, whether it surely counts (its condition is yes, not disputed or unknown).</summary>
        public List<bool> Sure { get; } = [];

        public double Low { get; set; }

        public double High { get; set; }

        public bool Disputed { get; set; }

        public List<string> Notes { get; } = [];

        public string Unit { get; set; } = "";

        public void Add(object fact, bool sure, Part part)
        {
            Facts.Add(fact);
            Sure.Add(sure);
            Parts.Add(part);
            Low += part.Low;
            High += part.High;
            Disputed |= part.Disputed;
            foreach (var note in part.Notes ?? [])
            {
                if (!Notes.Contains(note))
                {
                    Notes.Add(note);
                }
            }
        }

        /// <summary>
        /// The group with the facts whose place in the domain is <paramref name="gone"/> left out and those of
        /// <paramref name="added"/> (a group with the same key) put in, all in domain order; null when no fact is left. The facts
        /// kept are not evaluated again.
        /// </summary>
        public static Group? Merge(Group? kept, Func<int, bool> gone, Group? added)
        {
            var first = kept ?? added!;
            var merged = new Group(first.Key, first.Party) { Unit = first.Unit };
            int i = 0, j = 0, ni = kept?.Facts.Count ?? 0, nj = added?.Facts.Count ?? 0;
            while (i < ni || j < nj)
            {
                if (i < ni && gone(kept!.Parts[i].Ordinal))
                {
                    i++;
                }
                else if (j >= nj || (i < ni && kept!.Parts[i].Ordinal <= added!.Parts[j].Ordinal))
                {
                    merged.Add(kept!.Facts[i], kept.Sure[i], kept.Parts[i]);
                    i++;
                }
                else
                {
                    merged.Add(added!.Facts[j], added.Sure[j], added.Parts[j]);
                    j++;
                }
            }

            return merged.Facts.Count == 0 ? null : merged;
        }
    }

    /// <summary>What one fact added to a group.</summary>
    internal readonly record struct Part(int Ordinal, double Low, double High, bool Disputed, string[]? Notes);

    private Dictionary<string, Group> Groups(CompiledClause clause, Env env, World world)
    {
        var groups = new Dictionary<string, Group>(StringComparer.Ordinal);
        var ordinal = 0;
        foreach (var fact in Domain(clause.Syntax.Over, world))
        {
            AddToGroups(clause, env, fact, groups, ordinal++);
        }

        env.Slots[0] = null;
        return groups;
    }

    /// <summary>
    /// Adds one fact to the groups it belongs to, and their keys to <paramref name="keys"/> when given (none when the fact does
    /// not count). <paramref name="ordinal"/> is the fact's place in the domain, which keeps a group's facts in domain order when
    /// they are added out of it.
    /// </summary>
    internal static void AddToGroups(CompiledClause clause, Env env, object fact, Dictionary<string, Group> groups, int ordinal,
        List<string>? keys = null)
    {
        if (clause.Syntax.PerYears is { } n && (StartOf(fact).Year > env.World.At.Year || StartOf(fact).Year <= env.World.At.Year - n))
        {
            return;
        }

        if (clause.Syntax.Simultaneous && StartOf(fact) > env.World.At)
        {
            return;
        }

        env.Slots[0] = fact;
        var parties = Responsible(clause, env, fact);
        if (parties.Count == 0)
        {
            return;
        }

        env.Reset();
        var t = Where(clause, env);
        if (t == Truth.False)
        {
            return;
        }

        var keyParts = clause.GroupBy.Select(g => Text(g(env))).ToList();
        var unit = "";
        double low = 1, high = 1;
        var disputed = t == Truth.Disputed;
        if (clause.SumOf is not null)
        {
            var v = clause.SumOf(env);
            if (v is Quantity q)
            {
                low = q.Low;
                high = q.High;
                disputed |= q.IsDisputed;
            }
            else if (v is double x)
            {
                low = high = x;
            }

            if (fact is Deployment d)
            {
                unit = Checking.Schema.WordOf(d.Unit);
                keyParts.Add(unit);
            }
        }

        // A fact its own record calls disputed (a force known only from another party's estimate) is never sure to count in
        // full: it can make a sum disputed, not establish that a limit is exceeded.
        if (fact is Deployment { Evidence.Confidence: Confidence.Disputed })
        {
            disputed = true;
            low = 0;
        }

        if (t != Truth.True)
        {
            low = 0;
        }

        var notes = env.Notes.Count == 0 ? null : env.Notes.ToArray();
        foreach (var p in parties)
        {
            var key = p.Code + "|" + string.Join("|", keyParts);
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = group = new Group(key, p) { Unit = unit };
            }

            group.Add(fact, t == Truth.True, new Part(ordinal, low, high, disputed, notes));
            keys?.Add(key);
        }
    }

    private static string Text(object? v) => v switch
    {
        null => "-",
        PartySet s => s.ToString(),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double x => x.ToString(CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    /// <summary>What a limit clause keeps between evaluations: its groups now and on the baseline date, and its bound.</summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<Scenario, System.Collections.Concurrent.ConcurrentDictionary<DateOnly, Lazy<World>>> _baselines = new();

    /// <summary>The world on a baseline date, built once per scenario and date.</summary>
    private World BaselineWorld(Scenario scenario, DateOnly day) =>
        _baselines.GetValue(scenario, _ => new()).GetOrAdd(day, d => new Lazy<World>(() => scenario.At(d))).Value;

    internal sealed class LimitState
    {
        public Dictionary<string, Group> Groups { get; init; } = [];

        public Dictionary<string, Group>? Baseline { get; init; }

        public HashSet<string>? BaselinePresence { get; init; }

        public double? Bound { get; init; }
    }

    internal LimitState LimitStateOf(CompiledClause clause, Env env)
    {
        var groups = Groups(clause, env, env.World);
        Dictionary<string, Group>? baseline = null;
        HashSet<string>? presence = null;
        if (clause.Syntax.Baseline is { } day)
        {
            var then = BaselineWorld(env.Scenario, day);
            var baseEnv = new Env(then, env.Geography, env.Parameters) { Bound = env.Bound, Parties = env.Parties };
            baseline = Groups(clause, baseEnv, then);
            presence = baseline.Values.Select(g => g.Key[..g.Key.LastIndexOf('|')]).ToHashSet(StringComparer.Ordinal);
        }

        return new LimitState
        {
            Groups = groups,
            Baseline = baseline,
            BaselinePresence = presence,
            Bound = clause.Bound is null ? null : Convert.ToDouble(clause.Bound(env), CultureInfo.InvariantCulture),
        };
    }

    private List<Finding> Limit(CompiledClause clause, ClauseId id, Env env)
    {
        var state = LimitStateOf(clause, env);
        var findings = new List<Finding>();
        var touched = new HashSet<PartyId>();
        foreach (var g in state.Groups.Values.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            touched.Add(g.Party);
            findings.Add(GroupFinding(clause, id, env, g, state));
        }

        foreach (var p in env.Bound.Sorted.Where(p => !touched.Contains(p)))
        {
            findings.Add(LimitComplied(clause, id, env, p));
        }

        return findings;
    }

    /// <summary>The finding of a bound party about which the clause found no fact: it complies.</summary>
    internal static Finding NothingRecorded(CompiledClause clause, ClauseId id, Env env, PartyId p) => clause.Kind switch
    {
        ClauseKind.Prohibition => new Finding(id, p, Subject.Party(p.Code), FindingStatus.Complied,
            $"No recorded {Plural(clause.Syntax.Over)} of {p} on {env.World.At:yyyy-MM-dd} matches what the clause forbids ({clause.Statement}).", []),
        ClauseKind.Obligation => new Finding(id, p, Subject.Party(p.Code), FindingStatus.Complied,
            $"No recorded {Plural(clause.Syntax.Over)} of {p} due by {env.World.At:yyyy-MM-dd} call for it ({clause.Statement}).", []),
        _ => LimitComplied(clause, id, env, p),
    };

    internal static Finding LimitComplied(CompiledClause clause, ClauseId id, Env env, PartyId p)
    {
        var what = clause.Kind == ClauseKind.Right ? "No use of the right is recorded" : $"No recorded {Plural(clause.Syntax.Over)} count towards the limit";
        return new Finding(id, p, Subject.Party(p.Code), FindingStatus.Complied, $"{what} for {p} on {env.World.At:yyyy-MM-dd} ({clause.Statement}).", []);
    }

    internal static Finding GroupFinding(CompiledClause clause, ClauseId id, Env env, Group g, LimitState state)
    {
        var syntax = clause.Syntax;
        double limitLow, limitHigh;
        string limitText;
        var baseFacts = new List<object>();
        var baseDisputed = false;
        if (state.Baseline is { } baseline)
        {
            var prefix = g.Key[..g.Key.LastIndexOf('|')];
            if (baseline.TryGetValue(g.Key, out var b))
            {
                limitLow = b.Low;
                limitHigh = b.High;
                baseFacts = b.Facts;
                baseDisputed = b.Disputed;
                limitText = $"the {syntax.Baseline:yyyy-MM-dd} level of {Range(b.Low, b.High)} {g.Unit} ({string.Join(", ", b.Facts.Select(Subjects.IdOf))})";
            }
            else if (g.Unit.Length > 0 && state.BaselinePresence!.Contains(prefix)
                && (g.Unit == "items" || baseline.Values.Any(x => x.Unit == "items" && x.Key.StartsWith(prefix + "|", StringComparison.Ordinal))))
            {
                var other = baseline.Values.Where(x => x.Key.StartsWith(prefix + "|", StringComparison.Ordinal)).SelectMany(x => x.Facts).ToList();
                return new Finding(id, g.Party, GroupSubject(g), FindingStatus.Undetermined,
                    $"{Range(g.Low, g.High)} {g.Unit} now ({string.Join("; ", g.Facts.Select(f => Subjects.Describe(f, env.Scenario)))}). " +
                    $"A presence on {syntax.Baseline:yyyy-MM-dd} is recorded ({string.Join(", ", other.Select(Subjects.IdOf))}) but not counted in {g.Unit}, so the baseline to compare with is missing: {clause.Statement}.",
                    EvidenceFor(g.Facts.Concat(other), env));
            }
            else
            {
                limitLow = limitHigh = 0;
                limitText = $"the {syntax.Baseline:yyyy-MM-dd} level, when none is recorded";
            }
        }
        else
        {
            limitLow = limitHigh = state.Bound ?? 0;
            limitText = Claim.Format(state.Bound ?? 0);
        }

        // Within the bound when even the largest figure fits under the smallest limit; beyond it when the smallest figure exceeds the largest.
        var op = syntax.Comparison;
        double gLow = g.Low, gHigh = g.High;
        string? peak = null;
        if (syntax.Simultaneous)
        {
            (gLow, var lowDay) = Peak(g.Facts.Where((f, i) => g.Sure[i]), env.World.At);
            (gHigh, var highDay) = Peak(g.Facts, env.World.At);
            var sure = gLow == 0 ? "none surely" : $"{Claim.Format(gLow)} surely, on {lowDay:yyyy-MM-dd}";
            peak = gLow == gHigh ? $" at the same time (on {lowDay:yyyy-MM-dd})"
                : $" at the same time ({sure}; up to {Claim.Format(gHigh)} on {highDay:yyyy-MM-dd})";
        }

        bool surely = Compare(gHigh, op, limitLow), never = !Compare(gLow, op, limitHigh);
        var status = surely ? FindingStatus.Complied : never ? FindingStatus.Violated
            : g.Disputed || baseDisputed ? FindingStatus.Disputed : FindingStatus.Undetermined;
        string? variation = null;
        if (never && baseFacts.Count > 0 && op is BinaryOp.Less or BinaryOp.LessOrEqual)
        {
            // Invariant: a figure and its baseline are each the span of their own sources' claims (snapshots taken months apart,
            // or estimates that differ). An excess no larger than the wider of the two spans lies within the sources' own
            // variation, so the sources do not establish growth: the finding is disputed, not violated.
            var excess = gLow - limitHigh;
            var spread = Math.Max(gHigh - gLow, limitHigh - limitLow);
            if (excess <= spread)
            {
                status = FindingStatus.Disputed;
                variation = $"The excess ({Claim.Format(excess)} {g.Unit}) is within the sources' own variation ({Claim.Format(spread)} {g.Unit} between the claims of the "
                    + (gHigh - gLow >= limitHigh - limitLow ? "current figure" : "baseline") + "), so it is disputed, not established.";
            }
        }

        var measure = syntax.Aggregate == AggregateKind.Count ? $"{Range(gLow, gHigh)} counted{peak}" : $"{Range(gLow, gHigh)} {g.Unit}";
        var window = syntax.PerYears is { } n ? (n == 1 ? $" in {env.World.At.Year}" : $" in {env.World.At.Year - n + 1}–{env.World.At.Year}") : "";
        var verb = clause.Kind == ClauseKind.Right ? "used against a quota of" : "against a limit of";
        var limit = state.Baseline is null ? $"{verb} {BinaryExpr.Symbol(op)} {limitText}" : $"against {limitText}";
        var shown = g.Facts.Count <= 12 ? g.Facts : g.Facts.Take(12);
        var more = g.Facts.Count > 12 ? $"; and {g.Facts.Count - 12} more" : "";
        var text = $"{measure}{window} ({string.Join("; ", shown.Select(f => Subjects.Describe(f, env.Scenario)))}{more}) {limit}: {clause.Statement}.";
        if (variation is not null)
        {
            text += " " + variation;
        }

        return new Finding(id, g.Party, GroupSubject(g), status, Join(text, g.Notes), EvidenceFor(shown.Concat(baseFacts), env));
    }

    /// <summary>The largest number of facts whose periods share a day (open periods run to the date), and the first such day.</summary>
    internal static (double Count, DateOnly Day) Peak(IEnumerable<object> facts, DateOnly at)
    {
        var events = new List<(int Day, int Delta)>();
        foreach (var f in facts)
        {
            var period = f switch
            {
                Activity a => a.Period,
                Deployment d => d.Period,
                Membership m => m.Period,
                Observation o => o.Period,
                _ => new Period(StartOf(f), StartOf(f)),
            };
            events.Add((period.From.DayNumber, 1));
            events.Add(((period.To ?? (at > period.From ? at : period.From)).DayNumber + 1, -1));
        }

        // Ends sort before starts on the same day: a period ending the day before another starts does not overlap it.
        var count = 0;
        var best = 0;
        var day = at;
        foreach (var (d, delta) in events.OrderBy(e => e.Day).ThenBy(e => e.Delta))
        {
            count += delta;
            if (count > best)
            {
                best = count;
                day = DateOnly.FromDayNumber(d);
            }
        }

        return (best, day);
    }

    internal static Subject GroupSubject(Group g)
    {
        var first = Subjects.Of(g.Facts[0]);
        var sameHost = g.Facts.All(f => Subjects.Of(f).Host == first.Host);
        var sameOwner = g.Facts.All(f => Subjects.Of(f).Owner == first.Owner);
        return first with
        {
            Id = g.Facts.Count <= 12 ? string.Join("+", g.Facts.Select(Subjects.IdOf)) : $"{string.Join("+", g.Facts.Take(3).Select(Subjects.IdOf))}+{g.Facts.Count - 3} more",
            Host = sameHost ? first.Host : null,
            Owner = sameOwner ? first.Owner : null,
        };
    }

    private static string Range(double lo, double hi) => lo == hi ? Claim.Format(lo) : $"{Claim.Format(lo)}–{Claim.Format(hi)}";

    private static bool Compare(double x, BinaryOp op, double limit) => op switch
    {
        BinaryOp.Less => x < limit,
        BinaryOp.LessOrEqual => x <= limit,
        BinaryOp.Greater => x > limit,
        BinaryOp.GreaterOrEqual => x >= limit,
        _ => x == limit,
    };

    internal List<Finding> Obligation(CompiledClause clause, ClauseId id, Env env, IEnumerable<object>? domain = null, bool partyLevel = true)
    {
        var findings = new List<Finding>();
        var touched = new HashSet<PartyId>();
        var required = Domain(clause.Syntax.ExistsOver!.Value, env.World).ToList();
        var byActivity = clause.JoinsOnActivity
            ? required.OfType<Notification>().Where(n => n.Activity is not null).GroupBy(n => n.Activity!.Value).ToDictionary(g => g.Key, g => g.Cast<object>().ToList())
            : null;
        foreach (var fact in (domain ?? Domain(clause.Syntax.Over, env.World)).ToList())
        {
            env.Slots[0] = fact;
            var parties = Responsible(clause, env, fact);
            if (parties.Count == 0)
            {
                continue;
            }

            var due = clause.Due!(env) is DateOnly d ? d : env.World.At;
            foreach (var p in parties)
            {
                env.Reset();
                env.Party = p;
                var t = Where(clause, env);
                if (t == Truth.False)
                {
                    continue;
                }

                var triggerNotes = env.Notes.ToList();
                touched.Add(p);
                env.Notes.Clear();
                Truth best = Truth.False;
                object? found = null;
                var considered = new List<object>();
                var candidates = byActivity is null ? required : fact is Activity act && byActivity.TryGetValue(act.Id, out var list) ? list : [];
                foreach (var y in candidates)
                {
                    env.Slots[1] = y;
                    var party = y switch { Notification n => n.Notifier, Observation o => o.Subject, _ => p };
                    if (party != p && y is Notification)
                    {
                        continue;
                    }

                    var ty = (Truth)clause.ExistsWhere!(env)!;
                    if (ty != Truth.False || RelatedTo(y, fact))
                    {
                        considered.Add(y);
                    }

                    if (ty > best)
                    {
                        best = ty;
                        found = y;
                    }
                }

                env.Slots[1] = null;
                var describe = Subjects.Describe(fact, env.Scenario);
                var related = considered.Where(y => !ReferenceEquals(y, found)).Select(y => Subjects.Describe(y, env.Scenario)).ToList();
                string text;
                FindingStatus status;
                if (best == Truth.True)
                {
                    status = FindingStatus.Complied;
                    text = $"{describe}: the required statement exists — {Subjects.Describe(found!, env.Scenario)} ({clause.Statement}).";
                }
                else if (env.World.At < due)
                {
                    status = FindingStatus.NotApplicable;
                    text = $"{describe}: due by {due:yyyy-MM-dd}, after {env.World.At:yyyy-MM-dd}; nothing to check yet ({clause.Statement}).";
                }
                else
                {
                    // Absence of evidence is not non-compliance: past due, a statement on record that bears on the duty and does not
                    // meet it (late, of another kind) is evidence of a breach; nothing on record at all is not reported.
                    status = (t, best) switch
                    {
                        (Truth.True, Truth.False) when considered.Count == 0 => FindingStatus.NotReported,
                        (Truth.True, Truth.False) => FindingStatus.Violated,
                        (Truth.Disputed, Truth.False) or (_, Truth.Disputed) => FindingStatus.Disputed,
                        _ => FindingStatus.Undetermined,
                    };
                    var trigger = t == Truth.True ? "the obligation applies" : t == Truth.Disputed ? "whether the obligation applies is disputed" : "whether the obligation applies is unknown";
                    text = status == FindingStatus.NotReported
                        ? $"{describe}: {trigger}, and no statement by {p} that bears on it is recorded by {due:yyyy-MM-dd}; the sources do not say " +
                          $"whether it was made ({clause.Statement})."
                        : $"{describe}: {trigger}, and no statement satisfying it by {due:yyyy-MM-dd} is recorded for {p} ({clause.Statement}).";
                    if (related.Count > 0)
                    {
                        text += $" Statements recorded for this activity that do not satisfy it: {string.Join("; ", related)}.";
                    }
                }

                findings.Add(new Finding(id, p, Subjects.Of(fact), status, Join(text, triggerNotes.Concat(env.Notes)),
                    EvidenceFor(found is null ? considered.Prepend(fact) : [fact, found], env)) { Due = due });
                env.Party = null;
            }
        }

        env.Slots[0] = null;
        env.Party = null;
        foreach (var p in env.Bound.Sorted.Where(p => partyLevel && !touched.Contains(p)))
        {
            findings.Add(NothingRecorded(clause, id, env, p));
        }

        return findings;
    }

    private static bool RelatedTo(object required, object fact) =>
        required is Notification n && fact is Activity a && n.Activity == a.Id;
}

/// <summary>Words for confidence levels as the data spells them.</summary>
internal static class ConfidenceWords
{
    public static string Of(Confidence c) => Detente.Rules.Checking.Schema.WordOf(c);
}
