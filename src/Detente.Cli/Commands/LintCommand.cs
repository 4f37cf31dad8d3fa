using System.CommandLine;
using Detente.Node.Reports.Rules;

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
            var report = Core.InputFile.Exists(path) ? LintReport.Build(RulesContext.EngineOf(session), path) : throw new UsageException($"lint: no such file '{path}'");
            if (parse.GetValue(options.Csv))
            {
                session.Show(report.Table(), csv: true);
                return report.Summary is null ? CliOptions.BadInput : 0;
            }

            session.Output.WriteLine(report.Summary ?? throw new UsageException(string.Join(Environment.NewLine + "error: ", report.Errors)));
            return 0;
        }));
        return command;
    }
}
