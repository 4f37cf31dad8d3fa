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
        };
        root.Subcommands.Add(WorldCommand.Create(options));
        root.Subcommands.Add(BriefCommand.Create(options));
        root.Subcommands.Add(BrowseCommands.Parties(options));
        root.Subcommands.Add(BrowseCommands.Sites(options));
        root.Subcommands.Add(BrowseCommands.Systems(options));
        root.Subcommands.Add(Values.Create(options));
        root.Subcommands.Add(ZonesCommand.Create(options));
        root.Subcommands.Add(DeploymentsCommand.Create(options));
        root.Subcommands.Add(ReachCommand.Create(options));
        root.Subcommands.Add(DemoCommand.Create(options));
        root.Subcommands.Add(GenerateCommand.Create(options));
        root.Subcommands.Add(IssuesCommand.Create(options));
        root.Subcommands.Add(PositionsCommand.Create(options));
        root.Subcommands.Add(AnalyzeCommand.Create(options));
        root.Subcommands.Add(RedlinesCommand.Create(options));
        root.Subcommands.Add(ProposeCommand.Create(options));
        root.Subcommands.Add(KeysCommand.Create(options));
        root.Subcommands.Add(RecordCommand.Create(options));
        root.Subcommands.Add(WitnessCommand.Create(options));
        root.Subcommands.Add(CheckCommand.Create(options));
        root.Subcommands.Add(ExplainCommand.Create(options));
        root.Subcommands.Add(AgreementsCommand.Create(options));
        root.Subcommands.Add(LintCommand.Create(options));
        root.Subcommands.Add(TimelineCommand.Create(options));
        root.Subcommands.Add(WhatIfCommand.Create(options));
        root.Subcommands.Add(WatchCommand.Create(options));
        root.Subcommands.Add(InspectionsCommand.Create(options));
        root.Subcommands.Add(ObligationsCommand.Create(options));
        root.Subcommands.Add(ConsultationsCommand.Create(options));
        root.Subcommands.Add(ObserveCommand.Create(options));
        root.Subcommands.Add(AlertsCommand.Create(options));
        root.Subcommands.Add(AuditCommand.Create(options));
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
