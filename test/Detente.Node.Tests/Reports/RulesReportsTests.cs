using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Data;
using Detente.Node.Reports.Rules;
using Detente.Rules;
using Detente.Rules.Compilation;
using Detente.Rules.Runtime;

namespace Detente.Node.Tests.Reports;

/// <summary>The rules reports the CLI renders and the server will serve, over the shipped scenario and agreements.</summary>
public sealed class RulesReportsTests
{
    private static readonly DateOnly Day = new(2022, 1, 12);

    private static readonly Lazy<(Scenario Scenario, RuleEngine Engine, AgreementLibrary Library)> Shipped = new(() =>
    {
        var scenario = ScenarioLoader.Load(Path.Combine(Some.DataDirectory(), "scenarios", "europe-2022"));
        var engine = new RuleEngine(RuleGeography.Load(Path.Combine(Some.DataDirectory(), "geo")), scenario.Parties.Keys.Select(p => p.Code).ToHashSet());
        Assert.True(engine.TryLoad(Path.Combine(Some.DataDirectory(), "agreements"), out var library, out var errors), string.Join("\n", errors));
        return (scenario, engine, library);
    });

    private static Agreement Doc(string id) => Shipped.Value.Library.Find(id) ?? throw new InvalidOperationException(id);

    [Fact]
    public void Check_OneDraft_JsonSaysItIsNotInForceAndEveryFindingIsHypothetical()
    {
        var (scenario, engine, _) = Shipped.Value;
        var json = CheckReport.One(engine, Doc("ru-nato-2021-draft"), scenario.At(Day), null, [], null).ToJson();
        Assert.Equal(["agreement", "at", "standing", "findings"], json.Select(m => m.Key));
        Assert.Equal("not-in-force", (string?)json["standing"]);
        Assert.Equal("2022-01-12", (string?)json["at"]);
        var findings = json["findings"]!.AsArray();
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.True((bool)f!["hypothetical"]!));
    }

    [Fact]
    public void Check_OneParty_KeepsItsFindingsAndTheUncheckableClausesBindingIt()
    {
        var (scenario, engine, _) = Shipped.Value;
        var report = CheckReport.One(engine, Doc("nato-2022-response"), scenario.At(new DateOnly(2022, 2, 1)), null, [], "RUS");
        Assert.NotEmpty(report.Findings);
        Assert.All(report.Findings, f => Assert.True(f.PartyCode == "RUS" || f.Status == FindingStatus.NotCheckable));
        Assert.Contains(report.Findings, f => f.Status == FindingStatus.NotCheckable);
    }

    [Fact]
    public void Check_All_MatrixCellsCountEveryStatusAndAddUpToTheFindings()
    {
        var (scenario, engine, library) = Shipped.Value;
        var report = CheckReport.All(engine, library.All, scenario.At(Day), _ => null, [], null);
        var cells = report.ToJson()["matrix"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.All(cells, c => Assert.Equal(["party", "agreement", "violated", "disputed", "not_reported", "undetermined", "complied", "not_applicable",
            "not_checkable"],
            c.Select(m => m.Key)));
        Assert.Equal(report.Findings.Count(f => f.Party is not null && f.Status == FindingStatus.Violated), cells.Sum(c => (int)c["violated"]!));
        Assert.Equal(report.Matrix!.NotCheckableTotal, cells.Sum(c => (int)c["not_checkable"]!));
        Assert.Equal(report.Findings.Count(f => f.Party is not null && f.Status == FindingStatus.NotReported), cells.Sum(c => (int)c["not_reported"]!));
        Assert.DoesNotContain(cells, c => (string?)c["party"] == Finding.EveryParty);
    }

    [Fact]
    public void Timeline_ChangesOnly_KeepsTheFirstDateAndTheDatesWithChanges()
    {
        var (scenario, engine, _) = Shipped.Value;
        var doc = Doc("nato-russia-founding-act-1997");
        var all = TimelineReport.Build(engine, doc, scenario, new DateOnly(2014, 1, 1), new DateOnly(2022, 12, 1), TimelineStep.Year, null, null, false);
        var changes = TimelineReport.Build(engine, doc, scenario, new DateOnly(2014, 1, 1), new DateOnly(2022, 12, 1), TimelineStep.Year, null, null, true);
        Assert.Equal(9, all.Dates.Count);
        Assert.Equal([all.Dates[0].Day, .. all.Dates.Skip(1).Where(d => d.Changes.Count > 0).Select(d => d.Day)], changes.Dates.Select(d => d.Day));
        Assert.Contains(all.Dates, d => d.Changes.Count > 0);
        Assert.Empty(all.Dates[0].Changes);
    }

    [Fact]
    public void Timeline_PartyTheDocumentDoesNotBind_SaysWhyEveryCountIsZero()
    {
        var (scenario, engine, _) = Shipped.Value;
        var report = TimelineReport.Build(engine, Doc("inf-1987"), scenario, new DateOnly(2020, 1, 1), new DateOnly(2020, 3, 1), TimelineStep.Month, null, "POL", false);
        Assert.All(report.Dates, d => Assert.Empty(d.Findings));
        Assert.StartsWith("No findings on these dates: inf-1987 binds POL by no clause", report.Note, StringComparison.Ordinal);
        Assert.Empty(report.ToJson()["points"]![0]!["counts"]!.AsObject());
    }

    [Fact]
    public void WhatIf_SameWorldTwice_ChangesNothing()
    {
        var (scenario, engine, library) = Shipped.Value;
        var report = WhatIfReport.Build(engine, library.All, scenario, scenario, Day, _ => null, "none.json");
        Assert.Empty(report.Changes);
        Assert.Equal("none.json", (string?)report.ToJson()["apply"]);
    }

    [Fact]
    public void Explain_Subject_StepsEndWithItsFindingsAndTheirEvidence()
    {
        var (scenario, engine, _) = Shipped.Value;
        var doc = Doc("ru-nato-2021-draft");
        var finding = engine.Evaluate(doc, scenario.At(Day)).First(f => f.Subject.Kind == "deployment");
        Assert.True(engine.TryExplain(doc, finding.Clause.Number!, scenario, scenario.At(Day), null, finding.Subject.Id, out var x, out var problem), problem);
        var steps = ExplainReport.Build(x, scenario).Steps;
        Assert.StartsWith("Document ru-nato-2021-draft — ", steps[0].Text, StringComparison.Ordinal);
        Assert.StartsWith($"Clause {finding.Clause} (", steps[2].Text, StringComparison.Ordinal);
        Assert.Contains(steps, s => s.Finding?.Key == finding.Key);
        Assert.All(steps.Where(s => s.Finding is not null), s => Assert.Contains(s.Finding!.Explanation, s.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void AllowedValues_ParameterTypesAndDocumentKindsComeFromTheRuleLanguage()
    {
        var fields = AllowedValues.All.ToDictionary(f => f.Name);
        Assert.Equal(RuleEngine.ParameterTypes, fields["parameter-type"].Allowed);
        Assert.Contains("treaty", fields["document-kind"].Allowed);
        var json = AllowedValues.ToJson([fields["launch"]]);
        Assert.Equal("launch", (string?)json["fields"]![0]!["field"]);
    }
}
