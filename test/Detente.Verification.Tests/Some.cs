using System.Text;
using Detente.Core;
using Detente.Data;
using Detente.Verification.Inspections;
using Detente.Verification.Regimes;
using Detente.Verification.Steps;

namespace Detente.Verification.Tests;

/// <summary>Test data: the shipped scenario and regimes, and steps built from short JSON bodies.</summary>
internal static class Some
{
    private static readonly Lazy<Scenario> LazyScenario = new(() => ScenarioLoader.Load(Path.Combine(Data, "scenarios", "europe-2022")));
    private static readonly Lazy<RegimeCatalog> LazyRegimes = new(() => RegimeCatalog.Load(RegimesPath, "regimes.json", Scenario));

    public static string Data => Path.Combine(AppContext.BaseDirectory, "data");

    public static string RegimesPath => Path.Combine(Data, "verification", "regimes.json");

    public static Scenario Scenario => LazyScenario.Value;

    public static RegimeCatalog Regimes => LazyRegimes.Value;

    public const string Aegis = "aegis-ashore-transparency";

    public static VerificationLedger Ledger() => new(Regimes, Scenario);

    /// <summary>A step from its kind, author and the body's own fields; sources, confidence default in.</summary>
    public static Step Step(string kind, string author, string fields)
    {
        var body = $$"""{{{fields}}, "sources": ["test"], "confidence": "verified"}""";
        return StepReader.Read(StatementKinds.Parse(kind), new PartyId(author), Encoding.UTF8.GetBytes(body), "test");
    }

    public static Step Designation(string side, string sites, string at = "2022-03-01", string author = "USA") =>
        Step("inspection-designation", author, $$"""
            "regime": "{{Aegis}}", "side": "{{side}}", "sites": [{{sites}}], "at": "{{at}}"
            """);

    /// <summary>A ledger in which both sides of the Aegis Ashore mechanism are designated.</summary>
    public static VerificationLedger ActiveAegis()
    {
        var ledger = Ledger();
        Assert.True(ledger.Apply(Designation("aegis-sites", "\"aegis-ashore-deveselu\", \"aegis-ashore-redzikowo\"")).Accepted);
        Assert.True(ledger.Apply(Designation("russian-bases", "\"kamyshlov\", \"shuya\"")).Accepted);
        return ledger;
    }

    public static Step Request(string id, string author, string receiving, string site, string at, string visit, int team = 4,
        string checks = "\"tomahawk-absent\", \"mk41-modules\", \"launcher-configuration\"", string regime = Aegis) =>
        Step("inspection-request", author, $$"""
            "id": "{{id}}", "regime": "{{regime}}", "receiving": "{{receiving}}", "site": "{{site}}", "at": "{{at}}",
            "visit_from": "{{visit}}", "team_size": {{team}}, "checks": [{{checks}}]
            """);

    public static Step Answer(string request, string author, string at, bool accepted = true, string? reason = null) =>
        Step("inspection-answer", author, $$"""
            "request": "{{request}}", "accepted": {{(accepted ? "true" : "false")}}, "at": "{{at}}"{{(reason is null ? "" : $", \"reason\": \"{reason}\"")}}
            """);

    public static Step Visit(string request, string author, string from, string to, int team = 4) =>
        Step("inspection-visit", author, $$"""
            "request": "{{request}}", "from": "{{from}}", "to": "{{to}}", "team_size": {{team}}, "at": "{{to}}"
            """);

    public static Step Report(string request, string author, string at, string items) =>
        Step("inspection-report", author, $$"""
            "request": "{{request}}", "at": "{{at}}", "items": [{{items}}]
            """);

    public const string DeveseluItems = """
        {"check": "mk41-modules", "text": "three 8-cell Mk 41 modules present", "count": 3},
        {"check": "tomahawk-absent", "text": "SM-3 interceptors only; no Tomahawk present", "present": false},
        {"check": "launcher-configuration", "text": "no Tomahawk fire-control hardware"}
        """;

    public static Step Countersign(string request, string author, string at) =>
        Step("inspection-countersignature", author, $$""" "request": "{{request}}", "at": "{{at}}" """);

    public static Step Dissent(string request, string author, string at, string items = "") =>
        Step("inspection-dissent", author, $$""" "request": "{{request}}", "at": "{{at}}", "reason": "not so", "items": [{{items}}] """);

    /// <summary>Applies steps that must all be accepted.</summary>
    public static VerificationLedger Run(this VerificationLedger ledger, params Step[] steps)
    {
        foreach (var s in steps)
        {
            var check = ledger.Apply(s);
            Assert.True(check.Accepted, $"{s.Kind} rejected: {check.Reason}");
        }

        return ledger;
    }

    /// <summary>A Deveselu inspection by Russia, accepted and visited, ready for a report.</summary>
    public static VerificationLedger VisitedDeveselu() =>
        ActiveAegis().Run(
            Request("r1", "RUS", "USA", "aegis-ashore-deveselu", "2022-04-04T09:00:00Z", "2022-04-12T08:00:00Z"),
            Answer("r1", "USA", "2022-04-05T09:00:00Z"),
            Visit("r1", "RUS", "2022-04-12T08:00:00Z", "2022-04-12T20:00:00Z"));
}
