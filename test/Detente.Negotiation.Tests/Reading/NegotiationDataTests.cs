using Detente.Negotiation;

namespace Detente.Negotiation.Tests.Reading;

public sealed class NegotiationDataTests
{
    [Fact]
    public void Load_ShippedData_HasTheRequiredIssuesAndParties()
    {
        var data = Some.ShippedData;
        Assert.True(data.Issues.Length >= 25);
        foreach (var party in new[] { "RUS", "USA", "NATO", "UKR", "FRA" })
        {
            Assert.Contains(data.Parties, p => p.Code == party);
        }

        Assert.All(data.Positions, p => Assert.NotEmpty(p.Sources));
        // Measured issues compute their status quo; only unmeasured ones record it, with the reason they are unmeasured.
        Assert.All(data.Issues, i => Assert.True(i.Measure is not null ? i.StatusQuo.IsEmpty && i.Unmeasured is null
            : i.StatusQuo.Length > 0 && !string.IsNullOrWhiteSpace(i.Unmeasured), i.Id.Value));
    }

    [Fact]
    public void History_RussianLineOnUkraine_HasThreeVersionsInDateOrder()
    {
        var history = Some.ShippedData.History("rus-ukraine-military-presence");
        Assert.Equal(3, history.Length);
        Assert.True(history[0].Date < history[1].Date && history[1].Date < history[2].Date);
    }

    [Fact]
    public void InForce_OnADay_TakesTheLatestVersionOfEachLine()
    {
        var inForce = Some.ShippedData.InForce(new DateOnly(2022, 1, 26));
        Assert.Contains(inForce, p => p.Id.Value == "rus-2021-12-17-no-nato-activity-east");
        Assert.DoesNotContain(inForce, p => p.Id.Value == "rus-2021-11-30-strike-systems-ukraine");
        Assert.DoesNotContain(inForce, p => p.Id.Value == "rus-2022-02-17-no-arms-to-ukraine");
    }

    [Fact]
    public void Load_DomainMaxNotOnStep_ReportsLineAndColumn()
    {
        var e = Some.LoadError(issues: """
            {
              "issues": [
                { "id": "b", "title": "B", "domain": { "kind": "integer", "min": 0, "max": 95, "step": 10 },
                  "measure": "count deployments d", "definition": "b" }
              ]
            }
            """);
        Assert.EndsWith("issues.json", e.Location.File);
        Assert.Equal(3, e.Location.Line);
        Assert.Contains("not a multiple of the step", e.Message);
    }

    [Fact]
    public void Load_UnknownDomainKind_SaysWhatWasExpected()
    {
        var e = Some.LoadError(issues: """
            { "issues": [ { "id": "b", "title": "B", "domain": { "kind": "real" }, "measure": "count deployments d", "definition": "b" } ] }
            """);
        Assert.Contains("expected the domain kind 'yes-no', 'levels' or 'integer', found 'real'", e.Message);
        Assert.Equal(1, e.Location.Line);
    }

    [Fact]
    public void Load_MeasuredIssueWithRecordedStatusQuo_IsRejected()
    {
        var e = Some.LoadError(issues: """
            { "issues": [
              { "id": "a", "title": "A", "domain": { "kind": "yes-no" }, "measure": "UKR in members(NATO)", "definition": "a",
                "status_quo": [ { "from": "2020-01-01", "value": "no", "note": "n", "sources": ["s"] } ] } ] }
            """);
        Assert.Equal(3, e.Location.Line);
        Assert.Contains("issue 'a' is measured from the world, so its status quo is computed, not recorded", e.Message);
    }

    [Fact]
    public void Load_IssueNeitherMeasuredNorUnmeasured_IsRejected()
    {
        var e = Some.LoadError(issues: """
            { "issues": [ { "id": "a", "title": "A", "domain": { "kind": "yes-no" }, "definition": "a" } ] }
            """);
        Assert.Contains("issue 'a' needs 'measure' (rule-language text) or 'unmeasured'", e.Message);
    }

    [Fact]
    public void Load_UnmeasuredWithoutReason_IsRejected()
    {
        var e = Some.LoadError(issues: """
            { "issues": [ { "id": "a", "title": "A", "domain": { "kind": "yes-no" }, "unmeasured": " ", "definition": "a" } ] }
            """);
        Assert.Contains("issue 'a' is unmeasured; say why", e.Message);
    }

    [Fact]
    public void Load_PositionNamingUnknownIssue_ReportsTheIssueAndSuggests()
    {
        var e = Some.LoadError(positions: """
            { "positions": [
              { "id": "x1", "party": "XXX", "kind": "red-line", "date": "2022-01-01", "title": "t",
                "holds": { "issue": "aa", "op": "=", "value": "yes" }, "sources": ["s"] } ] }
            """);
        Assert.Equal(3, e.Location.Line);
        Assert.Contains("unknown issue 'aa'; did you mean 'a'?", e.Message);
    }

    [Fact]
    public void Load_ValueOutsideDomain_ReportsTheDomain()
    {
        var e = Some.LoadError(positions: """
            { "positions": [
              { "id": "x1", "party": "XXX", "kind": "red-line", "date": "2022-01-01", "title": "t",
                "holds": { "issue": "b", "op": "<=", "value": 55 }, "sources": ["s"] } ] }
            """);
        Assert.Contains("55 km is outside the domain of issue 'b' (0..100 step 10)", e.Message);
        Assert.Equal(3, e.Location.Line);
    }

    [Fact]
    public void Load_UnknownLevel_IsRejected()
    {
        var e = Some.LoadError(positions: """
            { "positions": [ { "id": "x1", "party": "XXX", "kind": "red-line", "date": "2022-01-01", "title": "t",
              "holds": { "issue": "c", "op": "=", "value": "lots" }, "sources": ["s"] } ] }
            """);
        Assert.Contains("'lots' is not a value of issue 'c' (expected none / some / many)", e.Message);
    }

    [Fact]
    public void Load_PartysOwnRedLinesContradict_ReportsTheCore()
    {
        var e = Some.LoadError(positions: """
            { "positions": [
              { "id": "x1", "party": "XXX", "kind": "red-line", "date": "2022-01-01", "title": "a",
                "holds": { "issue": "a", "op": "=", "value": "yes" }, "sources": ["s"] },
              { "id": "x2", "party": "XXX", "kind": "red-line", "date": "2022-01-01", "title": "b small",
                "holds": { "issue": "b", "op": "<", "value": 20 }, "sources": ["s"] },
              { "id": "x3", "party": "XXX", "kind": "red-line", "date": "2022-01-02", "title": "b big",
                "holds": { "issue": "b", "op": ">", "value": 30 }, "sources": ["s"] }
            ] }
            """);
        Assert.Contains("the red lines of XXX in force on 2022-01-02 contradict each other: x2, x3 cannot all hold", e.Message);
        Assert.Equal(6, e.Location.Line);
    }

    [Fact]
    public void Load_PositionThatCanNeverHold_IsReported()
    {
        var e = Some.LoadError(positions: """
            { "positions": [
              { "id": "y9", "party": "YYY", "kind": "demand", "weight": 2, "date": "2022-01-01", "title": "t",
                "holds": { "all": [ { "issue": "b", "op": ">", "value": 60 }, { "issue": "b", "op": "<", "value": 40 } ] },
                "sources": ["s"] } ] }
            """);
        Assert.Equal(2, e.Location.Line);
        Assert.Contains("position 'y9' can never hold", e.Message);
    }

    [Fact]
    public void Load_SupersededRedLine_DoesNotContradictItsSuccessor()
    {
        var dir = Some.Directory(positions: """
            { "positions": [
              { "id": "x1", "party": "XXX", "kind": "red-line", "line": "l", "date": "2022-01-01", "title": "a",
                "holds": { "issue": "a", "op": "=", "value": "yes" }, "sources": ["s"] },
              { "id": "x2", "party": "XXX", "kind": "red-line", "line": "l", "date": "2022-02-01", "title": "not a",
                "holds": { "issue": "a", "op": "=", "value": "no" }, "sources": ["s"] }
            ] }
            """);
        Assert.Equal(2, NegotiationData.Load(dir).History("l").Length);
    }

    [Fact]
    public void Load_CyclicLinkage_NamesTheCycle()
    {
        var e = Some.LoadError(positions: """
            { "positions": [
                { "id": "y1", "party": "YYY", "kind": "demand", "weight": 1, "date": "2022-01-01", "title": "t",
                  "holds": { "issue": "a", "op": "=", "value": "no" }, "sources": ["s"] },
                { "id": "y2", "party": "YYY", "kind": "demand", "weight": 1, "date": "2022-01-01", "title": "t",
                  "holds": { "issue": "b", "op": ">=", "value": 50 }, "sources": ["s"] }
              ],
              "linkages": [
                { "id": "k1", "party": "YYY", "date": "2022-01-01", "title": "k1", "members": ["y1", "k2"], "sources": ["s"] },
                { "id": "k2", "party": "YYY", "date": "2022-01-01", "title": "k2", "members": ["y2", "k1"], "sources": ["s"] }
              ] }
            """);
        Assert.Contains("cyclic linkage: k1 → k2 → k1", e.Message);
        Assert.Equal(8, e.Location.Line);
    }

    [Fact]
    public void Load_MalformedJson_ReportsLine()
    {
        var e = Some.LoadError(positions: "{ \"positions\": [\n  { \"id\": \"x1\", }\n] }");
        Assert.Equal(2, e.Location.Line);
        Assert.Contains("malformed JSON", e.Message);
    }

    [Fact]
    public void Load_RedLineWithWeight_IsRejected()
    {
        var e = Some.LoadError(positions: """
            { "positions": [ { "id": "x1", "party": "XXX", "kind": "red-line", "weight": 3, "date": "2022-01-01", "title": "t",
              "holds": { "issue": "a", "op": "=", "value": "yes" }, "sources": ["s"] } ] }
            """);
        Assert.Contains("a red line has no weight", e.Message);
    }

    [Fact]
    public void Load_ShippedSources_EachCarryKindGradeAndOrigin()
    {
        var sources = Some.ShippedData.Sources.Values.ToList();
        Assert.All(sources, s => Assert.Contains(s.Source.Reliability!.Value, "ABCDEF"));
        Assert.All(sources, s => Assert.True(s.Source.Origin is "independent" or "international" || Core.PartyId.IsValidCode(s.Source.Origin!), s.Source.Title));

        // Both sides' own texts are graded as data: the Founding Act on nato.int and the Russian draft in a copy.
        Assert.Equal(((char?)'B', "NATO"), (Some.ShippedData.Sources["founding-act-1997"].Source.Reliability, Some.ShippedData.Sources["founding-act-1997"].Source.Origin));
        Assert.Equal("RUS", Some.ShippedData.Sources["mfa-2021-12-17-agreement"].Source.Origin);
    }

    [Theory]
    [InlineData("\"kind\": \"press\", \"origin\": \"independent\"", "missing field 'reliability' (the source's Admiralty grade, A to F)", 3)]
    [InlineData("\"kind\": \"press\", \"reliability\": \"C\"", "missing field 'origin'", 3)]
    [InlineData("\"reliability\": \"C\", \"origin\": \"independent\"", "missing field 'kind'", 3)]
    [InlineData("\"kind\": \"press\", \"reliability\": \"\",\n \"origin\": \"independent\"", "'' is not a grade", 3)]
    [InlineData("\"kind\": \"press\", \"reliability\": \"C\",\n \"origin\": \"nato\"", "'nato' is not an origin", 4)]
    public void Load_SourceWithoutItsGrade_IsALocatedError(string fields, string expected, int line)
    {
        var sources = "{ \"sources\": {\n \"s\":\n { \"title\": \"t\", \"publisher\": \"p\", \"date\": \"2022-01-01\", \"url\": null, " + fields
                      + ", \"confidence\": \"verified\" } } }";
        var e = Assert.Throws<Core.InputException>(() => NegotiationData.Load(Some.Directory(sources: sources)));
        Assert.Contains(expected, e.Message);
        Assert.EndsWith("sources.json", e.Location.File);
        Assert.Equal(line, e.Location.Line);
    }
}
