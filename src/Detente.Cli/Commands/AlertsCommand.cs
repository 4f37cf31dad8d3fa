using System.CommandLine;
using Detente.Cli.Rendering;
using Detente.Node.Reports.Rules;
using Detente.Verification.Alerts;
using Detente.Verification.Observations;

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
    public static TableView Table(AlertsReport report)
    {
        var (day, alerts) = (report.Day, report.Alerts);
        var table = new TableView($"Alerts on {day:yyyy-MM-dd} (thresholds from {BuildUpAlerts.Agreement})",
            new Column("Kind", ColumnKind.Id), new Column("Party", ColumnKind.Id), new Column("Where", ColumnKind.Id), new Column("Observed"),
            new Column("Declared"), new Column("Threshold"), new Column("Finding", ColumnKind.Id), new Column("Sources", ColumnKind.Id))
        {
            KeyColumns = 3,
            Empty = $"no alerts on {day:yyyy-MM-dd}",
        };
        foreach (var a in alerts)
        {
            var o = a.Match.Observed;
            var finding = a.ToFinding();
            table.Add(a.KindName + (a.Trend is { } t ? $" ({t})" : ""), a.Party, a.Scope.Describe(a.Where),
                $"{(o.Min == o.Max ? ObservationTable.Format(o.Max) : $"{ObservationTable.Format(o.Min)}–{ObservationTable.Format(o.Max)}")} {o.What}, " +
                $"{o.Estimates.Length} observer(s)",
                a.Declared is { } d ? $"{d.By}: {(d.Troops is { } n ? "≤ " + ObservationTable.Format(n) : "no figure")} ({d.Fact})" : "—",
                $"{ObservationTable.Format(a.Threshold.Value)} ({a.Threshold.Parameter})",
                new Cell($"{finding.Clause} {finding.StatusWord}", FindingsView.Colour(finding.Status)),
                Text.SourcesCell(a.Sources.ToList()));
        }

        table.Totals.Add($"{alerts.Count} alert(s)" + (alerts.Count == 0 ? "" : ": " + string.Join(", ", alerts.GroupBy(a => a.KindName).Select(g => $"{g.Count()} {g.Key}"))));
        table.Notes.AddRange(alerts.Select(a => $"{a.Threshold.Clause} {a.Party} in {a.Scope.Describe(a.Where)} ({a.BasisName}): {a.Explanation}"));
        return table;
    }
}
