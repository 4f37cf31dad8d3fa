using System.CommandLine;
using Detente.Cli.Commands;
using Spectre.Console;

namespace Detente.Cli;

/// <summary>The <c>detente</c> command: its verbs and how it runs.</summary>
internal static class DetenteCommand
{
    public static RootCommand Create(CliOptions options)
    {
        var root = new RootCommand("Detente: agreements as code over a dated, sourced world of European security.")
        {
            options.Scenario,
            options.Record,
            WorldCommand.Create(options), BriefCommand.Create(options), BrowseCommands.Parties(options), BrowseCommands.Sites(options),
            BrowseCommands.Systems(options), Values.Create(options), ZonesCommand.Create(options), DeploymentsCommand.Create(options),
            ReachCommand.Create(options), DemoCommand.Create(options), GenerateCommand.Create(options), IssuesCommand.Create(options),
            PositionsCommand.Create(options), AnalyzeCommand.Create(options), RedlinesCommand.Create(options),
            ProposeCommand.Create(options), KeysCommand.Create(options), RecordCommand.Create(options), WitnessCommand.Create(options),
            CheckCommand.Create(options), ExplainCommand.Create(options), AgreementsCommand.Create(options), LintCommand.Create(options),
            TimelineCommand.Create(options), WhatIfCommand.Create(options), WatchCommand.Create(options),
            InspectionsCommand.Create(options), ObligationsCommand.Create(options), ConsultationsCommand.Create(options),
            ObserveCommand.Create(options), AlertsCommand.Create(options), AuditCommand.Create(options),
        };
        return root;
    }

    /// <summary>Runs the command line; output and errors go to the given writers so tests can read them.</summary>
    public static int Run(string[] args, IAnsiConsole console, TextWriter output, TextWriter error)
    {
        var options = new CliOptions(console, output, error);
        var parse = Create(options).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                error.WriteLine($"error: {e.Message}");
            }

            error.WriteLine("Run 'detente --help' for usage.");
            return CliOptions.BadInput;
        }

        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
