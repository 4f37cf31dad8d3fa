using System.CommandLine;
using System.Globalization;
using Detente.Cli.Rendering;
using Detente.Rules;
using Detente.Rules.Runtime;

namespace Detente.Cli.Commands;

/// <summary><c>detente lint FILE</c>: parse, check and compile one <c>.accord</c> file; every error names file, line and column.</summary>
internal static class LintCommand
{
    public static Command Create(CliOptions options)
    {
        var file = new Argument<string>("file") { Description = "The .accord file." };
        var command = new Command("lint", "Check an agreement file: syntax, names, types; errors give file:line:column and the nearest known name.") { file, options.Csv };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var path = parse.GetValue(file)!;
            if (!Core.InputFile.Exists(path))
            {
                throw new UsageException($"lint: no such file '{path}'");
            }

            var engine = new RuleEngine(RuleGeography.Load(session.Manifest.GeoDirectory), session.Scenario.Parties.Keys.Select(p => p.Code).ToHashSet());
            var ok = engine.TryCompileFile(path, path, out var a, out var errors);
            if (parse.GetValue(options.Csv))
            {
                // Every error as a row: file, line, column (in characters, from 1) and the message; no rows when the file is ok.
                var table = new ReportTable(null, new Column("File", ColumnKind.Id), new Column("Line", ColumnKind.Id), new Column("Column", ColumnKind.Id),
                    new Column("Message"));
                foreach (var e in errors)
                {
                    table.Add(e.File, e.Line.ToString(CultureInfo.InvariantCulture), e.Column.ToString(CultureInfo.InvariantCulture), e.Message);
                }

                session.Show(table, csv: true);
                return ok ? 0 : CliOptions.BadInput;
            }

            if (!ok)
            {
                throw new UsageException(string.Join(Environment.NewLine + "error: ", errors));
            }

            var outline = AgreementOutline.Of(a!);
            session.Output.WriteLine($"{path}: ok — {a!.Id}, {outline.Articles.Count} articles, {outline.Clauses.Count()} clauses " +
                                     $"({outline.Clauses.Count(c => c.Checkable)} checkable), {a.Parameters.Count} parameters");
            return 0;
        }));
        return command;
    }
}
