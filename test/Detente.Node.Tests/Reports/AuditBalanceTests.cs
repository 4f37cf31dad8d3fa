using System.Text.Json;
using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Data;
using Detente.Negotiation;
using Detente.Node.Reports.Rules;
using Detente.Rules;
using Detente.Rules.Runtime;

namespace Detente.Node.Tests.Reports;

/// <summary>The even-handedness report counts the negotiation data's sources by origin, overall and per party, beside the scenario's.</summary>
public sealed class AuditBalanceTests
{
    private static readonly DateOnly Day = new(2022, 1, 12);

    private static readonly Lazy<(Scenario Scenario, IReadOnlyList<Finding> Findings)> Shipped = new(() =>
    {
        var scenario = ScenarioLoader.Load(Path.Combine(Some.DataDirectory(), "scenarios", "europe-2022"));
        var engine = new RuleEngine(RuleGeography.Load(Path.Combine(Some.DataDirectory(), "geo")), scenario.Parties.Keys.Select(p => p.Code).ToHashSet());
        Assert.True(engine.TryLoad(Path.Combine(Some.DataDirectory(), "agreements"), out var library, out var errors), string.Join("\n", errors));
        var world = scenario.At(Day);
        return (scenario, library.All.SelectMany(a => engine.Evaluate(a, world, null)).ToList());
    });

    private static NegotiationData ShippedNegotiation() => NegotiationData.Load(Path.Combine(Some.DataDirectory(), "negotiation"));

    [Fact]
    public void Negotiation_ShippedData_CountsEverySourceOfSourcesJsonOnceByItsOrigin()
    {
        var data = ShippedNegotiation();
        var balance = NegotiationBalance.Of(data);

        // Counted again from the file itself, so the report cannot drift from the data it reads.
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(Some.DataDirectory(), "negotiation", "sources.json")));
        var expected = file.RootElement.GetProperty("sources").EnumerateObject()
            .GroupBy(s => s.Value.GetProperty("origin").GetString()!).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (origin, count) in expected)
        {
            Assert.True(balance.SourcesByOrigin.GetValueOrDefault(origin) >= count, origin);
        }

        var every = new HashSet<object>(data.Sources.Values, ReferenceEqualityComparer.Instance);
        every.UnionWith(data.Proposals.SelectMany(p => p.Sources));
        Assert.Equal(every.Count, balance.SourcesByOrigin.Values.Sum());
        Assert.Equal(expected["RUS"], balance.Parties.Single(p => p.Party.Code == "RUS").SourcesFrom);
        Assert.Equal(expected["NATO"], balance.Parties.Single(p => p.Party.Code == "NATO").SourcesFrom);
    }

    [Fact]
    public void Negotiation_ShippedData_EachPartyWithPositionsShowsThemAndTheOriginsOfWhatTheyCite()
    {
        var data = ShippedNegotiation();
        var balance = NegotiationBalance.Of(data);
        foreach (var party in data.Parties)
        {
            var row = balance.Parties.Single(p => p.Party == party);
            Assert.Equal(data.Positions.Count(p => p.Party == party), row.Positions);
            var cited = data.Positions.Where(p => p.Party == party).SelectMany(p => p.Sources)
                .Concat(data.Linkages.Where(l => l.Party == party).SelectMany(l => l.Sources))
                .Concat(data.Proposals.Where(p => p.Party == party).SelectMany(p => p.Sources))
                .Distinct(ReferenceEqualityComparer.Instance).Count();
            Assert.Equal(cited, row.CitedByOrigin.Values.Sum());
        }

        // Russia's positions rest partly on Russian sources (the MFA's drafts), and NATO's and the US's on others.
        Assert.True(balance.Parties.Single(p => p.Party.Code == "RUS").CitedByOrigin.GetValueOrDefault("RUS") > 0);
        Assert.True(balance.Parties.Single(p => p.Party.Code == "NATO").CitedByOrigin.GetValueOrDefault("NATO") > 0);
    }

    [Fact]
    public void Negotiation_ASourceFromOnePartyCitedForAnother_IsCountedAsFromTheFirstAndCitedByTheSecond()
    {
        // A small data set: one RUS-origin source behind a USA position, one independent source behind a NATO one.
        var dir = Directory.CreateTempSubdirectory("detente-balance-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "sources.json"), """
                { "sources": {
                  "r": { "title": "t", "publisher": "p", "date": "2022-01-01", "url": null, "kind": "press", "reliability": "C", "origin": "RUS", "confidence": "verified" },
                  "i": { "title": "t", "publisher": "p", "date": "2022-01-01", "url": null, "kind": "press", "reliability": "D", "origin": "independent", "confidence": "recalled" } } }
                """);
            File.WriteAllText(Path.Combine(dir, "issues.json"), """
                { "issues": [ { "id": "a", "title": "A", "domain": { "kind": "yes-no" }, "measure": "UKR in members(NATO)", "definition": "a" } ] }
                """);
            File.WriteAllText(Path.Combine(dir, "positions.json"), """
                { "positions": [
                  { "id": "u1", "party": "USA", "kind": "red-line", "date": "2022-01-01", "title": "a", "holds": { "issue": "a", "op": "=", "value": "yes" }, "sources": ["r"] },
                  { "id": "n1", "party": "NATO", "kind": "demand", "weight": 5, "date": "2022-01-01", "title": "a", "holds": { "issue": "a", "op": "=", "value": "yes" }, "sources": ["i", "r"] } ] }
                """);
            var balance = NegotiationBalance.Of(NegotiationData.Load(dir, checkConsistency: false));

            Assert.Equal(["NATO", "RUS", "USA"], balance.Parties.Select(p => p.Party.Code));
            var rus = balance.Parties.Single(p => p.Party.Code == "RUS");
            Assert.Equal((0, 1), (rus.Positions, rus.SourcesFrom));
            Assert.Empty(rus.CitedByOrigin);
            var usa = balance.Parties.Single(p => p.Party.Code == "USA");
            Assert.Equal((1, 0), (usa.Positions, usa.SourcesFrom));
            Assert.Equal(1, usa.CitedByOrigin["RUS"]);
            var nato = balance.Parties.Single(p => p.Party.Code == "NATO");
            Assert.Equal(1, nato.CitedByOrigin["RUS"]);
            Assert.Equal(1, nato.CitedByOrigin["independent"]);
            Assert.Equal(1, balance.SourcesByOrigin["RUS"]);
            Assert.Equal(1, balance.SourcesByOrigin["independent"]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Build_ShippedScenario_JsonKeepsTheScenarioPartAndAddsTheNegotiationPart()
    {
        var (scenario, findings) = Shipped.Value;
        var json = AuditBalance.Build(scenario, findings, Day, ShippedNegotiation()).ToJson();

        Assert.Equal(["findings_at", "sources_by_origin", "parties", "negotiation"], json.Select(m => m.Key));
        Assert.Equal(BalanceJson.Of(AuditBalance.Build(scenario, findings, Day, null).Scenario, Day).ToJsonString(),
            AuditBalance.Build(scenario, findings, Day, null).ToJson().ToJsonString());
        var parties = json["negotiation"]!["parties"]!.AsArray().ToDictionary(p => (string)p!["party"]!);
        Assert.All(["NATO", "RUS", "USA"], code => Assert.True((int)parties[code]!["positions"]! > 0, code));
        Assert.True((int)parties["RUS"]!["sources_from"]! > 0);
        Assert.True((int)json["negotiation"]!["sources_by_origin"]!["independent"]! > 0);
    }

    [Fact]
    public void Table_ShippedScenario_HasTheNegotiationColumnsAndTotals()
    {
        var (scenario, findings) = Shipped.Value;
        var table = AuditBalance.Build(scenario, findings, Day, ShippedNegotiation()).Table();

        Assert.Equal("Its positions cite sources from", table.Columns[^1].Name);
        Assert.Contains(table.Totals, t => t.StartsWith("Negotiation sources by origin: ", StringComparison.Ordinal));
        var rus = table.Rows.Single(r => r[0].Text == "RUS");
        Assert.Contains("positions:", rus[^1].Text, StringComparison.Ordinal);
        Assert.All(table.Rows, r => Assert.Equal(table.Columns.Count, r.Length));

        var without = AuditBalance.Build(scenario, findings, Day, null).Table();
        Assert.Equal(8, without.Columns.Count);
        Assert.Single(without.Totals);
    }
}
