using Detente.Core;
using Detente.Node.Projection;
using Detente.Rules;
using Detente.Rules.Compilation;
using Detente.Rules.Runtime;

namespace Detente.Node.Following;

/// <summary>
/// The live compliance follower: every agreement's findings on one date, kept up to date as the world projection takes integrated
/// batches. Each new deployment, activity, notification, observation or membership goes through the agreements'
/// <see cref="IncrementalEvaluation"/>s, which evaluate only the clauses and findings it can change; after each batch it returns the
/// findings that appeared, changed status or disappeared, each with the statement that caused it. Control, consents and reference
/// data (which the checkers do not take one by one) make it evaluate every agreement again and compare.
/// </summary>
public sealed class LiveFindings
{
    private readonly RuleEngine _engine;
    private readonly IReadOnlyList<Agreement> _agreements;
    private readonly Dictionary<string, Finding> _current = new(StringComparer.Ordinal);

    // How many findings each (clause, party) has: a party with none is not bound by the clause (or has nothing in its scope).
    private readonly Dictionary<(ClauseId Clause, string Party), int> _perParty = [];
    private List<IncrementalEvaluation> _checkers = [];

    // The world the checkers last saw: a grown scenario's world is derived from it (World.With), not filtered again in full.
    private World _world = null!;

    /// <summary>Evaluates every agreement over <paramref name="scenario"/> (the world after the statements before <paramref name="position"/>) on <paramref name="at"/>.</summary>
    public LiveFindings(RuleEngine engine, IEnumerable<Agreement> agreements, Scenario scenario, DateOnly at, long position)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(agreements);
        ArgumentNullException.ThrowIfNull(scenario);
        _engine = engine;
        _agreements = agreements.ToList();
        At = at;
        Position = position;
        Rebuild(scenario);
        foreach (var f in _checkers.SelectMany(c => c.Findings))
        {
            Set(f.Key, f);
        }
    }

    /// <summary>The date the findings are evaluated on (fixed for the follower's life: the checkers keep findings for one date).</summary>
    public DateOnly At { get; }

    /// <summary>The findings account for the statements before this index.</summary>
    public long Position { get; private set; }

    /// <summary>Every current finding.</summary>
    public IReadOnlyCollection<Finding> Findings => _current.Values;

    /// <summary>
    /// Takes what a batch did to the world (it must start at <see cref="Position"/>) and returns the findings that changed, in key
    /// order: for each, the status before and after the batch and the last statement of the batch that changed it.
    /// </summary>
    public IReadOnlyList<FindingChange> Take(WorldStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Batch.FirstIndex != Position)
        {
            throw new ArgumentException($"the batch starts at {step.Batch.FirstIndex}; the compliance follower is at {Position}", nameof(step));
        }

        var touched = new Dictionary<string, (Finding? Now, StatementCause Cause)>(StringComparer.Ordinal);
        if ((step.ReadAgain ?? step.Facts.FirstOrDefault(f => f.Fact is Control or Consent)?.Cause) is { } cause)
        {
            Rebuild(step.After);
            var now = _checkers.SelectMany(c => c.Findings).GroupBy(f => f.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            foreach (var key in _current.Keys.Union(now.Keys))
            {
                touched[key] = (now.GetValueOrDefault(key), cause);
            }
        }
        else
        {
            AddFacts(step, touched);
        }

        Position = step.Batch.End;
        return Apply(touched);
    }

    /// <summary>
    /// Adds the batch's facts to the checkers. A membership is added with the world just before and just after it (the checker
    /// compares the alliance's members in the two); the facts between memberships share the world that holds them all.
    /// </summary>
    private void AddFacts(WorldStep step, Dictionary<string, (Finding? Now, StatementCause Cause)> touched)
    {
        var scenario = step.Before;
        var run = new List<ProjectedFact>();
        void Flush(Scenario after)
        {
            if (run.Count == 0)
            {
                return;
            }

            _world = _world.With(after);
            foreach (var (fact, cause) in run)
            {
                foreach (var checker in _checkers)
                {
                    var changed = checker.Add((IFact)fact, _world);
                    foreach (var f in changed.Changed)
                    {
                        touched[f.Key] = (f, cause);
                    }

                    foreach (var key in changed.Removed)
                    {
                        touched[key] = (null, cause);
                    }
                }
            }

            scenario = after;
            run.Clear();
        }

        foreach (var projected in step.Facts)
        {
            if (projected.Fact is not Membership)
            {
                run.Add(projected);
                continue;
            }

            // The facts before it, then the membership alone; the last run ends with the projection's own world.
            Flush(ScenarioGrowth.With(scenario, run.Select(p => p.Fact)));
            run.Add(projected);
            Flush(ReferenceEquals(step.Facts[^1], projected) ? step.After : ScenarioGrowth.With(scenario, [projected.Fact]));
        }

        Flush(step.After);
    }

    private List<FindingChange> Apply(Dictionary<string, (Finding? Now, StatementCause Cause)> touched)
    {
        var changes = new List<FindingChange>();
        var boundBefore = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (key, (now, _)) in touched)
        {
            var was = _current.GetValueOrDefault(key);
            if (was?.Status != now?.Status || (was is null) != (now is null))
            {
                var f = (now ?? was)!;
                boundBefore[key] = _perParty.GetValueOrDefault((f.Clause, f.PartyCode)) > 0;
            }
        }

        var changed = new List<(string Key, Finding? Was, Finding? Now, StatementCause Cause)>();
        foreach (var (key, (now, cause)) in touched)
        {
            var was = _current.GetValueOrDefault(key);
            Set(key, now);
            if (boundBefore.ContainsKey(key))
            {
                changed.Add((key, was, now, cause));
            }
        }

        foreach (var (key, was, now, cause) in changed.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var f = (now ?? was)!;
            changes.Add(new FindingChange(was, now, boundBefore[key], _perParty.GetValueOrDefault((f.Clause, f.PartyCode)) > 0) { Cause = cause });
        }

        return changes;
    }

    private void Set(string key, Finding? now)
    {
        if (_current.Remove(key, out var was))
        {
            var k = (was.Clause, was.PartyCode);
            if (--System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_perParty, k, out _) == 0)
            {
                _perParty.Remove(k);
            }
        }

        if (now is not null)
        {
            _current[key] = now;
            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_perParty, (now.Clause, now.PartyCode), out _)++;
        }
    }

    private void Rebuild(Scenario scenario)
    {
        _world = scenario.At(At);
        _checkers = _agreements.Select(a => _engine.EvaluateIncrementally(a, _world)).ToList();
    }
}
