using System.CommandLine;
using Detente.Node.Reports.Rules;
using Detente.Verification.Alerts;

namespace Detente.Cli.Commands;

/// <summary><c>detente alerts --at DATE</c>: build-up alerts from observations against declarations, notices and Vienna Document thresholds.</summary>
internal static class AlertsCommand
{
    public static Command Create(CliOptions options)
    {
        var window = new Option<int>("--window-days") { Description = "Days up to --at that count as now.", DefaultValueFactory = _ => 14 };
        var command = new Command("alerts", "Observed build-ups above Vienna Document thresholds without notice, contradicted declarations, rising trends.")
        {
            options.At, window, options.Json, options.Csv, RulesContext.AgreementsOption,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var csv = options.CsvChosen(parse);
            var report = Build(RulesContext.From(session, parse), options.Day(parse), new AlertOptions(WindowDays: Math.Max(1, parse.GetValue(window))));
            if (parse.GetValue(options.Json))
            {
                // One line: the shape docs/verification.md documents, unindented.
                session.Output.WriteLine(report.ToJson().ToJsonString());
                return 0;
            }

            session.Show(report.Table(), csv);
            return 0;
        }));
        return command;
    }

    /// <summary>The alerts on <paramref name="day"/> in the session's world, thresholds from the Vienna Document's parameters.</summary>
    public static AlertsReport Build(RulesContext rules, DateOnly day, AlertOptions? alertOptions = null) =>
        AlertsReport.Build(rules.Engine, rules.Agreement(BuildUpAlerts.Agreement), rules.Session.Scenario, rules.Session.Atlas, day, alertOptions);
}
