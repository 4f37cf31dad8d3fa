using System.Text.Json.Nodes;

namespace Detente.Data.Tests;

/// <summary>The one writer of the scenario format: what it writes, the loader reads back to the same facts.</summary>
public sealed class FactWriterTests
{
    [Fact]
    public void Write_ThenLoad_GivesTheSameFacts()
    {
        using var some = new Some();
        var first = some.Load();
        foreach (var (kind, facts) in Kinds(first))
        {
            some.Write($"{kind}.json", new JsonObject { [kind] = new JsonArray([.. facts]) }.ToJsonString());
        }

        var second = some.Load();
        Assert.Equal(Text(first), Text(second));
        Assert.Contains("\"quantity\":{\"min\":1500,\"max\":1700}", Text(second), StringComparison.Ordinal);
        Assert.Contains("{\"ref\":\"src-a\",\"locator\":", Text(second), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NotAFact_IsRefused() =>
        Assert.Throws<ArgumentException>(() => FactWriter.Write("a string"));

    private static IEnumerable<(string Kind, IEnumerable<JsonNode> Facts)> Kinds(Core.Scenario s) =>
    [
        ("deployments", s.Deployments.Select(d => (JsonNode)FactWriter.Deployment(d))),
        ("activities", s.Activities.Select(a => (JsonNode)FactWriter.Activity(a))),
        ("memberships", s.Memberships.Select(m => (JsonNode)FactWriter.Membership(m))),
        ("notifications", s.Notifications.Select(n => (JsonNode)FactWriter.Notification(n))),
        ("observations", s.Observations.Select(o => (JsonNode)FactWriter.Observation(o))),
    ];

    private static string Text(Core.Scenario s) =>
        string.Join("\n", Kinds(s).Select(k => k.Kind + ": " + string.Join(",", k.Facts.Select(f => f.ToJsonString()))));
}
