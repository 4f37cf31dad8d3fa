using System.CommandLine;
using Detente.Rules;
using Detente.Rules.Compilation;
using Detente.Rules.Parsing;
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

            var geography = RuleGeography.Load(session.Manifest.GeoDirectory);
            try
            {
                var a = AgreementLibrary.CompileFile(path, path, geography.RegionNames, session.Scenario.Parties.Keys.Select(p => p.Code).ToHashSet());
                if (parse.GetValue(options.Csv))
                {
                    session.Show(Errors([]), csv: true);
                    return 0;
                }

                session.Output.WriteLine($"{path}: ok — {a.Id}, {a.Articles.Length} articles, {a.Clauses.Count()} clauses ({a.Clauses.Count(c => c.Checkable)} checkable), {a.Params.Length} parameters");
                return 0;
            }
            catch (RuleException e) when (parse.GetValue(options.Csv))
            {
                session.Show(Errors(e.Errors), csv: true);
                return CliOptions.BadInput;
            }
            catch (RuleException e)
            {
                throw new UsageException(string.Join(Environment.NewLine + "error: ", e.Errors));
            }
        }));
        return command;
    }

    /// <summary>Every error as a row: file, line, column (in characters, from 1) and the message; no rows when the file is ok.</summary>
    internal static Rendering.TableView Errors(IReadOnlyList<RuleError> errors)
    {
        var table = new Rendering.TableView(null, new Rendering.Column("File", Rendering.ColumnKind.Id), new Rendering.Column("Line", Rendering.ColumnKind.Id),
            new Rendering.Column("Column", Rendering.ColumnKind.Id), new Rendering.Column("Message"));
        foreach (var e in errors)
        {
            table.Add(e.File, e.Position.Line.ToString(System.Globalization.CultureInfo.InvariantCulture),
                e.Position.Column.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
        }

        return table;
    }
}
