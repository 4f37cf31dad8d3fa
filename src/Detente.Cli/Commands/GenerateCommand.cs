using System.CommandLine;
using Detente.Data;
using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary><c>detente generate</c>: writes a synthetic world of any size, valid against the same format, for benchmarks.</summary>
internal static class GenerateCommand
{
    public static Command Create(CliOptions options)
    {
        var deployments = new Option<int>("--deployments") { Description = "How many deployments.", Required = true };
        var activities = new Option<int>("--activities") { Description = "How many activities.", DefaultValueFactory = _ => 0 };
        var observations = new Option<int>("--observations") { Description = "How many observations.", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed writes the same world.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "The directory to write the scenario to.", Required = true };
        var command = new Command("generate", "Write a synthetic scenario (made-up facts, for benchmarks) built on the chosen scenario's parties.")
        {
            deployments, activities, observations, seed, output,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var counts = new[] { ("--deployments", parse.GetValue(deployments)), ("--activities", parse.GetValue(activities)), ("--observations", parse.GetValue(observations)) };
            if (counts.FirstOrDefault(c => c.Item2 < 0) is { Item1: { } bad })
            {
                throw new UsageException($"{bad}: expected a count of 0 or more");
            }

            var directory = parse.GetValue(output)!;
            var started = System.Diagnostics.Stopwatch.StartNew();
            SyntheticScenario.Write(session.Scenario, session.Manifest, directory, new SyntheticOptions(
                parse.GetValue(deployments), parse.GetValue(activities), parse.GetValue(observations), parse.GetValue(seed)));
            session.Console.MarkupLine(
                $"Wrote a synthetic scenario to [bold]{Text.Escape(directory)}[/] in {started.Elapsed.TotalSeconds:0.0} s. " +
                $"Load it with [bold]--scenario {Text.Escape(directory)}[/].");
            return 0;
        }));
        return command;
    }
}
