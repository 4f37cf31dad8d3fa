using System.CommandLine;
using Detente.Cli.Rendering;
using Detente.Node.Reports.Rules;
using Detente.Rules;
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
            var report = AgreementsReport.Build(RulesContext.Open(session, parse.GetValue(RulesContext.AgreementsOption)).Library);
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, report.ListJson());
                return 0;
            }

            var table = new ReportTable(null, new Column("Id", ColumnKind.Id), new Column("Kind", ColumnKind.Id), new Column("Date", ColumnKind.Id),
                new Column("Proposed by", ColumnKind.Id), new Column("Articles", ColumnKind.Id), new Column("Clauses", ColumnKind.Id),
                new Column("Checkable", ColumnKind.Id), new Column("Title"));
            foreach (var a in report.Documents)
            {
                table.Add(a.Id, a.Kind, $"{a.Date:yyyy-MM-dd}", a.ProposedBy ?? "—", $"{a.Articles.Count}", $"{a.Clauses.Count()}", $"{a.Clauses.Count(c => c.Checkable)}", a.Title);
            }

            table.Totals.Add($"{report.Documents.Count} documents");
            session.Show(table, csv);
            return 0;
        }));

        var idArgument = new Argument<string>("id") { Description = "The agreement's id." };
        var showTable = new Option<string?>("--table") { Description = "With --csv: the table to write (parameters, clauses)." };
        var show = new Command("show", "Show an agreement: header, parameters, articles and clauses.") { idArgument, options.Csv, showTable, RulesContext.AgreementsOption };
        show.SetAction(parse => options.Run(parse, session =>
        {
            var rules = RulesContext.Open(session, parse.GetValue(RulesContext.AgreementsOption));
            var agreement = rules.Agreement(parse.GetValue(idArgument)!);
            var a = AgreementOutline.Of(agreement);
            var parameters = new ReportTable("Parameters (set with --param NAME=VALUE)", new Column("Name", ColumnKind.Id), new Column("Type", ColumnKind.Id),
                new Column("Default"), new Column("Meaning"));
            foreach (var p in agreement.Parameters)
            {
                parameters.Add(p.Name, p.Type, p.Default, p.Documentation);
            }

            if (parse.GetValue(options.Csv))
            {
                var clauses = new ReportTable(null, new Column("Clause", ColumnKind.Id), new Column("Article", ColumnKind.Id), new Column("Kind", ColumnKind.Id),
                    new Column("Checkable", ColumnKind.Id), new Column("Statement"));
                foreach (var (article, c) in a.Articles.SelectMany(article => article.Clauses.Select(c => (article, c))))
                {
                    clauses.Add(c.Id.ToString(), article.Number, c.Kind, c.Checkable ? "yes" : $"no: {c.Reason}", c.Statement);
                }

                session.Show(Rendering.ReportOutput.Choose(new Dictionary<string, ReportTable> { ["parameters"] = parameters, ["clauses"] = clauses }, parse.GetValue(showTable)), csv: true);
                return 0;
            }

            var console = session.Console;
            console.MarkupLine($"[bold]{Text.Escape(a.Id)}[/] — {Text.Escape(a.Title)}");
            console.MarkupLine($"kind {a.Kind}; dated {a.Date:yyyy-MM-dd}; proposed by {a.ProposedBy ?? "—"}; parties {Text.Escape(a.Parties)}");
            console.MarkupLine($"in force: {(a.InForce is { } f ? $"{f:yyyy-MM-dd}" : "no")}{(a.Until is { } u ? $" until {u:yyyy-MM-dd}" : "")}{(a.InForceNote is { } n ? $" — {Text.Escape(n)}" : "")}");
            foreach (var s in a.Sources)
            {
                console.MarkupLine($"source [bold]{Text.Escape(s.Id)}[/]: {Text.Escape(s.Description)} {Text.Escape(s.Url ?? "")}");
            }

            if (agreement.Parameters.Count > 0)
            {
                session.Show(parameters, csv: false);
            }

            foreach (var article in a.Articles)
            {
                console.MarkupLine($"\n[bold]Article {Text.Escape(article.Number)}[/]{(article.Locator is { } l ? $" [grey]({Text.Escape(l)})[/]" : "")}: {Text.Escape(article.Paraphrase)}");
                foreach (var c in article.Clauses)
                {
                    console.MarkupLine($"  {Text.Escape(c.Id.ToString())} [grey]({Text.Escape(c.Checkable ? c.Kind : $"not checkable — {c.Reason}")})[/]: {Text.Escape(c.Statement)}");
                }
            }

            return 0;
        }));

        var coverage = new Command("coverage", "How much of each agreement a machine can check, and why the rest cannot be.") { options.Json, options.Csv, RulesContext.AgreementsOption };
        coverage.SetAction(parse => options.Run(parse, session =>
        {
            var csv = options.CsvChosen(parse);
            var report = AgreementsReport.Build(RulesContext.Open(session, parse.GetValue(RulesContext.AgreementsOption)).Library);
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, report.CoverageJson());
                return 0;
            }

            var table = new ReportTable(null, new Column("Agreement", ColumnKind.Id), new Column("Articles", ColumnKind.Id), new Column("Clauses", ColumnKind.Id),
                new Column("Checkable", ColumnKind.Id), new Column("Coverage", ColumnKind.Id), new Column("Not checkable (why)"));
            foreach (var a in report.Documents)
            {
                var clauses = a.Clauses.ToList();
                var checkable = clauses.Count(c => c.Checkable);
                table.Add(a.Id, $"{a.Articles.Count}", $"{clauses.Count}", $"{checkable}", $"{100.0 * checkable / clauses.Count:0}%",
                    string.Join("\n", clauses.Where(c => !c.Checkable).Select(c => $"{c.Id}: {c.Reason}")));
            }

            session.Show(table, csv);
            return 0;
        }));

        command.Subcommands.Add(list);
        command.Subcommands.Add(show);
        command.Subcommands.Add(coverage);
        command.Subcommands.Add(AgreementsDiff.Create(options));
        return command;
    }
}
