using System.CommandLine;
using Detente.Verification.Alerts;

namespace Detente.Cli.Commands;

/// <summary><c>detente alerts --at DATE</c>: build-up alerts from observations against declarations, notices and Vienna Document thresholds.</summary>
internal static class AlertsCommand
{
    public static Command Create(CliOptions options)
    {
        var days = new Option<int>("--window-days") { Description = "Days up to --at that count as now.", DefaultValueFactory = _ => 14 };
        return options.Verb("alerts", "Observed build-ups above Vienna Document thresholds without notice, contradicted declarations, rising trends.",
            [options.At, days, options.Json, options.Csv, RulesContext.AgreementsOption], (parse, session) =>
        {
            var window = new AlertOptions(WindowDays: Math.Max(1, parse.GetValue(days)));
            var report = RulesContext.From(session, parse).Alerts(options.Day(parse), window);
            // JSON on one line: the shape docs/verification.md documents, unindented.
            return options.Answer(parse, session, report.ToJson, _ => report.Table(), compact: true);
        });
    }
}
