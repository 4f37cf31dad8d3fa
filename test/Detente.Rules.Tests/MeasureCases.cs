using System.Globalization;
using Detente.Core;
using Detente.Rules.Compilation;
using Detente.Rules.Measures;
using Detente.Rules.Parsing;
using Detente.Rules.Runtime;

namespace Detente.Rules.Tests;

/// <summary>Standalone measures (issues of the negotiation analysis), from the golden file <c>Cases/measure-cases.txt</c>.</summary>
public sealed class MeasureCases
{
    private static readonly Dictionary<string, double> Levels = new(StringComparer.Ordinal)
    {
        ["none"] = 0,
        ["rotational"] = 1,
        ["permanent-substantial"] = 2,
    };

    public static TheoryData<string, string> Cases => GoldenCases.Read("measure-cases.txt");

    private static MeasureEnvironment Environment()
    {
        var environment = MeasureEnvironment.Over(new RuleGeography(null, null), ["USA", "POL", "RUS", "DEU", "LTU", "UKR", "NATO"]);
        environment.ReadAgreements(AgreementsDirectory);
        return environment;
    }

    /// <summary>Test documents: a treaty in force on the test day, one that expired, a draft, and one in force only later.</summary>
    private static string AgreementsDirectory => Path.Combine(AppContext.BaseDirectory, "Cases", "measure-agreements");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Measure_Case_EvaluatesOrReportsPosition(string input, string expected)
    {
        var space = input.IndexOf(' ', StringComparison.Ordinal);
        var kind = input[..space] == "yes-no" ? MeasureKind.YesNo : MeasureKind.Number;
        var text = input[(space + 1)..];
        string actual;
        try
        {
            var measure = Measure.Compile(new MeasureText(text, "m"), kind, Environment(), Levels, 0, 10);
            var result = measure.Evaluate(Some.Scenario().At(Some.Day));
            actual = result.Outcome switch
            {
                MeasureOutcome.Determined => "determined " + Format(result.Value!.Value),
                _ => $"{result.Outcome.ToString().ToLowerInvariant()} {string.Join("|", result.Candidates.Select(Format))}",
            };
        }
        catch (InputException e)
        {
            actual = $"error {e.Location.Line}:{e.Location.Column}: {e.Problem}";
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Measure_InJsonString_ReportsFilePosition()
    {
        // The text sits at line 7, from column 20 of its file; the locator maps offsets in the text to the file.
        var text = new MeasureText("UKR in members(NATOO)", "issues.json", offset => (7, 20 + offset));
        var e = Assert.Throws<InputException>(() => Measure.Compile(text, MeasureKind.YesNo, Environment()));
        Assert.Equal("issues.json:7:35: unknown party 'NATOO'; did you mean 'NATO'?", e.Diagnostics[0].ToString());
    }

    [Fact]
    public void Measure_ParameterDependsOnTheDate()
    {
        var env = Environment();
        env.DeclareParameter("new-members", "states", new MeasureText("members(NATO) - members(NATO, 1997-05-27)", "p"));
        var measure = Measure.Compile(new MeasureText("count deployments d where d.host in new-members", "m"), MeasureKind.Number, env);
        Assert.Equal(1, measure.Evaluate(Some.Scenario().At(Some.Day)).Value);
        Assert.Equal(0, measure.Evaluate(Some.Scenario().At(new DateOnly(1998, 1, 1))).Value);
        Assert.Equal(["Deployment"], measure.Reads.Select(r => char.ToUpperInvariant(r[0]) + r[1..]));
    }

    [Fact]
    public void Parameter_OfTheWrongType_IsLocated()
    {
        var e = Assert.Throws<InputException>(() =>
            Environment().DeclareParameter("threshold", "number", new MeasureText("members(NATO)", "issues.json", o => (3, 10 + o))));
        Assert.Equal("issues.json:3:10: 'members(NATO)': expected a number, found a set of parties", e.Diagnostics[0].ToString());
    }

    [Fact]
    public void Clause_WithAMeasureForm_IsRejected()
    {
        var text = "agreement t title \"t\" kind draft date 2021-12-17 parties {RUS} article 1 \"x\" clause \"c\"\n"
            + "forbid deployments d by d.owner where exists memberships m where m.member = d.host";
        var e = Assert.Throws<RuleException>(() => AgreementCompiler.Compile(Parser.ParseDocument(text, ""), [], null));
        Assert.Equal("2:39: 'exists' is allowed in issue measures only; a clause ranges over facts with forbid, limit, require or right",
            e.Errors[0].ToString());
    }

    [Fact]
    public void AgreementCalls_NoteWhatDecidedThem()
    {
        var text = "if in-force(t-draft) then parameter(t-draft, zone-width-km) else parameter(t-treaty, zone-width-km)";
        var measure = Measure.Compile(new MeasureText(text, "m"), MeasureKind.Number, Environment());
        var result = measure.Evaluate(Some.Scenario().At(Some.Day));
        Assert.Equal(50, result.Value);
        Assert.Equal(
            "t-draft is not in force on 2022-01-12: a draft with no in-force date (never signed) | "
                + "t-treaty is in force on 2022-01-12 (from 2020-01-01); it sets zone-width-km = 50",
            string.Join(" | ", result.Notes));
        Assert.Empty(result.Facts);
        Assert.Empty(measure.Reads);

        // The same measure a day after the treaty ended: the draft still is not in force and the treaty sets nothing.
        var later = measure.Evaluate(Some.Scenario().At(new DateOnly(2024, 1, 1)));
        Assert.Equal(MeasureOutcome.Undetermined, later.Outcome);
        Assert.Contains("t-treaty is not in force on 2024-01-01: ceased to apply on 2023-12-31 (test dates), so it sets no zone-width-km",
            later.Notes);
    }

    [Fact]
    public void AgreementCall_WithoutAgreementsLoaded_IsLocated()
    {
        var env = MeasureEnvironment.Over(new RuleGeography(null, null), ["USA"]);
        var e = Assert.Throws<InputException>(() =>
            Measure.Compile(new MeasureText("in-force(vienna-document-2011)", "issues.json", o => (4, 20 + o)), MeasureKind.YesNo, env));
        Assert.Equal(
            "issues.json:4:29: no agreements are loaded, so 'vienna-document-2011' cannot be read; load data/agreements with the measures",
            e.Diagnostics[0].ToString());
    }

    [Fact]
    public void ReadAgreements_BadDocument_ReportsItsFileLineAndColumn()
    {
        // A document whose parameter default names an unknown party: the library's error, at the .accord file's line and column.
        var dir = Path.Combine(Path.GetTempPath(), "detente-measure-agreements-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "t-bad.accord"),
            "agreement t-bad\n  title \"t\"\n  kind treaty\n  date 2020-01-01\n  parties {USA, RUSS}\n  in-force 2020-01-01\n"
            + "  source t \"t\"\n\narticle 1 \"x\"\n  uncheckable \"y\"\n");
        var env = MeasureEnvironment.Over(new RuleGeography(null, null), ["USA", "RUS"]);
        var e = Assert.Throws<InputException>(() => env.ReadAgreements(dir));
        Assert.Equal($"{Path.GetFileName(dir)}/t-bad.accord:5:17: unknown party 'RUSS'; did you mean 'RUS'?", e.Diagnostics[0].ToString());
    }

    [Fact]
    public void Clause_WithAnAgreementCall_IsRejected()
    {
        var text = "agreement t title \"t\" kind draft date 2021-12-17 parties {RUS} article 1 \"x\" clause \"c\"\n"
            + "forbid deployments d by d.owner where in-force(t)";
        var e = Assert.Throws<RuleException>(() => AgreementCompiler.Compile(Parser.ParseDocument(text, ""), [], null));
        Assert.Equal("2:39: 'in-force' is allowed in issue measures only; a clause belongs to its own document", e.Errors[0].ToString());
    }

    private static string Format(double v) => v.ToString(CultureInfo.InvariantCulture);
}
