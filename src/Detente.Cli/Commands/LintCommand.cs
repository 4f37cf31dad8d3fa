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
        var command = new Command("lint", "Check an agreement file: syntax, names, types; errors give file:line:column and the nearest known name.") { file };
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
                session.Output.WriteLine($"{path}: ok — {a.Id}, {a.Articles.Length} articles, {a.Clauses.Count()} clauses ({a.Clauses.Count(c => c.Checkable)} checkable), {a.Params.Length} parameters");
                return 0;
            }
            catch (RuleException e)
            {
                throw new UsageException(string.Join(Environment.NewLine + "error: ", e.Errors));
            }
        }));
        return command;
    }
}
