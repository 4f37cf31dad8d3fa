using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Rules.Runtime;
using Detente.Verification.Alerts;
using Detente.Verification.Observations;
using Spectre.Console;

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
            at, window, options.Json, RulesContext.AgreementsOption,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var day = Parse.Date(parse.GetValue(at)!, "--at");
            var alerts = Evaluate(session, day, parse.GetValue(RulesContext.AgreementsOption), new AlertOptions(WindowDays: Math.Max(1, parse.GetValue(window))));
            if (parse.GetValue(options.Json))
            {
                session.Output.WriteLine(ToJson(day, alerts).ToJsonString());
            }
            else
            {
                Render(session.Console, day, alerts);
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
        var thresholds = AlertThresholds.From(rules.Agreement(Agreement), rules.Evaluator, world);
        var table = ObservationTable.From(session.Scenario.Observations, session.Atlas, world.At);
        return AlertEngine.Findings(new AlertEngine(thresholds).Evaluate(world, table));
    }

    /// <summary>The alerts on <paramref name="day"/> in the session's world, thresholds from the Vienna Document's parameters.</summary>
    public static IReadOnlyList<Alert> Evaluate(Session session, DateOnly day, string? agreements, AlertOptions? alertOptions = null)
    {
        var rules = RulesContext.Open(session, agreements);
        var world = session.Scenario.At(day);
        var thresholds = AlertThresholds.From(rules.Agreement(Agreement), rules.Evaluator, world);
        var table = ObservationTable.From(session.Scenario.Observations, session.Atlas, day);
        return new AlertEngine(thresholds, alertOptions).Evaluate(world, table);
    }

    public static void Render(IAnsiConsole console, DateOnly day, IReadOnlyList<Alert> alerts)
    {
        if (alerts.Count == 0)
        {
            console.MarkupLine($"no alerts on {day:yyyy-MM-dd}");
            return;
        }

        var table = new Table().Title($"Alerts on {day:yyyy-MM-dd} (thresholds from {Agreement})")
            .AddColumns("Kind", "Party", "Where", "Observed", "Declared", "Threshold", "Finding", "Sources");
        foreach (var a in alerts)
        {
            var o = a.Match.Observed;
            var finding = a.ToFinding();
            table.AddRow(Text.Escape(a.KindName + (a.Trend is { } t ? $" ({t})" : "")), a.Party, Text.Escape(a.Where),
                Text.Escape($"{(o.Min == o.Max ? ObservationTable.Format(o.Max) : $"{ObservationTable.Format(o.Min)}–{ObservationTable.Format(o.Max)}")} {o.What}, " +
                            $"{o.Estimates.Length} observer(s)"),
                Text.Escape(a.Declared is { } d ? $"{d.By}: {(d.Troops is { } n ? "≤ " + ObservationTable.Format(n) : "no figure")} ({d.Fact})" : "—"),
                Text.Escape($"{ObservationTable.Format(a.Threshold.Value)} ({a.Threshold.Parameter})"),
                Text.Escape($"{finding.Clause} {finding.StatusWord}"),
                Text.Escape(string.Join(", ", a.Sources)));
        }

        console.Write(table);
        foreach (var a in alerts)
        {
            console.MarkupLine($"[grey]{Text.Escape(a.Threshold.Clause)} {a.Party} in {Text.Escape(a.Where)}: {Text.Escape(a.Explanation)}[/]");
        }
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
                ["observed"] = observed,
                ["declared"] = a.Declared is { } d
                    ? new JsonObject
                    {
                        ["kind"] = d.Kind, ["fact"] = d.Fact, ["by"] = d.By, ["troops"] = d.Troops, ["record_index"] = d.RecordIndex,
                        ["sources"] = new JsonArray([.. d.Sources.Select(s => (JsonNode)s)]),
                    }
                    : null,
                ["threshold"] = new JsonObject { ["value"] = a.Threshold.Value, ["parameter"] = a.Threshold.Parameter, ["note"] = a.Threshold.Note },
                ["clause"] = new JsonObject { ["id"] = finding.Clause, ["status"] = Finding.Word(finding.Status), ["explanation"] = finding.Explanation },
                ["sources"] = new JsonArray([.. a.Sources.Select(s => (JsonNode)s)]),
            });
        }

        return new JsonObject { ["at"] = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["alerts"] = list };
    }

    private static JsonNode? Number(double value) => double.IsFinite(value) ? value : null;
}
