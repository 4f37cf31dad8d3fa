using System.Text;
using Detente.Core;

namespace Detente.Data.Tests;

/// <summary>
/// A world read back from statements when a kind holds more facts than one reading run (8192), so its runs are read side by side:
/// the same facts in the same order as the files give, each with its own log index, and of two bad facts the first in log order
/// is the one reported.
/// </summary>
public sealed class RecordReadTests
{
    private const int Deployments = 20_000;

    private static Some ManyDeployments()
    {
        var some = new Some();
        var json = new StringBuilder("{\"deployments\": [");
        for (var i = 0; i < Deployments; i++)
        {
            json.Append(i == 0 ? "" : ",").Append(
                $$"""{"id": "dep-{{i}}", "owner": "{{(i % 3 == 0 ? "USA" : "POL")}}", "site": "base-1", "quantity": {{1 + i % 5000}}, "unit": "troops", """)
                .Append($$"""
                "permanence": "rotational", "mission": "combat", "from": "2017-04-{{1 + i % 28:00}}", "provenance": "reported", "sources": ["src-a"], "confidence": "verified"}
                """);
        }

        some.Write("deployments.json", json.Append("]}").ToString());
        return some;
    }

    private static List<RecordedFact> Recorded(ScenarioManifest manifest) =>
        [.. ScenarioLoader.Facts(manifest).Select((f, i) => new RecordedFact(f.Kind, f.Author ?? "DETENTE-LIBRARIAN", f.Json, i))];

    [Fact]
    public void FromStatements_ManyDeployments_AreTheFilesDeployments_InOrder_EachWithItsLogIndex()
    {
        using var some = ManyDeployments();
        var manifest = ScenarioManifest.Read(some.Directory);
        var loaded = ScenarioLoader.Load(manifest);
        var facts = Recorded(manifest);

        var rebuilt = ScenarioLoader.FromStatements(facts);

        Assert.Equal(Deployments, rebuilt.Deployments.Length);
        Assert.Equal(loaded.Deployments.Select(d => (d.Id, d.Owner, d.Host, d.Site, d.Quantity.Low, d.Quantity.High, d.Period)),
            rebuilt.Deployments.Select(d => (d.Id, d.Owner, d.Host, d.Site, d.Quantity.Low, d.Quantity.High, d.Period)));
        var indexOf = facts.Where(f => f.Kind == StatementKind.DeploymentDeclaration).Select(f => f.Index).ToList();
        Assert.Equal(indexOf.Select(i => (long?)i), rebuilt.Deployments.Select(d => d.Evidence.RecordIndex));
    }

    // Bad inputs tried: an unknown owner in the third run (17,001st deployment) and a malformed quantity in the first; the first is reported.
    [Fact]
    public void FromStatements_BadFactsInTwoRuns_ReportsTheFirstInLogOrder()
    {
        using var some = ManyDeployments();
        var facts = Recorded(ScenarioManifest.Read(some.Directory));
        var deployments = facts.Select((f, i) => (f, i)).Where(x => x.f.Kind == StatementKind.DeploymentDeclaration).Select(x => x.i).ToList();
        int late = deployments[17_001], early = deployments[9_000];
        facts[late] = facts[late] with { Body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(facts[late].Body.Span).Replace("\"USA\"", "\"XXX\"")) };
        facts[early] = facts[early] with { Body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(facts[early].Body.Span).Replace("\"quantity\":", "\"quantity\":\"x\",\"q\":")) };

        var error = Assert.Throws<InputException>(() => ScenarioLoader.FromStatements(facts));

        Assert.Contains($"record entry {facts[early].Index}:", error.Message);
    }
}
