using System.Collections.Immutable;
using Detente.Core;
using Detente.Rules.Ast;
using Detente.Rules.Checking;
using Detente.Rules.Compilation;
using Detente.Rules.Evaluation;
using Detente.Rules.Parsing;
using Detente.Rules.Runtime;

namespace Detente.Rules.Tests;

/// <summary>The rule language's stages, each tested from a golden case file: one case per line, input ⇶ expected.</summary>
public sealed class GoldenCases
{
    private static readonly string[] Regions = ["europe", "eastern-europe", "former-ussr"];

    private static readonly string[] Parties = ["USA", "POL", "RUS", "DEU", "LTU", "NATO"];

    public static TheoryData<string, string> Read(string file)
    {
        var data = new TheoryData<string, string>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Cases", file)))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var at = line.IndexOf(" ⇶ ", StringComparison.Ordinal);
            data.Add(line[..at], line[(at + 3)..]);
        }

        return data;
    }

    public static TheoryData<string, string> ParseCases => Read("parse-cases.txt");

    public static TheoryData<string, string> CheckCases => Read("check-cases.txt");

    public static TheoryData<string, string> EvaluateCases => Read("evaluate-cases.txt");

    public static TheoryData<string, string> CompileCases => Read("compile-cases.txt");

    public static TheoryData<string, string> ClauseCases => Read("clause-cases.txt");

    [Theory]
    [MemberData(nameof(ParseCases))]
    public void Parse_Case_PrintsOrReportsPosition(string input, string expected)
    {
        string actual;
        try
        {
            actual = Parser.ParseExpression(input).ToString()!;
        }
        catch (RuleException e)
        {
            actual = $"error {e.Errors[0].Position}: {e.Errors[0].Message}";
        }

        Assert.Equal(expected, actual);
    }

    private static CheckScope Scope() => CheckScope.Empty(Regions, Parties)
        .With("d", FactKind.Deployment).With("a", FactKind.Activity) with
    {
        Parameters = ImmutableDictionary<string, RuleType>.Empty.Add("europe-states", RuleType.Parties),
    };

    [Theory]
    [MemberData(nameof(CheckCases))]
    public void Check_Case_TypesOrReportsNearestName(string input, string expected)
    {
        string actual;
        try
        {
            actual = new Checker("").Check(Parser.ParseExpression(input), Scope()).ToString();
        }
        catch (RuleException e)
        {
            actual = $"error {e.Errors[0].Position}: {e.Errors[0].Message}";
        }

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(EvaluateCases))]
    public void Evaluate_Case_GivesFourValuedTruth(string input, string expected)
    {
        var space = input.IndexOf(' ', StringComparison.Ordinal);
        var factId = input[..space];
        var scenario = Some.Scenario();
        var world = scenario.At(Some.Day);
        string actual;
        try
        {
            var expr = Parser.ParseExpression(input[(space + 1)..]);
            var checker = new Checker("");
            checker.Check(expr, CheckScope.Empty(Regions, Parties).With("d", FactKind.Deployment), RuleType.Truth);
            var compiled = new ExprCompiler(checker.Types, new Dictionary<string, int> { ["d"] = 0 }).Compile(expr);
            var env = new Env(world, new RuleGeography(null, null), new Dictionary<string, object>());
            env.Slots[0] = scenario.Deployments.Single(d => d.Id.Value == factId);
            actual = ExprCompiler.Word((Truth)compiled(env)!);
        }
        catch (RuleException)
        {
            actual = "error";
        }

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(CompileCases))]
    public void Compile_Case_IndexesWhatTheClauseReads(string input, string expected)
    {
        var text = "agreement t title \"t\" kind draft date 2021-12-17 parties {RUS} article 1 \"x\" clause \"c\"\n" + input;
        string actual;
        try
        {
            var agreement = AgreementCompiler.Compile(Parser.ParseDocument(text, ""), Regions, Parties);
            var clause = agreement.Clauses.Single();
            actual = $"{clause.Kind} reads {string.Join(",", clause.Reads.Order())}" + (clause.JoinsOnActivity ? " joining on the activity" : "");
        }
        catch (RuleException e)
        {
            actual = $"error {e.Errors[0].Position}: {e.Errors[0].Message}";
        }

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(ClauseCases))]
    public void Clause_Case_GivesFindingsWithTheirFigures(string input, string expected)
    {
        var text = "agreement t title \"t\" kind draft date 2021-12-17 parties {RUS} article 1 \"x\" clause \"c\"\n" + input;
        Activity A(string id, int m1, int d1, int m2, int d2, Quantity troops) =>
            Some.Activity(id, "RUS", new DateOnly(m1 == 12 ? 2021 : 2022, m1, d1), new DateOnly(m2 == 12 ? 2021 : 2022, m2, d2), troops);
        var scenario = Some.Scenario([
            A("a1", 1, 1, 1, 20, Quantity.Of(14000)), A("a2", 1, 5, 1, 25, Quantity.Of(14000)), A("a3", 1, 10, 1, 15, Quantity.Of(20000)),
            A("a4", 1, 12, 1, 30, Quantity.Of(14000)), A("a5", 1, 13, 1, 14, Quantity.Of(14000)), A("a0", 12, 1, 12, 31, Quantity.Of(14000)),
            A("ad", 1, 8, 1, 9, Quantity.FromClaims([new Claim(12000, 12000, new PartyId("RUS")), new Claim(15000, 15000, new PartyId("LTU"))])),
        ]);
        string actual;
        try
        {
            var agreement = AgreementCompiler.Compile(Parser.ParseDocument(text, ""), Regions, Parties);
            var findings = new Evaluator(new RuleGeography(null, null)).Evaluate(agreement, scenario.At(Some.Day));
            actual = string.Join("; ", findings.Where(f => f.Subject.Kind != "party").Select(f =>
                $"{f.Party} {Finding.Word(f.Status)} {f.Explanation[..f.Explanation.IndexOf(" (a", StringComparison.Ordinal)]}"));
        }
        catch (RuleException e)
        {
            actual = $"error {e.Errors[0].Position}: {e.Errors[0].Message}";
        }

        Assert.Equal(expected, actual);
    }
}
