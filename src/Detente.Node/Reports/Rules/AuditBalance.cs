using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Negotiation;
using Detente.Node.Reports.Tables;
using Detente.Rules.Audit;
using Detente.Rules.Runtime;

namespace Detente.Node.Reports.Rules;

/// <summary>What the negotiation data holds for one party: its positions and the origins of the sources behind them.</summary>
/// <param name="Party">The party.</param>
/// <param name="Positions">How many positions the party holds, every version of each line counted.</param>
/// <param name="SourcesFrom">How many of the negotiation data's sources come from the party (their origin is its code).</param>
/// <param name="CitedByOrigin">The sources cited by the party's positions, linkages and proposals, counted once each, by origin.</param>
public sealed record NegotiationPartyBalance(PartyId Party, int Positions, int SourcesFrom, ImmutableSortedDictionary<string, int> CitedByOrigin);

/// <summary>
/// The negotiation data's share of the even-handedness report: its sources by origin, overall and behind each party's positions,
/// so that a party whose stance is known only from the other side's sources shows.
/// </summary>
/// <param name="Parties">One row per party that holds a position or proposal or is the origin of a source, in code order.</param>
/// <param name="SourcesByOrigin">Every source of the negotiation data (those of <c>sources.json</c> and those proposal files define) by origin.</param>
public sealed record NegotiationBalance(ImmutableArray<NegotiationPartyBalance> Parties, ImmutableSortedDictionary<string, int> SourcesByOrigin)
{
    /// <summary>Counts <paramref name="data"/>'s sources: each source once, whoever cites it.</summary>
    public static NegotiationBalance Of(NegotiationData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var cited = new Dictionary<PartyId, HashSet<Source>>();
        var positions = new Dictionary<PartyId, int>();

        void Cite(PartyId party, IEnumerable<CitedSource> sources)
        {
            if (!cited.TryGetValue(party, out var set))
            {
                cited[party] = set = [];
            }

            set.UnionWith(sources.Select(s => s.Source));
        }

        foreach (var p in data.Positions)
        {
            positions[p.Party] = positions.GetValueOrDefault(p.Party) + 1;
            Cite(p.Party, p.Sources);
        }

        foreach (var l in data.Linkages)
        {
            Cite(l.Party, l.Sources);
        }

        foreach (var p in data.Proposals)
        {
            Cite(p.Party, p.Sources);
        }

        // Every source once: sources.json's, and those a proposal file defines in place (cited by that proposal only).
        var all = new HashSet<Source>(data.Sources.Values.Select(s => s.Source));
        all.UnionWith(data.Proposals.SelectMany(p => p.Sources).Select(s => s.Source));
        var from = all.GroupBy(s => s.Origin ?? "unstated").ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        var codes = cited.Keys.Select(p => p.Code)
            .Concat(from.Keys.Where(k => PartyId.IsValidCode(k)))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var rows = codes.Select(code =>
        {
            var party = new PartyId(code);
            var origins = (cited.TryGetValue(party, out var c) ? c : []).GroupBy(s => s.Origin ?? "unstated")
                .ToImmutableSortedDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            return new NegotiationPartyBalance(party, positions.GetValueOrDefault(party), from.GetValueOrDefault(code), origins);
        }).ToImmutableArray();
        return new NegotiationBalance(rows, from.ToImmutableSortedDictionary(StringComparer.Ordinal));
    }
}

/// <summary>
/// What <c>detente audit balance</c> shows: the scenario's facts, sources and findings per party (<see cref="BalanceReport"/>) and,
/// beside them, the negotiation data's sources by origin per party (<see cref="NegotiationBalance"/>). Counts only; it judges nothing.
/// </summary>
public sealed class AuditBalance
{
    private AuditBalance(DateOnly day, BalanceReport scenario, NegotiationBalance? negotiation)
    {
        Day = day;
        Scenario = scenario;
        Negotiation = negotiation;
    }

    /// <summary>The date the findings were counted on (facts are counted over every date).</summary>
    public DateOnly Day { get; }

    /// <summary>The scenario's part.</summary>
    public BalanceReport Scenario { get; }

    /// <summary>The negotiation data's part; null when no negotiation data was given.</summary>
    public NegotiationBalance? Negotiation { get; }

    /// <summary>The report over <paramref name="scenario"/>, the <paramref name="findings"/> of <paramref name="day"/> and, when given, <paramref name="negotiation"/>.</summary>
    public static AuditBalance Build(Scenario scenario, IEnumerable<Finding> findings, DateOnly day, NegotiationData? negotiation)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(findings);
        return new AuditBalance(day, BalanceReport.Of(scenario, findings), negotiation is null ? null : NegotiationBalance.Of(negotiation));
    }

    /// <summary>The JSON of <c>audit balance --json</c>: <see cref="BalanceJson.Of(BalanceReport, DateOnly)"/> with a <c>negotiation</c> member when there is one.</summary>
    public JsonObject ToJson()
    {
        var json = BalanceJson.Of(Scenario, Day);
        if (Negotiation is { } n)
        {
            json["negotiation"] = new JsonObject
            {
                ["sources_by_origin"] = Counts(n.SourcesByOrigin),
                ["parties"] = new JsonArray([.. n.Parties.Select(p => (JsonNode)new JsonObject
                {
                    ["party"] = p.Party.Code,
                    ["positions"] = p.Positions,
                    ["sources_from"] = p.SourcesFrom,
                    ["cited_sources_by_origin"] = Counts(p.CitedByOrigin),
                })]),
            };
        }

        return json;
    }

    /// <summary>The table: one row per party of either part, with the scenario's counts and then the negotiation data's.</summary>
    public ReportTable Table()
    {
        var columns = new List<Column>
        {
            Column.Id("Party"), Column.Id("Deployments"), Column.Id("Observed (about it)"), Column.Id("Observations (by it)"),
            Column.Id("Other facts"), Column.Id("Sources from it"), Column.Id("Facts about it cite sources from"), Column.Id("Findings"),
        };
        if (Negotiation is not null)
        {
            columns.Add(Column.Id("Negotiation sources from it"));
            columns.Add(Column.Id("Its positions cite sources from"));
        }

        var table = new ReportTable($"Balance: facts of every date by party, kind and provenance; findings on {Day:yyyy-MM-dd}", [.. columns]);
        var scenario = Scenario.Parties.ToDictionary(p => p.Party.Code, StringComparer.Ordinal);
        var negotiation = Negotiation?.Parties.ToDictionary(p => p.Party.Code, StringComparer.Ordinal) ?? [];
        foreach (var code in scenario.Keys.Concat(negotiation.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var cells = new List<Cell> { code };
            if (scenario.TryGetValue(code, out var p))
            {
                IEnumerable<KeyValuePair<string, int>> Kind(string kind) => p.Facts.TryGetValue(kind, out var v) ? v : [];
                var other = p.Facts.Where(k => k.Key is not ("deployment" or "observation-about" or "observation-by"))
                    .Select(k => KeyValuePair.Create(k.Key, k.Value.Values.Sum()));
                cells.AddRange([Cell(Kind("deployment")), Cell(Kind("observation-about")), Cell(Kind("observation-by")), Cell(other),
                    $"{p.SourcesFrom:N0}", Cell(p.CitedByOrigin), Cell(p.Findings)]);
            }
            else
            {
                cells.AddRange(Enumerable.Repeat(new Cell("—"), 7));
            }

            if (Negotiation is not null)
            {
                cells.AddRange(negotiation.TryGetValue(code, out var n)
                    ? [$"{n.SourcesFrom:N0}", n.CitedByOrigin.Count == 0 ? "—" : (n.Positions > 0 ? $"{n.Positions:N0} positions:\n" : "") + Cell(n.CitedByOrigin)]
                    : ["0", "—"]);
            }

            table.Add([.. cells]);
        }

        table.Totals.Add("Sources by origin: " + string.Join(", ", Scenario.SourcesByOrigin.Select(o => $"{o.Key} {o.Value:N0}")));
        if (Negotiation is { } all)
        {
            table.Totals.Add("Negotiation sources by origin: " + string.Join(", ", all.SourcesByOrigin.Select(o => $"{o.Key} {o.Value:N0}")));
        }

        table.Notes.Add("Counts only: a difference between parties is not an error in itself; it shows where the record leans.");
        return table;
    }

    private static string Cell(IEnumerable<KeyValuePair<string, int>> counts)
    {
        var parts = counts.Where(c => c.Value > 0).Select(c => $"{c.Value:N0} {c.Key}").ToList();
        return parts.Count == 0 ? "—" : string.Join("\n", parts);
    }

    private static JsonObject Counts(IEnumerable<KeyValuePair<string, int>> counts) =>
        new(counts.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value)));
}
