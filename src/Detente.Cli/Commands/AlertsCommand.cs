using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Rules.Evaluation;
using Detente.Rules.Runtime;
using Detente.Verification.Alerts;
using Detente.Verification.Observations;
using Detente.Cli.Rendering;

namespace Detente.Cli.Commands;

/// <summary><c>detente alerts --at DATE</c>: build-up alerts from observations against declarations, notices and Vienna Document thresholds.</summary>
internal static class AlertsCommand
{
    /// <summary>The agreement whose parameters give the thresholds.</summary>
    public const string Agreement = "vienna-document-2011";

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
            var alerts = Evaluate(session, day, parse.GetValue(RulesContext.AgreementsOption), new AlertOptions(WindowDays: Math.Max(1, parse.GetValue(window))));
            if (parse.GetValue(options.Json))
            {
                session.Output.WriteLine(ToJson(day, alerts).ToJsonString());
            }
            else
            {
                Render(session, day, alerts, csv);
            }

            return 0;
        }));
        return command;
    }

    /// <summary><c>check --alerts</c>: add the alerts' findings to the Vienna Document's.</summary>
    public static Option<bool> CheckOption() => new("--alerts")
    {
        Description = $"With {Agreement} (or --all): add the findings of 'detente alerts' (observations against thresholds).",
    };

    /// <summary>The findings the alerts on the world's date become (for <c>check --alerts</c>).</summary>
    public static IReadOnlyList<Finding> Findings(Session session, RulesContext rules, World world)
    {
        var thresholds = AlertThresholds.From(rules.Agreement(Agreement), rules.Engine, world);
        var table = ObservationTable.From(session.Scenario.Observations, session.Atlas, world.At);
        return AlertEngine.Findings(new AlertEngine(thresholds).Evaluate(world, table));
    }

    /// <summary>The alerts on <paramref name="day"/> in the session's world, thresholds from the Vienna Document's parameters.</summary>
    public static IReadOnlyList<Alert> Evaluate(Session session, DateOnly day, string? agreements, AlertOptions? alertOptions = null)
    {
        var rules = RulesContext.Open(session, agreements);
        var world = session.Scenario.At(day);
        var thresholds = AlertThresholds.From(rules.Agreement(Agreement), rules.Engine, world);
        var table = ObservationTable.From(session.Scenario.Observations, session.Atlas, day);
        return new AlertEngine(thresholds, alertOptions).Evaluate(world, table);
    }

    public static void Render(Session session, DateOnly day, IReadOnlyList<Alert> alerts, bool csv) => session.Show(Table(day, alerts), csv);

    /// <summary>The alerts as a table, the count of each kind first and each alert's explanation under it.</summary>
    public static TableView Table(DateOnly day, IReadOnlyList<Alert> alerts)
    {
        var table = new TableView($"Alerts on {day:yyyy-MM-dd} (thresholds from {Agreement})",
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
        foreach (var a in alerts)
        {
            table.Notes.Add($"{a.Threshold.Clause} {a.Party} in {a.Scope.Describe(a.Where)} ({a.BasisName}): {a.Explanation}");
        }

        return table;
    }

    /// <summary>The JSON of <c>detente alerts --json</c> (documented in docs/verification.md).</summary>
    public static JsonObject ToJson(DateOnly day, IEnumerable<Alert> alerts)
    {
        var list = new JsonArray();
        foreach (var a in alerts)
        {
            var o = a.Match.Observed;
            var finding = a.ToFinding();
            var observed = new JsonObject
            {
                ["what"] = o.What,
                ["from"] = o.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["to"] = o.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["min"] = o.Min,
                ["median"] = o.Median,
                ["max"] = o.Max,
                ["low"] = o.Low,
                ["high"] = Number(o.High),
                ["declared_deployed"] = a.Match.DeclaredDeployed,
                ["unmatched"] = a.Match.Unmatched,
                ["activities"] = new JsonArray([.. a.Match.Activities.Select(x => (JsonNode)x.Id.Value)]),
                ["estimates"] = new JsonArray([.. o.Estimates.Select(e => (JsonNode)new JsonObject
                {
                    ["observer"] = e.Observer,
                    ["date"] = e.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    ["count"] = e.Count,
                    ["low"] = e.Low,
                    ["high"] = Number(e.High),
                })]),
                ["evidence"] = new JsonArray([.. a.Evidence.Select(e => (JsonNode)new JsonObject { ["fact"] = e.Fact, ["record_index"] = e.RecordIndex })]),
            };
            if (a.Trend is { } trend)
            {
                observed["trend"] = trend;
                observed["series"] = new JsonArray([.. a.Series.Select(p => (JsonNode)new JsonObject
                {
                    ["week"] = p.Week, ["observers"] = p.Observers, ["min"] = p.Min, ["median"] = p.Median, ["max"] = p.Max,
                })]);
            }

            list.Add(new JsonObject
            {
                ["kind"] = a.KindName,
                ["party"] = a.Party,
                ["where"] = a.Where,
                ["scope"] = a.Scope.Kind,
                ["part"] = a.Scope.Part,
                ["basis"] = a.BasisName,
                ["observed"] = observed,
                ["declared"] = a.Declared is { } d
                    ? new JsonObject
                    {
                        ["kind"] = d.Kind, ["fact"] = d.Fact, ["by"] = d.By, ["troops"] = d.Troops, ["record_index"] = d.RecordIndex,
                        ["sources"] = new JsonArray([.. d.Sources.Select(s => (JsonNode)s)]),
                    }
                    : null,
                ["threshold"] = new JsonObject { ["value"] = a.Threshold.Value, ["parameter"] = a.Threshold.Parameter, ["note"] = a.Threshold.Note },
                ["clause"] = new JsonObject { ["id"] = finding.Clause.ToString(), ["status"] = Finding.Word(finding.Status), ["explanation"] = finding.Explanation },
                ["sources"] = new JsonArray([.. a.Sources.Select(s => (JsonNode)s)]),
            });
        }

        return new JsonObject { ["at"] = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["alerts"] = list };
    }

    private static JsonNode? Number(double value) => double.IsFinite(value) ? value : null;
}
