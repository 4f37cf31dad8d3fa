using System.Collections.Immutable;
using Detente.Core;
using Detente.Rules.Ast;
using Detente.Rules.Compilation;
using Detente.Rules.Evaluation;
using Detente.Rules.Runtime;

namespace Detente.Rules.Comparison;

/// <summary>A small set of hypothetical facts laid over the scenario, with a line saying what it is.</summary>
/// <param name="Description">What the facts are, in one line.</param>
/// <param name="Facts">The hypothetical facts (deployments, activities, memberships, notifications, observations).</param>
public sealed record Perturbation(string Description, ImmutableArray<object> Facts);

/// <summary>
/// A world in which one side complies and the other does not: the hypothetical facts (none when the scenario itself
/// separates them), the date, and the violated finding on the side that forbids it.
/// </summary>
/// <param name="At">The date of the separating world.</param>
/// <param name="Facts">The hypothetical facts; null when the scenario itself separates the two sides.</param>
/// <param name="ForbiddenBy">The id of the document that forbids the world.</param>
/// <param name="Violation">The violated finding on that side.</param>
public sealed record Separation(DateOnly At, Perturbation? Facts, string ForbiddenBy, Finding Violation);

/// <summary>What a bounded search found: how many worlds it evaluated, and the first separating world each way.</summary>
/// <param name="WorldsTried">How many worlds were evaluated.</param>
/// <param name="LeftForbids">A world only the left side forbids, if one was found.</param>
/// <param name="RightForbids">A world only the right side forbids, if one was found.</param>
public sealed record SearchResult(int WorldsTried, Separation? LeftForbids, Separation? RightForbids);

/// <summary>
/// The bounded differential search: evaluates two sets of clauses on the scenario at several dates and on generated
/// single-fact (or small) perturbations built from the values the clauses mention — the parties of their sets and who they
/// bind, their thresholds and one either side, their dates and deadlines — and reports a world where one side has a
/// violation the other does not. It proves difference, never equivalence: "equivalent on all N worlds tried" is all it can say.
/// </summary>
internal sealed class SeparatingSearch(Evaluator evaluator, Scenario scenario, IReadOnlyList<DateOnly> dates, int budget)
{
    private static readonly SourceId Hypothetical = new("diff-hypothetical");

    private static readonly Evidence Assumed = Evidence.From(Hypothetical, Confidence.Uncertain);

    /// <summary>The scenario with the hypothetical source, so generated facts cite a source like any other.</summary>
    private readonly Scenario _withSource = With(scenario, []);

    public SearchResult Run(Agreement left, IReadOnlyCollection<string>? leftClauses, Agreement right, IReadOnlyCollection<string>? rightClauses,
        IEnumerable<Perturbation> candidates)
    {
        var tried = 0;
        Separation? leftForbids = null, rightForbids = null;
        var baseLefts = new Dictionary<DateOnly, Dictionary<string, Finding>>();
        var baseRights = new Dictionary<DateOnly, Dictionary<string, Finding>>();
        foreach (var day in dates)
        {
            var world = _withSource.At(day);
            var baseLeft = baseLefts[day] = Violations(left, leftClauses, world);
            var baseRight = baseRights[day] = Violations(right, rightClauses, world);
            tried++;

            // The scenario itself separates them when a fact is violated on one side and nowhere on the other.
            var subjectsRight = baseRight.Values.Select(f => f.Subject.Id).ToHashSet(StringComparer.Ordinal);
            var subjectsLeft = baseLeft.Values.Select(f => f.Subject.Id).ToHashSet(StringComparer.Ordinal);
            leftForbids ??= baseLeft.Values.Where(f => f.Subject.Kind != "party" && !subjectsRight.Contains(f.Subject.Id))
                .Select(f => new Separation(day, null, left.Id, f)).FirstOrDefault();
            rightForbids ??= baseRight.Values.Where(f => f.Subject.Kind != "party" && !subjectsLeft.Contains(f.Subject.Id))
                .Select(f => new Separation(day, null, right.Id, f)).FirstOrDefault();
        }

        foreach (var p in candidates)
        {
            if (tried >= budget || (leftForbids is not null && rightForbids is not null))
            {
                break;
            }

            foreach (var day in dates)
            {
                if (tried >= budget)
                {
                    break;
                }

                tried++;
                var world = With(_withSource, p.Facts).At(day);
                var l = New(Violations(left, leftClauses, world), baseLefts[day]);
                var r = New(Violations(right, rightClauses, world), baseRights[day]);
                if (l is not null && r is null)
                {
                    leftForbids ??= new Separation(day, p, left.Id, l);
                }
                else if (r is not null && l is null)
                {
                    rightForbids ??= new Separation(day, p, right.Id, r);
                }

                if (leftForbids is not null && rightForbids is not null)
                {
                    return new SearchResult(tried, leftForbids, rightForbids);
                }
            }
        }

        return new SearchResult(tried, leftForbids, rightForbids);
    }

    /// <summary>A violation in the grown world that the scenario alone does not have.</summary>
    private static Finding? New(Dictionary<string, Finding> grown, Dictionary<string, Finding> before) =>
        grown.Values.FirstOrDefault(f => !before.ContainsKey(f.Key));

    private Dictionary<string, Finding> Violations(Agreement agreement, IReadOnlyCollection<string>? clauses, World world)
    {
        var result = new Dictionary<string, Finding>(StringComparer.Ordinal);
        var findings = clauses is null
            ? evaluator.Evaluate(agreement, world)
            : clauses.SelectMany(c => evaluator.Evaluate(agreement, world, onlyClause: c)).ToList();
        foreach (var f in findings.Where(f => f.Status == FindingStatus.Violated))
        {
            result.TryAdd(f.Key, f);
        }

        return result;
    }

    internal static Scenario With(Scenario s, IEnumerable<object> facts)
    {
        var list = facts.ToList();
        var sources = s.Sources.ContainsKey(Hypothetical)
            ? s.Sources.Values
            : s.Sources.Values.Append(new Source(Hypothetical, "Hypothetical fact generated by agreements diff; not a real-world claim", "Detente", "2026", null, SourceKind.Synthetic));
        return new Scenario(s.Info, sources, s.Parties.Values, s.Systems.Values, s.Sites.Values,
            s.Memberships.AddRange(list.OfType<Membership>()), s.Control, s.Deployments.AddRange(list.OfType<Deployment>()),
            s.Activities.AddRange(list.OfType<Activity>()), s.Notifications.AddRange(list.OfType<Notification>()),
            s.Observations.AddRange(list.OfType<Observation>()), s.Consents);
    }

    /// <summary>
    /// Candidate perturbations for clauses over one kind of fact, built from the values in their conditions: parties (sets
    /// and who is bound, differences first), numbers (each threshold, one below and one above), dates and deadlines.
    /// </summary>
    public IEnumerable<Perturbation> Candidates(FactKind kind, IEnumerable<Atom> atoms, IEnumerable<PartySet> bound, IEnumerable<double> counts,
        FactKind? requires)
    {
        var atomList = atoms.ToList();
        var parties = PartyPool(atomList, bound.ToList());
        var numbers = atomList.OfType<CompareAtom>().Where(c => !c.IsDate && c.Base.Length == 0)
            .SelectMany(c => new[] { c.Offset - 1, c.Offset, c.Offset + 1 }).Where(x => x > 0).Distinct().Order().ToList();
        if (numbers.Count == 0)
        {
            numbers.Add(1000);
        }

        var big = numbers.Max() + 1;
        var dayOffsets = atomList.OfType<CompareAtom>().Where(c => c.IsDate && c.Base.Length > 0)
            .SelectMany(c => new[] { -c.Offset - 1, -c.Offset, -c.Offset + 1 }).Where(x => x >= 0).Distinct().Order().ToList();
        var fixedDates = atomList.OfType<CompareAtom>().Where(c => c.IsDate && c.Base.Length == 0)
            .SelectMany(c => new[] { c.Offset - 1, c.Offset + 1 }).Select(x => DateOnly.FromDayNumber((int)x)).ToList();
        var n = 0;
        string Id(string stem) => $"diff-{stem}-{++n}";
        var first = dates[0];
        switch (kind)
        {
            case FactKind.Deployment:
            {
                var sites = scenario.Sites.Values.ToList();
                var systems = scenario.Systems.Values.Where(s => s.Launch == LaunchMode.Ground).Select(s => s.Id).ToList();
                foreach (var quantity in numbers.Append(big).OrderDescending())
                {
                    foreach (var (owner, host) in parties.SelectMany(o => parties.Where(h => h != o).Select(h => (o, h))).Take(3))
                    {
                        yield return new Perturbation($"{owner} stations {quantity} troops in {host} from {first:yyyy-MM-dd}",
                            [Deploy(Id("deployment"), owner, host, null, null, quantity, ForceUnit.Troops, first)]);
                    }
                }

                foreach (var owner in parties)
                {
                    foreach (var host in parties)
                    {
                        yield return new Perturbation($"{owner} stations {big} troops in {host} from {first:yyyy-MM-dd}",
                            [Deploy(Id("deployment"), owner, host, null, null, big, ForceUnit.Troops, first)]);
                    }
                }

                foreach (var owner in parties.Take(4))
                {
                    foreach (var site in sites)
                    {
                        foreach (var system in systems)
                        {
                            yield return new Perturbation($"{owner} deploys 10 {system} at {site.Id} ({site.Host})",
                                [Deploy(Id("deployment"), owner.Code, site.Host.Code, site.Id, system, 10, ForceUnit.Missiles, first)]);
                        }

                        yield return new Perturbation($"{owner} stations {big} troops at {site.Id} ({site.Host})",
                            [Deploy(Id("deployment"), owner.Code, site.Host.Code, site.Id, null, big, ForceUnit.Troops, first)]);
                    }
                }

                break;
            }

            case FactKind.Activity:
            {
                var sites = scenario.Sites.Values.ToList();

                // Each figure once first (two thresholds part on a figure between them), then the wider product.
                foreach (var troops in numbers.Append(big).OrderDescending())
                {
                    foreach (var p in parties.Take(2))
                    {
                        yield return new Perturbation($"{p} holds an exercise of {troops} troops at home starting {first:yyyy-MM-dd}",
                            [Exercise(Id("activity"), p, p, null, troops, first)]);
                    }
                }

                // Larger figures first: more troops is the direction in which activity clauses bite.
                foreach (var troops in numbers.Append(big).OrderDescending())
                {
                    foreach (var p in parties)
                    {
                        foreach (var start in dayOffsets.Select(k => first.AddDays(-(int)k)).Append(first).Distinct())
                        {
                            var activity = Exercise(Id("activity"), p, p, null, troops, start);
                            yield return new Perturbation($"{p} holds an exercise of {troops} troops at home starting {start:yyyy-MM-dd}", [activity]);
                            if (requires == FactKind.Notification)
                            {
                                foreach (var k in dayOffsets.Append(0))
                                {
                                    var given = start.AddDays(-(int)k);
                                    yield return new Perturbation(
                                        $"{p} holds an exercise of {troops} troops starting {start:yyyy-MM-dd}, notified on {given:yyyy-MM-dd} ({k} days before)",
                                        [activity, new Notification(new FactId(Id("notification")), p, NotificationKind.ViennaPriorNotification, activity.Id, null,
                                            given, Quantity.Of(troops), Assumed)]);
                                }
                            }
                        }
                    }

                    foreach (var site in sites)
                    {
                        foreach (var p in parties.Take(4))
                        {
                            yield return new Perturbation($"{p} holds an exercise of {troops} troops at {site.Id} ({site.Host})",
                                [Exercise(Id("activity"), p, site.Host, site.Id, troops, first)]);
                        }
                    }
                }

                foreach (var count in counts.Select(c => (int)c + 1).Where(c => c is > 0 and <= 12).Distinct())
                {
                    foreach (var p in parties.Take(4))
                    {
                        var troops = numbers.Count > 1 ? numbers[numbers.Count / 2] : big;
                        yield return new Perturbation($"{p} holds {count} exercises of {troops} troops in {first.Year}",
                            Enumerable.Range(0, count).Select(i => (object)Exercise(Id("activity"), p, p, null, troops, new DateOnly(first.Year, 1, 1).AddDays(i * 20))).ToImmutableArray());
                    }
                }

                break;
            }

            case FactKind.Membership:
            {
                var alliances = atomList.Select(a => a.Text).SelectMany(t => new[] { "NATO", "CSTO" }.Where(t.Contains)).Append("NATO").Distinct();
                foreach (var alliance in alliances)
                {
                    // A state already in the alliance on the date would only repeat its membership.
                    var already = scenario.Memberships.Where(m => m.Alliance.Code == alliance && m.Period.Contains(first)).Select(m => m.Member).ToHashSet();
                    foreach (var p in parties.Where(p => p.Code != alliance && !already.Contains(p)))
                    {
                        foreach (var joined in fixedDates.Append(first).Distinct().Where(d => d <= dates[^1]))
                        {
                            yield return new Perturbation($"{p} joins {alliance} on {joined:yyyy-MM-dd}",
                                [new Membership(new FactId(Id("membership")), new PartyId(alliance), p, new Period(joined), Assumed)]);
                        }
                    }
                }

                break;
            }

            case FactKind.Observation:
            {
                foreach (var count in counts.Select(c => (int)c + 1).Where(c => c is > 0 and <= 12).Distinct().DefaultIfEmpty(1))
                {
                    foreach (var host in parties)
                    {
                        yield return new Perturbation($"{count} inspections in {host} in {first.Year}", Enumerable.Range(0, count).Select(i => (object)
                            new Observation(new FactId(Id("observation")), parties[0] == host && parties.Count > 1 ? parties[1] : parties[0], host,
                                new Period(new DateOnly(first.Year, 1, 1).AddDays(i * 7)), null, [host], null, "troops", Quantity.Of(1), null,
                                Provenance.Inspected, Assumed)).ToImmutableArray());
                    }
                }

                break;
            }

            default:
            {
                foreach (var p in parties)
                {
                    yield return new Perturbation($"{p} gives a notification on {first:yyyy-MM-dd}",
                        [new Notification(new FactId(Id("notification")), p, NotificationKind.Other, null, null, first, null, Assumed)]);
                }

                break;
            }
        }
    }

    private List<PartyId> PartyPool(List<Atom> atoms, List<PartySet> bound)
    {
        // Parties in one set and not another come first: they are where two clauses are most likely to part.
        var sets = atoms.OfType<MemberAtom>().Select(m => m.Members)
            .Concat(atoms.OfType<ZoneAtom>().SelectMany(z => new[] { z.A, z.B }))
            .Concat(atoms.OfType<GrowingAtom>().Select(g => g.Members))
            .Concat(bound.Select(b => (IReadOnlyList<string>)b.Sorted.Select(p => p.Code).ToList()))
            .Select(s => s.Where(c => IsCode(c) && scenario.Parties.ContainsKey(new PartyId(c))).ToHashSet())
            .Where(s => s.Count > 0).ToList();
        var ranked = new List<string>();
        for (var i = 0; i < sets.Count; i++)
        {
            for (var j = 0; j < sets.Count; j++)
            {
                if (i != j)
                {
                    ranked.AddRange(Ordered(sets[i].Except(sets[j])).Take(2));
                }
            }
        }

        ranked.AddRange(sets.SelectMany(s => Ordered(s).Take(2)));
        ranked.AddRange(Familiar);
        return ranked.Distinct().Where(c => scenario.Parties.TryGetValue(new PartyId(c), out var p) && p.Kind == PartyKind.State)
            .Take(8).Select(c => new PartyId(c)).ToList();
    }

    /// <summary>The parties of the 2021–22 documents first, so a separating world reads naturally; then the alphabet.</summary>
    private static readonly string[] Familiar = ["RUS", "USA", "UKR", "POL", "BLR", "GEO", "DEU", "LTU", "MDA", "FIN"];

    private static IEnumerable<string> Ordered(IEnumerable<string> codes) =>
        codes.OrderBy(c => Array.IndexOf(Familiar, c) is var i && i >= 0 ? i : Familiar.Length).ThenBy(c => c, StringComparer.Ordinal);

    /// <summary>Words (such as <c>ground</c>) share the sets' printout with party codes; only codes are parties.</summary>
    private static bool IsCode(string s) => s.Length is >= 2 and <= 24 && s.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-');

    private static Deployment Deploy(string id, string owner, string host, SiteId? site, SystemId? system, double quantity, ForceUnit unit, DateOnly from) =>
        new(new FactId(id), new PartyId(owner), new PartyId(host), site, null, null, system, Quantity.Of(quantity), unit,
            Permanence.Permanent, Mission.Combat, new Period(from), Provenance.Declared, Assumed);

    private static Deployment Deploy(string id, PartyId owner, PartyId host, SiteId? site, SystemId? system, double quantity, ForceUnit unit, DateOnly from) =>
        Deploy(id, owner.Code, host.Code, site, system, quantity, unit, from);

    private static Activity Exercise(string id, PartyId participant, PartyId host, SiteId? site, double troops, DateOnly start) =>
        new(new FactId(id), $"Hypothetical exercise {id}", ActivityKind.Exercise, [participant], [host], new Period(start, start.AddDays(10)),
            null, site is { } s ? [s] : [], Quantity.Of(troops), [], Assumed);
}
