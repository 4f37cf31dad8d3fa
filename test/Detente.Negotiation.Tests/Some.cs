using Detente.Core;
using Detente.Negotiation;
using Detente.Rules.Measures;

namespace Detente.Negotiation.Tests;

/// <summary>Test data: the shipped negotiation data, and small data directories written from JSON text.</summary>
internal static class Some
{
    private static readonly Lazy<NegotiationData> Shipped = new(() => NegotiationData.Load(ShippedDirectory));

    public static string ShippedDirectory => Path.Combine(AppContext.BaseDirectory, "data", "negotiation");

    public static NegotiationData ShippedData => Shipped.Value;

    private static readonly Lazy<Scenario> EuropeScenario = new(() =>
        Detente.Data.ScenarioLoader.Load(Path.Combine(RepositoryRoot(), "data", "scenarios", "europe-2022")));

    private static readonly Lazy<MeasureEnvironment> Geography = new(() => MeasureEnvironment.Load(GeoDirectory));

    private static readonly Lazy<IssueMeasures> ShippedMeasureSet = new(() => IssueMeasures.Compile(ShippedData, Environment()));

    /// <summary>The shipped scenario, europe-2022.</summary>
    public static Scenario Scenario => EuropeScenario.Value;

    public static string GeoDirectory => Path.Combine(RepositoryRoot(), "data", "geo");

    /// <summary>The shipped issues' measures, compiled once (geography loads once per test run).</summary>
    public static IssueMeasures ShippedMeasures => ShippedMeasureSet.Value;

    /// <summary>
    /// A fresh environment over the shared geography and the shipped agreements, so each test declares its own parameters.
    /// </summary>
    public static MeasureEnvironment Environment()
    {
        var environment = MeasureEnvironment.Load(GeoDirectory, Scenario.Parties.Keys.Select(p => p.Code));
        environment.ReadAgreements(Path.Combine(RepositoryRoot(), "data", "agreements"));
        return environment;
    }

    /// <summary>The shipped data's status quo on <paramref name="day"/>, measured in the europe-2022 world.</summary>
    public static Dictionary<IssueId, int> StatusQuo(DateOnly day) => ShippedMeasures.Values(ShippedData, Scenario.At(day));

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Detente.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Detente.slnx not found above " + AppContext.BaseDirectory);
    }

    public const string Sources = """
        { "sources": { "s": { "title": "t", "publisher": "p", "date": "2022-01-01", "url": null, "kind": "press", "reliability": "C", "origin": "independent", "confidence": "verified" } } }
        """;

    public const string Issues = """
        {
          "issues": [
            { "id": "a", "title": "A", "domain": { "kind": "yes-no" }, "measure": "UKR in members(NATO)", "definition": "a" },
            { "id": "b", "title": "B", "domain": { "kind": "integer", "min": 0, "max": 100, "step": 10, "unit": "km" },
              "measure": "count deployments d where d.host = UKR", "definition": "b" },
            { "id": "c", "title": "C", "domain": { "kind": "levels", "levels": ["none", "some", "many"] },
              "measure": "if USA in members(NATO) then some else none", "definition": "c" }
          ]
        }
        """;

    public const string Positions = """
        {
          "positions": [
            { "id": "x1", "party": "XXX", "kind": "red-line", "date": "2022-01-01", "title": "a",
              "holds": { "issue": "a", "op": "=", "value": "yes" }, "sources": ["s"] },
            { "id": "y1", "party": "YYY", "kind": "red-line", "date": "2022-01-01", "title": "not a",
              "holds": { "issue": "a", "op": "=", "value": "no" }, "sources": ["s"] },
            { "id": "y2", "party": "YYY", "kind": "demand", "weight": 5, "date": "2022-01-01", "title": "b big",
              "holds": { "issue": "b", "op": ">=", "value": 50 }, "sources": ["s"] }
          ]
        }
        """;

    /// <summary>Writes a data directory with the given files (defaults for those not given) and returns its path.</summary>
    public static string Directory(string? issues = null, string? positions = null, string? sources = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "detente-negotiation-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "sources.json"), sources ?? Sources);
        File.WriteAllText(Path.Combine(dir, "issues.json"), issues ?? Issues);
        File.WriteAllText(Path.Combine(dir, "positions.json"), positions ?? Positions);
        return dir;
    }

    public static InputException LoadError(string? issues = null, string? positions = null) =>
        Assert.Throws<InputException>(() => NegotiationData.Load(Directory(issues, positions)));
}
