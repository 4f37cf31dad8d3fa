using Detente.Core;
using Detente.Data;
using Detente.Node.Overlays;

namespace Detente.Node.Tests;

/// <summary>Overlays: hypothetical facts laid over a world in memory, validated by the scenario format's readers.</summary>
public sealed class OverlaysTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("detente-overlay-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Scenario Europe() => ScenarioLoader.Load(Path.Combine(Some.DataDirectory(), "scenarios", "europe-2022"));

    private string Write(string text)
    {
        var path = Path.Combine(_dir, "whatif.json");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Load_ShippedOverlay_AddsItsFactsAndKeepsTheScenario()
    {
        var scenario = Europe();
        var layered = Overlay.Load(scenario, Path.Combine(Some.DataDirectory(), "whatif", "ukraine-joins-nato.json"));
        Assert.Equal(scenario.Memberships.Length + 1, layered.Memberships.Length);
        Assert.Contains(layered.Memberships, m => m.Id.Value == "nato-ukr-hypothetical" && m.Member == new PartyId("UKR"));
        Assert.DoesNotContain(scenario.Memberships, m => m.Id.Value == "nato-ukr-hypothetical");
        Assert.True(layered.Sources.ContainsKey(new SourceId("whatif-hypothetical")));
        Assert.Equal(scenario.Deployments.Length, layered.Deployments.Length);
        Assert.EndsWith("(with hypothetical facts)", layered.Info.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DeploymentNamingAnOverlaySite_IsAccepted()
    {
        // A fact may name what the overlay itself defines, whatever the order of the kinds in the file.
        var path = Write("""
            {"deployments": [{"id": "x-dep", "owner": "USA", "host": "POL", "site": "x-site", "quantity": 5, "unit": "troops",
                              "permanence": "rotational", "mission": "combat", "from": "2022-01-01", "provenance": "declared", "sources": ["x-src"], "confidence": "uncertain"}],
             "sites": [{"id": "x-site", "name": "Somewhere", "host": "POL", "kind": "army-base", "location": {"lat": 52.0, "lon": 20.0},
                        "sources": ["x-src"], "confidence": "uncertain"}],
             "sources": [{"id": "x-src", "title": "t", "publisher": "p", "date": "2026", "kind": "synthetic"}]}
            """);
        var layered = Overlay.Load(Europe(), path);
        Assert.Contains(layered.Deployments, d => d.Id.Value == "x-dep" && d.Site == new SiteId("x-site"));
    }

    [Fact]
    public void Load_UnknownKind_SuggestsTheNearestAndNamesTheFile()
    {
        // Tried: a misspelt kind.
        var path = Write("{\"deploymnets\": []}");
        var e = Assert.Throws<InputException>(() => Overlay.Load(Europe(), path));
        Assert.StartsWith($"{path}:1:", e.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'deployments'?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_IdTheScenarioHolds_IsRefused()
    {
        // Tried: a membership reusing an id of the scenario (it would shadow a real fact).
        var existing = Europe().Memberships[0];
        var path = Write($$"""
            {"memberships": [{"id": "{{existing.Id}}", "alliance": "NATO", "member": "UKR", "joined": "2022-03-01",
                              "sources": ["{{existing.Evidence.Sources[0].Source}}"], "confidence": "uncertain"}]}
            """);
        var e = Assert.Throws<InputException>(() => Overlay.Load(Europe(), path));
        Assert.Contains($"duplicate id '{existing.Id}'", e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{path}:1:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadUnit_NamesLineAndColumnOfTheOverlay()
    {
        // Tried: a misspelt unit on line 4, and the duplicate member "deployments" in another file.
        var path = Write("{\n  \"memberships\": [],\n  \"deployments\": [\n    {\"id\": \"x1\", \"owner\": \"USA\", \"host\": \"POL\", \"quantity\": 5, \"unit\": \"trops\"}\n  ]\n}\n");
        var e = Assert.Throws<InputException>(() => Overlay.Load(Europe(), path));
        Assert.StartsWith($"{path}:4:", e.Message, StringComparison.Ordinal);
        var twice = Write("{\"deployments\": [],\n \"deployments\": []}");
        var dup = Assert.Throws<InputException>(() => Overlay.Load(Europe(), twice));
        Assert.StartsWith($"{twice}:2:2: the member 'deployments' appears twice", dup.Message, StringComparison.Ordinal);
    }
}
