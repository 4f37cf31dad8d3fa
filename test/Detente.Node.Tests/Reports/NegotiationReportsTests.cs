using Detente.Core;
using Detente.Negotiation;
using Detente.Node.Reports.Negotiation;
using Detente.Node.Sessions;

namespace Detente.Node.Tests.Reports;

/// <summary>The status quo the negotiation answers measure, and the words and JSON they share.</summary>
public sealed class NegotiationReportsTests
{
    private static readonly Lazy<ScenarioSession> Shipped = new(() => new ScenarioSession(null));

    private static NegotiationData Data() => NegotiationData.Load(Path.Combine(Paths.DataDirectory(), "negotiation"));

    private static IssueMeasures Compile(NegotiationData data, string agreements) =>
        StatusQuoMeasures.Compile(data, Shipped.Value.FromFiles, Shipped.Value.Atlas, Shipped.Value.Manifest.GeoDirectory, agreements);

    [Fact]
    public void Values_KeepOnlyIssuesWithOneStatusQuoValue()
    {
        var data = Data();
        var measures = Compile(data, Path.Combine(Paths.DataDirectory(), "agreements"));
        var day = new DateOnly(2022, 1, 26);

        var values = StatusQuoMeasures.Values(data, measures, Shipped.Value.FromFiles, day);
        var all = measures.StatusQuo(data, Shipped.Value.FromFiles.At(day));

        Assert.NotEmpty(values);
        Assert.Equal(all.Where(x => x.Value?.Value is not null).Select(x => x.Issue.Id).Order(), values.Keys.Order());
        Assert.Contains(all, x => x.Value?.Value is null);
        var json = StatusQuoMeasures.Json(all, day);
        Assert.Equal(data.Issues.Length, json.Count);
        Assert.All(json, i => Assert.Equal("2022-01-26", (string?)i!["status_quo_at"]));
    }

    [Fact]
    public void Compile_AnAgreementThatDoesNotParse_IsAnInputErrorAtItsFile()
    {
        // Bad input tried: an agreements directory holding one file that is not in the rule language.
        var directory = Directory.CreateTempSubdirectory("detente-measures-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "broken.accord"), "agreement broken {\n  article 1 { this is not a clause\n");

            var e = Assert.Throws<InputException>(() => Compile(Data(), directory));

            Assert.Contains("broken.accord", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void PositionJson_HasTheConditionInWordsAndEverySource()
    {
        var data = Data();
        var demand = data.Positions.First(p => p.Kind == PositionKind.Demand);
        var redLine = data.Positions.First(p => p.Kind == PositionKind.RedLine);

        var json = NegotiationJson.Position(data, demand);

        Assert.Equal("demand", (string?)json["kind"]);
        Assert.Equal(demand.Weight, (int?)json["weight"]);
        Assert.Equal(demand.Condition.Describe(data.IssuesById), (string?)json["in_words"]);
        Assert.Equal(demand.Sources.Length, json["sources"]!.AsArray().Count);
        Assert.Null(NegotiationJson.Position(data, redLine)["weight"]);
        Assert.Equal("red-line", (string?)NegotiationJson.Position(data, redLine)["kind"]);
    }

    [Fact]
    public void Describe_DisputedStatusQuo_ListsEveryCandidate()
    {
        var issue = Data().Issues.First(i => !i.Domain.Labels.IsDefaultOrEmpty);

        Assert.Equal("unknown", NegotiationWords.Describe(issue, null));
        Assert.Equal($"disputed: {issue.Describe(0)} or {issue.Describe(1)}",
            NegotiationWords.Describe(issue, new IssueValue(null, "disputed", "sources disagree", [0, 1])));
        Assert.Equal(issue.Describe(1), NegotiationWords.Describe(issue, new IssueValue(1, "measured", "")));
    }
}
