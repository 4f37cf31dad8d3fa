using System.CommandLine;
using Detente.Cli.Rendering;
using Detente.Node.Reports.Rules;
using Detente.Verification.Alerts;

namespace Detente.Cli.Commands;

/// <summary><c>detente alerts --at DATE</c>: build-up alerts from observations against declarations, notices and Vienna Document thresholds.</summary>
internal static class AlertsCommand
{
    public static Command Create(CliOptions options)
    {
        var at = CliOptions.AtOption(required: true);
        var window = new Option<int>("--window-days") { Description = "Days up to --at that count as now.", DefaultValueFactory = _ => 14 };
        var command = new Command("alerts", "Observed build-ups above Vienna Document thresholds without notice, contradicted declarations, rising trends.")
        {
            at, window, options.Json, options.Csv, RulesContext.AgreementsOption,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var csv = options.CsvChosen(parse);
            var day = Parse.Date(parse.GetValue(at)!, "--at");
            var report = Build(RulesContext.Open(session, parse.GetValue(RulesContext.AgreementsOption)), day, new AlertOptions(WindowDays: Math.Max(1, parse.GetValue(window))));
            if (parse.GetValue(options.Json))
            {
                session.Output.WriteLine(report.ToJson().ToJsonString());
            }
            else
            {
                session.Show(Table(report), csv);
            }

            return 0;
        }));
        return command;
    }

    /// <summary>The alerts on <paramref name="day"/> in the session's world, thresholds from the Vienna Document's parameters.</summary>
    public static AlertsReport Build(RulesContext rules, DateOnly day, AlertOptions? alertOptions = null) =>
        AlertsReport.Build(rules.Engine, rules.Agreement(BuildUpAlerts.Agreement), rules.Session.Scenario, rules.Session.Atlas, day, alertOptions);

    /// <summary>The alerts as a table, the count of each kind first and each alert's explanation under it.</summary>
    public static ReportTable Table(AlertsReport report)
    {
        var day = report.Day;
        var table = new ReportTable($"Alerts on {day:yyyy-MM-dd} (thresholds from {BuildUpAlerts.Agreement})",
            new Column("Kind", ColumnKind.Id), new Column("Party", ColumnKind.Id), new Column("Where", ColumnKind.Id), new Column("Observed"),
            new Column("Declared"), new Column("Threshold"), new Column("Finding", ColumnKind.Id), new Column("Sources", ColumnKind.Id))
        {
            KeyColumns = 3,
            Empty = $"no alerts on {day:yyyy-MM-dd}",
        };
        foreach (var r in report.Rows)
        {
            table.Add(r.Kind, r.Alert.Party, r.Where, r.Observed, r.Declared, r.Threshold, new Cell($"{r.Finding.Clause} {r.Finding.StatusWord}", FindingsView.Colour(r.Finding.Status)),
                Cells.Sources(r.Alert.Sources.ToList()));
        }

        table.Totals.Add(report.Totals);
        table.Notes.AddRange(report.Rows.Select(r => r.Note));
        return table;
    }
}
