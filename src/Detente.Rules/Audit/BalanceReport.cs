using System.Collections.Immutable;
using Detente.Core;
using Detente.Rules.Checking;
using Detente.Rules.Runtime;

namespace Detente.Rules.Audit;

/// <summary>What the data and the findings hold about one party, counted so that asymmetries between parties show.</summary>
/// <param name="Party">The party.</param>
/// <param name="Facts">Facts about the party by kind, then by provenance where the kind has one ("all" where it has none).</param>
/// <param name="SourcesFrom">How many of the scenario's sources come from the party (their <see cref="Source.Origin"/>).</param>
/// <param name="CitedByOrigin">The sources cited by facts about the party, counted once each, by their origin ("unstated" when none is given).</param>
/// <param name="Findings">The findings for the party as a bound party, by status as people read it ("violated", "would violate", ...).</param>
public sealed record PartyBalance(
    PartyId Party,
    ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, int>> Facts,
    int SourcesFrom,
    ImmutableSortedDictionary<string, int> CitedByOrigin,
    ImmutableSortedDictionary<string, int> Findings);

/// <summary>
/// The even-handedness report (<c>detente audit balance</c>): per party, the facts of each kind and provenance, the sources by
/// origin, and the findings by status. It judges nothing; it makes visible where the data and the findings lean.
/// </summary>
/// <param name="Parties">One row per party that any fact, source or finding concerns, in code order.</param>
/// <param name="SourcesByOrigin">Every source of the scenario by origin ("unstated" when none is given).</param>
public sealed record BalanceReport(ImmutableArray<PartyBalance> Parties, ImmutableSortedDictionary<string, int> SourcesByOrigin)
{
    /// <summary>The word for a source without an origin.</summary>
    public const string Unstated = "unstated";

    /// <summary>
    /// Counts the scenario's facts of every date and the findings given (usually those of every agreement at one date). A fact is
    /// about a party when the party owns the deployment, is an activity's participant, gives the notification, is the
    /// observation's subject (and, separately, its observer), is the member, controls the area, or is the host or the foreign
    /// party of a consent.
    /// </summary>
    public static BalanceReport Of(Scenario scenario, IEnumerable<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(findings);
        var facts = new Dictionary<PartyId, SortedDictionary<string, SortedDictionary<string, int>>>();
        var cited = new Dictionary<PartyId, HashSet<SourceId>>();

        void Count(PartyId party, string kind, string provenance, Evidence evidence)
        {
            if (!facts.TryGetValue(party, out var kinds))
            {
                facts[party] = kinds = new(StringComparer.Ordinal);
            }

            if (!kinds.TryGetValue(kind, out var byProvenance))
            {
                kinds[kind] = byProvenance = new(StringComparer.Ordinal);
            }

            byProvenance[provenance] = byProvenance.GetValueOrDefault(provenance) + 1;
            if (!cited.TryGetValue(party, out var sources))
            {
                cited[party] = sources = [];
            }

            foreach (var s in evidence.Sources)
            {
                sources.Add(s.Source);
            }
        }

        const string All = "all";
        foreach (var d in scenario.Deployments)
        {
            Count(d.Owner, "deployment", Schema.WordOf(d.Provenance), d.Evidence);
        }

        foreach (var o in scenario.Observations)
        {
            Count(o.Subject, "observation-about", Schema.WordOf(o.Provenance), o.Evidence);
            Count(o.Observer, "observation-by", Schema.WordOf(o.Provenance), o.Evidence);
        }

        foreach (var a in scenario.Activities)
        {
            foreach (var p in a.Participants)
            {
                Count(p, "activity", All, a.Evidence);
            }
        }

        foreach (var n in scenario.Notifications)
        {
            Count(n.Notifier, "notification", All, n.Evidence);
        }

        foreach (var m in scenario.Memberships)
        {
            Count(m.Member, "membership", All, m.Evidence);
        }

        foreach (var c in scenario.Control)
        {
            Count(c.Controller, "control", All, c.Evidence);
        }

        foreach (var c in scenario.Consents)
        {
            Count(c.Host, "consent-as-host", Schema.WordOf(c.Provenance), c.Evidence);
            Count(c.Party, "consent-as-party", Schema.WordOf(c.Provenance), c.Evidence);
        }

        var byStatus = new Dictionary<string, SortedDictionary<string, int>>(StringComparer.Ordinal);
        foreach (var f in findings)
        {
            if (!byStatus.TryGetValue(f.PartyCode, out var counts))
            {
                byStatus[f.PartyCode] = counts = new(StringComparer.Ordinal);
            }

            counts[f.StatusWord] = counts.GetValueOrDefault(f.StatusWord) + 1;
        }

        string OriginOf(SourceId id) => scenario.Sources.TryGetValue(id, out var s) && s.Origin is { } o ? o : Unstated;
        var sourcesFrom = scenario.Sources.Values.Where(s => s.Origin is not null).GroupBy(s => s.Origin!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        // Findings name alliances and "*" (clauses nobody can check) as parties too; "*" is not a party and is left out.
        var codes = facts.Keys.Select(p => p.Code)
            .Concat(byStatus.Keys.Where(k => PartyId.IsValidCode(k)))
            .Concat(sourcesFrom.Keys.Where(k => k is not ("independent" or "international")))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var rows = codes.Select(code =>
        {
            var party = new PartyId(code);
            var kinds = facts.TryGetValue(party, out var k)
                ? k.ToImmutableSortedDictionary(x => x.Key, x => x.Value.ToImmutableSortedDictionary(StringComparer.Ordinal), StringComparer.Ordinal)
                : ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, int>>.Empty.WithComparers(StringComparer.Ordinal);
            var origins = (cited.TryGetValue(party, out var c) ? c : []).GroupBy(OriginOf)
                .ToImmutableSortedDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var statuses = byStatus.TryGetValue(code, out var st)
                ? st.ToImmutableSortedDictionary(StringComparer.Ordinal)
                : ImmutableSortedDictionary<string, int>.Empty.WithComparers(StringComparer.Ordinal);
            return new PartyBalance(party, kinds, sourcesFrom.GetValueOrDefault(code), origins, statuses);
        }).ToImmutableArray();
        var byOrigin = scenario.Sources.Values.GroupBy(s => s.Origin ?? Unstated).ToImmutableSortedDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new BalanceReport(rows, byOrigin);
    }
}
