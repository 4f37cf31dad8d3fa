using System.CommandLine;
using Detente.Core;
using Detente.Cli.Rendering;
using Detente.Node.Reports.Demo;
using Detente.Node.Reports.Situation;
using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary><c>detente demo</c>: the main job on the embedded scenario — a readable overview of the world on 12 January 2022.</summary>
internal static class DemoCommand
{
    /// <summary>The day of the NATO–Russia Council meeting in the January 2022 talks.</summary>
    public static readonly DateOnly Day = new(2022, 1, 12);

    public static Command Create(CliOptions options)
    {
        var at = new Option<string?>("--at")
        {
            Description = "The day of the overview, e.g. 2022-02-20 (default 2022-01-12, the NATO–Russia Council meeting; demo is the one verb " +
                          "with a default date). With --at, the world, the agreements, the alerts and the consultations are those of that day.",
        };
        var command = new Command("demo", "Show an overview of the embedded europe-2022 scenario on a day (default 2022-01-12).") { at };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var chosen = parse.GetValue(at) is { } text ? Parse.Date(text, "--at") : (DateOnly?)null;
            var day = chosen ?? Day;
            using var record = Records.DemoRecord.Open(session);
            var scenario = session.Scenario;
            var (first, last) = scenario.Span();
            session.Console.MarkupLine($"[bold]Detente[/] — scenario [bold]{Text.Escape(scenario.Info.Id)}[/]: {scenario.DatedFactCount:N0} dated facts " +
                                       $"from {first:yyyy-MM-dd} to {last:yyyy-MM-dd}, {scenario.Sources.Count:N0} sources, {scenario.Systems.Count} systems, " +
                                       $"{scenario.Sites.Count} sites.");
            var world = scenario.At(day);
            session.Draw(WorldSummary.Build(world, 14).Page());
            session.Draw(DemoWorld.Build(world, session.Atlas).Page());
            DemoRulesSection.Render(session, day);
            DemoAlertsSection.Render(session, chosen ?? DemoAlertsSection.Day);
            DemoNegotiation.Show(session);
            DemoVerificationSection.Render(session, chosen);
            record.Render(session.Console, scenario);
            return 0;
        }));
        return command;
    }
}
