using System.CommandLine;
using Detente.Cli.Rendering;
using Detente.Node.Reports.Rules;
using Detente.Rules;
using Detente.Rules.Comparison;
using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary>
/// <c>detente agreements diff A B</c>: whether A is stronger, weaker, equivalent or incomparable to B, per aligned clause and
/// for the documents as a whole, with the constructs compared and a separating world wherever they differ.
/// </summary>
internal static class AgreementsDiff
{
    public static Command Create(CliOptions options)
    {
        var left = new Argument<string>("a") { Description = "The first agreement." };
        var right = new Argument<string>("b") { Description = "The second agreement." };
        var at = CliOptions.AtOption(required: true);
        var worlds = new Option<int>("--worlds")
        {
            Description = "Worlds the search evaluates per pair of clauses (twice as many for the documents). Default 500.",
            DefaultValueFactory = _ => 500,
        };
        var overlays = new Option<string?>("--overlays") { Description = "Write each separating world as a whatif overlay (JSON) into this directory." };
        var diff = new Command("diff", "Compare two agreements as constraints: stronger, weaker, equivalent or incomparable, with separating worlds.")
        {
            left, right, at, worlds, overlays, options.Json, options.Csv, RulesContext.AgreementsOption,
        };
        diff.SetAction(parse => options.Run(parse, session =>
        {
            var rules = RulesContext.Open(session, parse.GetValue(RulesContext.AgreementsOption));
            var a = rules.Agreement(parse.GetValue(left)!);
            var b = rules.Agreement(parse.GetValue(right)!);
            var day = Parse.Date(parse.GetValue(at)!, "--at");
            var csv = options.CsvChosen(parse);
            var budget = parse.GetValue(worlds);
            if (budget < 1)
            {
                throw new UsageException($"--worlds: expected a positive number, found {budget}");
            }

            var report = new AgreementDiffReport(rules.Engine.Compare(a, b, session.Scenario, day, budget), new Dictionary<Separation, string>());
            try
            {
                report = parse.GetValue(overlays) is { } dir ? report.WriteOverlays(dir) : report;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--overlays: cannot write the overlays: {e.Message}");
            }

            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, report.ToJson());
            }
            else if (csv)
            {
                session.Show(ClauseTable(report), csv: true);
            }
            else
            {
                Render(session, rules, report);
            }

            return 0;
        }));
        return diff;
    }

    /// <summary>The clause-by-clause comparison (the table of <c>agreements diff</c>, and its CSV).</summary>
    private static ReportTable ClauseTable(AgreementDiffReport r)
    {
        var table = new ReportTable("Clause by clause", new Column(r.Diff.Left.Id, ColumnKind.Id), new Column(r.Diff.Right.Id, ColumnKind.Id),
            new Column("Left is", ColumnKind.Id), new Column("Basis", ColumnKind.Id), new Column("Why")) { KeyColumns = 2 };
        foreach (var c in r.Diff.Clauses)
        {
            table.Add(r.LeftClause(c), r.RightClause(c), RuleEngine.Word(c.Strength), c.Basis, c.Summary);
        }

        return table;
    }

    private static void Render(Session session, RulesContext rules, AgreementDiffReport r)
    {
        var (console, d) = (session.Console, r.Diff);
        var (onlyLeft, onlyRight, both) = rules.Engine.PartiesCompared(d.Left, d.Right, session.Scenario.At(d.Dates[0]));
        console.MarkupLine($"[bold]{d.Left.Id}[/] ({d.Left.Kind}, {d.Left.Date:yyyy-MM-dd}) vs [bold]{d.Right.Id}[/] ({d.Right.Kind}, {d.Right.Date:yyyy-MM-dd}); "
            + $"evaluated at {string.Join(", ", d.Dates.Select(x => x.ToString("yyyy-MM-dd")))}");
        console.MarkupLine($"parties only in {d.Left.Id}: {Text.Escape(onlyLeft)}; only in {d.Right.Id}: {Text.Escape(onlyRight)}; in both: {both}");
        console.MarkupLine($"\n[bold]As a whole: {d.Left.Id} is {AgreementDiffReport.Relation(d.Strength)} {d.Right.Id}[/] [grey]({d.Basis})[/]: {Text.Escape(d.Summary)}");
        Separations(console, r, d.Search);
        session.Show(ClauseTable(r), csv: false);
        foreach (var c in d.Clauses.Where(c => c.Strength != Strength.Equivalent || c.Symbolic is not null))
        {
            console.MarkupLine($"\n[bold]{r.LeftClause(c)} vs {r.RightClause(c)}[/]: {RuleEngine.Word(c.Strength)} [grey]({c.Basis}, {c.Search.WorldsTried} worlds tried)[/]");
            if (c.Symbolic?.Misaligned is { } m)
            {
                console.MarkupLine($"  shapes differ: {Text.Escape(m)}");
            }

            foreach (var k in c.Symbolic?.Components ?? [])
            {
                console.MarkupLine($"  {Text.Escape(k.Construct)}: {Text.Escape(k.Left)} | {Text.Escape(k.Right)} → {RuleEngine.Word(k.Strength)}");
            }

            Separations(console, r, c.Search);
        }
    }

    private static void Separations(IAnsiConsole console, AgreementDiffReport r, SearchResult s)
    {
        foreach (var sep in AgreementDiffReport.Of(s))
        {
            console.MarkupLine("  " + Text.Escape(r.Describe(sep)));
        }
    }
}
