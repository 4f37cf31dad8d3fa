using System.CommandLine;
using System.Text.Json;
using Detente.Cli.Rendering;

namespace Detente.Cli.Tests;

/// <summary>
/// The verbs that moved onto the shared table renderer (issue 18): analyze, propose, redlines compare, positions show and
/// history, explain, record list, lint and agreements show fit the terminal without breaking an id, group identical rows
/// where they repeat, and write the same table as CSV (RFC 4180) that parses back to what <c>--json</c> says.
/// </summary>
public sealed class TableVerbsTests : IDisposable
{
    private static readonly string NonPaper = Path.Combine(Cli.RepositoryRoot(), "data", "negotiation", "proposals", "us-nonpaper-2022-01-26.json");

    private readonly string _dir = Directory.CreateTempSubdirectory("detente-cli-tables-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void AssertFits(Cli.Result result, int width, IEnumerable<string> ids)
    {
        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.All(lines, l => Assert.True(l.Length <= width, $"a line of {l.Length} columns at width {width}: {l}"));
        foreach (var id in ids.Distinct())
        {
            Assert.True(lines.Any(l => l.Contains(id, StringComparison.Ordinal)), $"'{id}' is not whole on any line at width {width}");
        }
    }

    private static List<List<string>> CsvOf(params string[] args)
    {
        var result = Cli.Run(args);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("\r\n", result.Output);
        return CsvText.Parse(result.Output);
    }

    private static List<string> Column(List<List<string>> csv, string name)
    {
        var i = csv[0].IndexOf(name);
        Assert.True(i >= 0, $"no column '{name}' in {string.Join(",", csv[0])}");
        return [.. csv.Skip(1).Select(r => r[i])];
    }

    private static readonly string[] Analyze = ["analyze", "--parties", "RUS,USA,NATO", "--at", "2022-01-26", "--budget", "4"];

    [Fact]
    public void Analyze_CsvDistances_HasOneRecordPerPartyOfTheJson()
    {
        var json = Cli.Run([.. Analyze, "--json"]).Json();
        var parties = json.GetProperty("status_quo").GetProperty("parties").EnumerateArray().Select(p => p.GetProperty("party").GetString()!).ToList();
        var csv = CsvOf([.. Analyze, "--csv", "--table", "distances"]);
        Assert.Equal(["Party", "Red lines unmet", "Demand weight met", "Fewest issue changes for all its red lines"], csv[0]);
        Assert.Equal(parties, Column(csv, "Party"));
    }

    [Fact]
    public void Analyze_CsvConflicts_KeepsEachConflictsPositionsInOneQuotedField()
    {
        var json = Cli.Run([.. Analyze, "--json"]).Json();
        var result = Cli.Run([.. Analyze, "--csv", "--table", "conflicts"]);
        var csv = CsvText.Parse(result.Output);
        var conflicts = json.GetProperty("conflicts").EnumerateArray().ToList();
        Assert.Equal(conflicts.Count, csv.Count - 1);

        // Several positions per conflict are one field with line breaks, which RFC 4180 requires to be quoted.
        var many = conflicts.FindIndex(c => c.GetProperty("clauses").GetArrayLength() > 1);
        Assert.True(many >= 0);
        Assert.Equal(conflicts[many].GetProperty("clauses").GetArrayLength(), csv[many + 1][1].Split('\n').Length);
        Assert.Contains(",\"", result.Output);
    }

    [Fact]
    public void Analyze_CsvWithoutTable_ListsTheTablesAsBadInput()
    {
        var result = Cli.Run([.. Analyze, "--csv"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("conflicts, package, distances", result.Error);
        Assert.Equal(2, Cli.Run([.. Analyze, "--csv", "--json", "--table", "package"]).ExitCode);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    public void Analyze_NarrowTerminal_StaysWithinTheWidth(int width) =>
        AssertFits(Cli.RunAt(width, Analyze), width, ["RUS", "NATO", "2022-01-26"]);

    [Fact]
    public void Propose_Csv_HasOneRecordPerScoredPartyAndSaysWhichOpenPositionsAreRedLines()
    {
        var json = Cli.Run("propose", NonPaper, "--json").Json();
        var csv = CsvOf("propose", NonPaper, "--csv");
        Assert.Equal(["Party", "Red lines met", "Red lines unmet", "Open (on issues left open)", "Demand weight met"], csv[0]);
        Assert.Equal(json.GetProperty("parties").EnumerateArray().Select(p => p.GetProperty("party").GetString()!), Column(csv, "Party"));
        Assert.Contains(Column(csv, "Open (on issues left open)"), o => o.Contains("red line: ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(100)]
    public void Propose_NarrowTerminal_StaysWithinTheWidth(int width) =>
        AssertFits(Cli.RunAt(width, "propose", NonPaper), width, ["RUS", "NATO", "USA"]);

    [Fact]
    public void RedlinesCompare_Csv_IsTheJsonComparisonInOneRecord()
    {
        string[] args = ["redlines", "compare", "ukr-2019-02-07-choice-of-alliance", "ukr-2022-03-29-neutrality-for-guarantees"];
        var json = Cli.Run([.. args, "--json"]).Json();
        var csv = CsvOf([.. args, "--csv"]);
        Assert.Equal(2, csv.Count);
        Assert.Equal(["ukr-2019-02-07-choice-of-alliance", "ukr-2022-03-29-neutrality-for-guarantees", json.GetProperty("second_is").GetString()!],
            csv[1].Take(3));
        AssertFits(Cli.RunAt(80, args), 80, ["ukr-2019-02-07-choice-of-alliance", "ukr-2022-03-29-neutrality-for-guarantees"]);
    }

    [Fact]
    public void PositionsHistory_CsvAndNarrowTable_ListEveryVersionWhole()
    {
        var json = Cli.Run("positions", "history", "rus-enlargement", "--json").Json();
        var ids = json.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("id").GetString()!).ToList();
        var csv = CsvOf("positions", "history", "rus-enlargement", "--csv");
        Assert.Equal(ids, Column(csv, "Id"));
        Assert.Equal("", Column(csv, "Change from the version before")[0]);
        Assert.All(Column(csv, "Change from the version before").Skip(1), c => Assert.NotEqual("", c));
        AssertFits(Cli.RunAt(80, "positions", "history", "rus-enlargement"), 80, ids);
    }

    [Fact]
    public void PositionsShow_Csv_HasTheConditionInWordsAndEverySource()
    {
        var json = Cli.Run("positions", "show", "usa-2022-01-26-aegis-reciprocity", "--json").Json();
        var csv = CsvOf("positions", "show", "usa-2022-01-26-aegis-reciprocity", "--csv");
        Assert.Equal(["Field", "Value"], csv[0]);
        var fields = Column(csv, "Field");
        var values = Column(csv, "Value");
        Assert.Equal(json.GetProperty("in_words").GetString(), values[fields.IndexOf("holds when")]);
        Assert.Equal(json.GetProperty("sources").GetArrayLength(), fields.Count(f => f == "source"));
        AssertFits(Cli.RunAt(80, "positions", "show", "usa-2022-01-26-aegis-reciprocity"), 80, ["usa-2022-01-26-aegis-reciprocity"]);
    }

    [Fact]
    public void Explain_ManyPartiesAlike_GroupsTheirFindingsInTheTableButNotInCsv()
    {
        string[] args = ["explain", "ru-nato-2021-draft/4", "--at", "2022-01-12"];
        var csv = CsvOf([.. args, "--csv"]);
        Assert.Equal(["Step", "Party", "Status", "Explanation"], csv[0]);
        Assert.Equal(Enumerable.Range(1, csv.Count - 1).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Column(csv, "Step"));
        var findings = Column(csv, "Party").Count(p => p.Length > 0);
        Assert.True(findings > 1, "the clause should have findings for several parties");

        var text = Cli.Run(args);
        Assert.Equal(0, text.ExitCode);
        Assert.Matches(@"\d+ parties: [A-Z]{3}", text.Output);
        Assert.Contains("each party", text.Output);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    public void Explain_NarrowTerminal_KeepsClauseAndSubjectWhole(int width) =>
        AssertFits(Cli.RunAt(width, "explain", "ru-nato-2021-draft/5", "--subject", "rus-chernyakhovsk-iskander", "--at", "2022-01-12"), width,
            ["ru-nato-2021-draft/5", "rus-chernyakhovsk-iskander", "intermediate-short-min-km"]);

    [Fact]
    public void RecordList_CsvAndNarrowTable_MatchTheJsonStatements()
    {
        var db = Path.Combine(_dir, "record.db");
        var keyring = Path.Combine(_dir, "keyring.json");
        Assert.Equal(0, Cli.Run("record", "import", "--db", db, "--keyring", keyring).ExitCode);
        string[] args = ["record", "list", "--kind", "deployment-declaration", "--party", "ROU", "--db", db];
        var json = Cli.Run([.. args, "--json"]).Json().GetProperty("statements").EnumerateArray().ToList();
        var csv = CsvOf([.. args, "--csv"]);
        Assert.Equal(["Index", "Kind", "Author", "Seq", "Time", "Summary"], csv[0]);
        Assert.Equal(json.Select(s => s.GetProperty("index").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)), Column(csv, "Index"));
        Assert.Equal(json.Select(s => s.GetProperty("summary").GetString()!), Column(csv, "Summary"));
        AssertFits(Cli.RunAt(80, args), 80, ["deployment-declaration", .. json.Select(s => s.GetProperty("time").GetString()!)]);
    }

    [Fact]
    public void Lint_Csv_ListsEveryErrorWithLineAndColumn_AndNoneForAGoodFile()
    {
        // Bad inputs tried: an unknown document kind (the error's row locates it); a good file gives the header alone.
        var bad = Path.Combine(_dir, "x.accord");
        File.WriteAllText(bad, "agreement x\n  title \"x\"\n  kind traety\n");
        var result = Cli.Run("lint", bad, "--csv");
        Assert.Equal(2, result.ExitCode);
        var csv = CsvText.Parse(result.Output);
        Assert.Equal(["File", "Line", "Column", "Message"], csv[0]);
        Assert.Contains(csv.Skip(1), r => r[1] == "3" && r[2] == "8" && r[3].StartsWith("unknown document kind 'traety'", StringComparison.Ordinal));

        var good = Path.Combine(Cli.RepositoryRoot(), "data", "agreements", "inf-1987.accord");
        var ok = Cli.Run("lint", good, "--csv");
        Assert.Equal(0, ok.ExitCode);
        Assert.Single(CsvText.Parse(ok.Output));
    }

    [Fact]
    public void AgreementsShow_CsvClauses_ListsEveryClauseOfTheAgreement()
    {
        var csv = CsvOf("agreements", "show", "ru-nato-2021-draft", "--csv", "--table", "clauses");
        Assert.Equal(["Clause", "Article", "Kind", "Checkable", "Statement"], csv[0]);
        Assert.Contains("ru-nato-2021-draft/4", Column(csv, "Clause"));
        Assert.All(Column(csv, "Clause"), c => Assert.StartsWith("ru-nato-2021-draft/", c));
        var parameters = CsvOf("agreements", "show", "ru-nato-2021-draft", "--csv", "--table", "parameters");
        Assert.Equal(["Name", "Type", "Default", "Meaning"], parameters[0]);
        Assert.Equal(2, Cli.Run("agreements", "show", "ru-nato-2021-draft", "--csv").ExitCode);
    }

    /// <summary>Verbs that write JSON but draw no table: a record entry, what an import did, who holds a point, a stream of changes.</summary>
    private static readonly string[] NoTable = ["record show", "observe import", "world control", "watch"];

    [Fact]
    public void EveryVerbWithJson_AlsoWritesCsv()
    {
        var missing = Verbs(DetenteCommand.Create(new CliOptions(Spectre.Console.AnsiConsole.Console, TextWriter.Null, TextWriter.Null)), "")
            .Where(v => v.Command.Options.Any(o => o.Name == "--json") && v.Command.Options.All(o => o.Name != "--csv") && !NoTable.Contains(v.Path))
            .Select(v => v.Path).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void EveryAtOption_IsRequiredOrSaysWhatItsAbsenceMeans_AndOnlyDemoHasADefaultDate()
    {
        var root = DetenteCommand.Create(new CliOptions(Spectre.Console.AnsiConsole.Console, TextWriter.Null, TextWriter.Null));
        foreach (var (path, command) in Verbs(root, ""))
        {
            if (command.Options.FirstOrDefault(o => o.Name == "--at") is not { } at)
            {
                continue;
            }

            var description = at.Description ?? "";
            if (path == "demo")
            {
                Assert.Contains("default 2022-01-12", description);
                continue;
            }

            Assert.True(at.Required || description.Contains("optional", StringComparison.Ordinal),
                $"{path}: --at is neither required nor says it is optional: {description}");
        }
    }

    private static IEnumerable<(string Path, Command Command)> Verbs(Command command, string path)
    {
        foreach (var sub in command.Subcommands)
        {
            var name = path.Length == 0 ? sub.Name : $"{path} {sub.Name}";
            yield return (name, sub);
            foreach (var nested in Verbs(sub, name))
            {
                yield return nested;
            }
        }
    }
}
