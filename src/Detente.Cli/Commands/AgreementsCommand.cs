using System.CommandLine;
using System.Text.Json.Nodes;
using Detente.Rules.Ast;
using Detente.Rules.Compilation;
using Detente.Cli.Rendering;
using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary><c>detente agreements list | show ID | coverage | diff A B</c>: the encoded documents, what they say and how much a machine can check.</summary>
internal static class AgreementsCommand
{
    public static Command Create(CliOptions options)
    {
        var command = new Command("agreements", "List, show, compare and measure the coverage of the encoded agreements.");
        var list = new Command("list", "List the encoded agreements.") { options.Json, options.Csv, RulesContext.AgreementsOption };
        list.SetAction(parse => options.Run(parse, session =>
        {
            var csv = options.CsvChosen(parse);
            var rules = RulesContext.Open(session, parse.GetValue(RulesContext.AgreementsOption));
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, new JsonArray(rules.Library.All.Select(a => (JsonNode)Summary(a)).ToArray()));
                return 0;
            }

            var table = new TableView(null, new Column("Id", ColumnKind.Id), new Column("Kind", ColumnKind.Id), new Column("Date", ColumnKind.Id),
                new Column("Proposed by", ColumnKind.Id), new Column("Articles", ColumnKind.Id), new Column("Clauses", ColumnKind.Id),
                new Column("Checkable", ColumnKind.Id), new Column("Title"));
            foreach (var a in rules.Library.All)
            {
                table.Add(a.Id, a.Kind, $"{a.Syntax.Date:yyyy-MM-dd}", a.Syntax.ProposedBy ?? "—", $"{a.Articles.Length}", $"{a.Clauses.Count()}",
                    $"{a.Clauses.Count(c => c.Checkable)}", a.Title);
            }

            table.Totals.Add($"{rules.Library.All.Count} documents");
            session.Show(table, csv);
            return 0;
        }));

        var idArgument = new Argument<string>("id") { Description = "The agreement's id." };
        var showTable = new Option<string?>("--table") { Description = "With --csv: the table to write (parameters, clauses)." };
        var show = new Command("show", "Show an agreement: header, parameters, articles and clauses.")
        {
            idArgument, options.Csv, showTable, RulesContext.AgreementsOption,
        };
        show.SetAction(parse => options.Run(parse, session =>
        {
            var rules = RulesContext.Open(session, parse.GetValue(RulesContext.AgreementsOption));
            var a = rules.Agreement(parse.GetValue(idArgument)!);
            if (parse.GetValue(options.Csv))
            {
                var clauses = new TableView(null, new Column("Clause", ColumnKind.Id), new Column("Article", ColumnKind.Id), new Column("Kind", ColumnKind.Id),
                    new Column("Checkable", ColumnKind.Id), new Column("Statement"));
                foreach (var article in a.Articles)
                {
                    foreach (var c in article.Clauses)
                    {
                        clauses.Add(a.Id + "/" + c.Id, article.Number, c.Kind.ToString().ToLowerInvariant(), c.Checkable ? "yes" : $"no: {c.Syntax.Reason}", c.Statement);
                    }
                }

                session.Show(WorldCommand.Choose(new Dictionary<string, TableView> { ["parameters"] = Parameters(a), ["clauses"] = clauses }, parse.GetValue(showTable)), csv: true);
                return 0;
            }

            var console = session.Console;
            var doc = a.Syntax;
            console.MarkupLine($"[bold]{Text.Escape(a.Id)}[/] — {Text.Escape(a.Title)}");
            console.MarkupLine($"kind {a.Kind}; dated {doc.Date:yyyy-MM-dd}; proposed by {doc.ProposedBy ?? "—"}; parties {Text.Escape(doc.Parties.ToString())}");
            console.MarkupLine($"in force: {(doc.InForce is { } f ? $"{f:yyyy-MM-dd}" : "no")}{(doc.Until is { } u ? $" until {u:yyyy-MM-dd}" : "")}{(doc.InForceNote is { } n ? $" — {Text.Escape(n)}" : "")}");
            foreach (var s in doc.Sources)
            {
                console.MarkupLine($"source [bold]{Text.Escape(s.Id)}[/]: {Text.Escape(s.Description)} {Text.Escape(s.Url ?? "")}");
            }

            if (a.Params.Length > 0)
            {
                session.Show(Parameters(a), csv: false);
            }

            foreach (var article in a.Articles)
            {
                console.MarkupLine($"\n[bold]Article {Text.Escape(article.Number)}[/]{(article.Locator is { } l ? $" [grey]({Text.Escape(l)})[/]" : "")}: {Text.Escape(article.Paraphrase)}");
                foreach (var c in article.Clauses)
                {
                    var what = c.Checkable ? c.Kind.ToString().ToLowerInvariant() : $"not checkable — {c.Syntax.Reason}";
                    console.MarkupLine($"  {Text.Escape(a.Id + "/" + c.Id)} [grey]({Text.Escape(what)})[/]: {Text.Escape(c.Statement)}");
                }
            }

            return 0;
        }));

        var coverage = new Command("coverage", "How much of each agreement a machine can check, and why the rest cannot be.")
        {
            options.Json, options.Csv, RulesContext.AgreementsOption,
        };
        coverage.SetAction(parse => options.Run(parse, session =>
        {
            var csv = options.CsvChosen(parse);
            var rules = RulesContext.Open(session, parse.GetValue(RulesContext.AgreementsOption));
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, new JsonArray(rules.Library.All.Select(a => (JsonNode)Coverage(a)).ToArray()));
                return 0;
            }

            var table = new TableView(null, new Column("Agreement", ColumnKind.Id), new Column("Articles", ColumnKind.Id), new Column("Clauses", ColumnKind.Id),
                new Column("Checkable", ColumnKind.Id), new Column("Coverage", ColumnKind.Id), new Column("Not checkable (why)"));
            foreach (var a in rules.Library.All)
            {
                var clauses = a.Clauses.ToList();
                var checkable = clauses.Count(c => c.Checkable);
                table.Add(a.Id, $"{a.Articles.Length}", $"{clauses.Count}", $"{checkable}", $"{100.0 * checkable / clauses.Count:0}%",
                    string.Join("\n", clauses.Where(c => !c.Checkable).Select(c => $"{a.Id}/{c.Id}: {c.Syntax.Reason}")));
            }

            session.Show(table, csv);
            return 0;
        }));

        var diff = AgreementsDiff.Create(options);
        command.Subcommands.Add(list);
        command.Subcommands.Add(show);
        command.Subcommands.Add(coverage);
        command.Subcommands.Add(diff);
        return command;
    }

    private static JsonObject Summary(Agreement a) => new()
    {
        ["id"] = a.Id,
        ["title"] = a.Title,
        ["kind"] = a.Kind,
        ["date"] = JsonShapes.Day(a.Syntax.Date),
        ["proposedBy"] = a.Syntax.ProposedBy,
        ["articles"] = a.Articles.Length,
        ["clauses"] = a.Clauses.Count(),
        ["checkable"] = a.Clauses.Count(c => c.Checkable),
    };

    private static JsonObject Coverage(Agreement a) => new()
    {
        ["id"] = a.Id,
        ["clauses"] = a.Clauses.Count(),
        ["checkable"] = a.Clauses.Count(c => c.Checkable),
        ["notCheckable"] = new JsonArray(a.Clauses.Where(c => !c.Checkable)
            .Select(c => (JsonNode)new JsonObject { ["clause"] = $"{a.Id}/{c.Id}", ["reason"] = c.Syntax.Reason }).ToArray()),
    };

    private static TableView Parameters(Agreement a)
    {
        var table = new TableView("Parameters (set with --param NAME=VALUE)", new Column("Name", ColumnKind.Id), new Column("Type", ColumnKind.Id),
            new Column("Default"), new Column("Meaning"));
        foreach (var p in a.Params)
        {
            table.Add(p.Name, p.TypeName, p.Default.ToString(), p.Documentation);
        }

        return table;
    }
}
