using Detente.Core;
using Detente.Negotiation;

namespace Detente.Negotiation.Tests.Reading;

/// <summary>
/// Bad measures are rejected at the issues file's line and column, inside the JSON string. Tried: an unknown alliance, a field a
/// deployment does not have, a condition where a numeric issue needs a number, a level literal outside the domain, a misspelt
/// level, an unknown parameter type, a parameter of the wrong type, and a position after JSON escapes in the string.
/// </summary>
public sealed class MeasureErrorsTests
{
    private static InputException CompileError(string issues)
    {
        var data = NegotiationData.Load(Some.Directory(issues: issues, positions: """{ "positions": [] }"""));
        return Assert.Throws<InputException>(() => IssueMeasures.Compile(data, Some.Environment()));
    }

    private static string Issue(string domain, string measure) => $$"""
        { "issues": [
          { "id": "a", "title": "A", "domain": {{domain}},
            "measure": "{{measure}}", "definition": "a" } ] }
        """;

    [Fact]
    public void Measure_UnknownAlliance_ReportsColumnAndNearestName()
    {
        var e = CompileError(Issue("""{ "kind": "yes-no" }""", "UKR in members(NATOO)"));
        Assert.EndsWith("issues.json", e.Location.File);
        Assert.Equal((3, 32), (e.Location.Line, e.Location.Column));
        Assert.Equal("unknown party 'NATOO'; did you mean 'NATO'?", e.Problem);
    }

    [Fact]
    public void Measure_UnknownField_ReportsColumnAndNearestField()
    {
        var e = CompileError(Issue("""{ "kind": "yes-no" }""", "exists deployments d where d.permanance = permanent"));
        Assert.Equal((3, 45), (e.Location.Line, e.Location.Column));
        Assert.Equal("unknown field of a deployment 'permanance'; did you mean 'permanence'?", e.Problem);
    }

    [Fact]
    public void Measure_ConditionForANumericIssue_SaysANumberWasExpected()
    {
        var e = CompileError(Issue("""{ "kind": "integer", "min": 0, "max": 10, "step": 1 }""", "UKR in members(NATO)"));
        Assert.Equal((3, 17), (e.Location.Line, e.Location.Column));
        Assert.Contains("expected a number (a count, a sum or a level), found a condition", e.Problem);
    }

    [Fact]
    public void Measure_LiteralOutsideTheDomain_IsRejected()
    {
        var e = CompileError(Issue("""{ "kind": "integer", "min": 0, "max": 10, "step": 1 }""", "if UKR in members(NATO) then 12 else 0"));
        Assert.Equal((3, 46), (e.Location.Line, e.Location.Column));
        Assert.Equal("the value 12 is outside the issue's domain 0..10", e.Problem);
    }

    [Fact]
    public void Measure_MisspeltLevel_SuggestsTheLevel()
    {
        var e = CompileError(Issue(
            """{ "kind": "levels", "levels": ["none", "rotational"] }""", "if UKR in members(NATO) then rotatonal else none"));
        Assert.Equal("unknown name 'rotatonal'; did you mean 'rotational'?", e.Problem);
    }

    [Fact]
    public void Measure_AfterEscapesInTheString_IsLocatedInTheFile()
    {
        // \" is two characters in the file for one in the measure, so the error column counts the file's characters.
        var e = CompileError(Issue(
            """{ "kind": "yes-no" }""", """exists deployments d where d.id = \"usa-pol\" and d.host in members(NATOO)"""));
        Assert.Equal((3, 85), (e.Location.Line, e.Location.Column));
        Assert.Equal("unknown party 'NATOO'; did you mean 'NATO'?", e.Problem);
    }

    [Fact]
    public void Parameter_OfTheWrongType_IsLocated()
    {
        var e = CompileError("""
            { "parameters": [
                { "name": "p", "type": "number", "value": "members(NATO)", "documentation": "d", "sources": ["s"] } ],
              "issues": [ { "id": "a", "title": "A", "domain": { "kind": "yes-no" }, "measure": "p > 3", "definition": "a" } ] }
            """);
        Assert.Equal((2, 48), (e.Location.Line, e.Location.Column));
        Assert.Contains("expected a number, found a set of parties", e.Problem);
    }

    [Fact]
    public void Parameter_UnknownType_SuggestsTheType()
    {
        var e = CompileError("""
            { "parameters": [ { "name": "p", "type": "numbr", "value": "3", "documentation": "d", "sources": ["s"] } ],
              "issues": [ { "id": "a", "title": "A", "domain": { "kind": "yes-no" },
                "measure": "UKR in members(NATO)", "definition": "a" } ] }
            """);
        Assert.Equal((1, 42), (e.Location.Line, e.Location.Column));
        Assert.Equal("unknown parameter type 'numbr'; expected one of: number, km, days, date, states, party, bool (did you mean 'number'?)", e.Problem);
    }

    [Fact]
    public void ShippedMeasures_UsingAParameter_Compile()
    {
        Assert.True(Some.ShippedMeasures.IsRegistered(new IssueId("allied-forces-post-1997")));
        Assert.Contains(Some.ShippedData.Parameters, p => p.Name == "substantial-combat-forces" && p.Sources.Length > 0);
    }
}
