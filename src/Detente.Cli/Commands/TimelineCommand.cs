using System.CommandLine;
using System.Text.Json.Nodes;
using Detente.Rules.Runtime;
using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary><c>detente timeline --agreement ID --from DATE --to DATE --step month</c>: how an agreement's findings change over time.</summary>
internal static class TimelineCommand
{
    public static Command Create(CliOptions options)
    {
        var agreement = new Option<string>("--agreement") { Description = "The agreement's id.", Required = true };
        var from = new Option<string>("--from") { Description = "First date.", Required = true };
        var to = new Option<string>("--to") { Description = "Last date.", Required = true };
        var step = new Option<string>("--step") { Description = "day, week, month or year (default month).", DefaultValueFactory = _ => "month" };
        var party = new Option<string?>("--party") { Description = "Only findings for this bound party." };
        var command = new Command("timeline", "Evaluate an agreement at regular dates and show how its findings change.")
        {
            agreement, from, to, step, party, options.Json, RulesContext.ParamOption, RulesContext.AgreementsOption,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var first = Parse.Date(parse.GetValue(from)!, "--from");
            var last = Parse.Date(parse.GetValue(to)!, "--to");
            if (last < first)
            {
                throw new UsageException("--to: expected a date on or after --from");
            }

            Func<DateOnly, DateOnly> next = parse.GetValue(step) switch
            {
                "day" => d => d.AddDays(1),
                "week" => d => d.AddDays(7),
                "month" => d => d.AddMonths(1),
                "year" => d => d.AddYears(1),
                var s => throw new UsageException($"--step: expected day, week, month or year, found '{s}'"),
            };
            var rules = RulesContext.Open(session, parse.GetValue(RulesContext.AgreementsOption));
            var doc = rules.Agreement(parse.GetValue(agreement)!);
            var parameters = parse.GetValue(RulesContext.ParamOption) ?? [];
            var only = parse.GetValue(party) is { } p ? Parse.Party(p, "--party", session.Scenario).Code : null;
            var points = new List<(DateOnly Day, List<Finding> Findings, List<(Finding? Before, Finding? After)> Changes)>();
            List<Finding>? previous = null;
            for (var day = first; day <= last; day = next(day))
            {
                var findings = rules.Evaluate(doc, session.Scenario.At(day), parameters).Where(f => only is null || f.Party == only).ToList();
                points.Add((day, findings, previous is null ? [] : WhatIfCommand.Changes(previous, findings).ToList()));
                previous = findings;
            }

            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session.Output, new JsonObject
                {
                    ["agreement"] = doc.Id,
                    ["points"] = new JsonArray(points.Select(pt => (JsonNode)new JsonObject
                    {
                        ["at"] = JsonShapes.Day(pt.Day),
                        ["standing"] = FindingsView.Standing(Evaluator.Standing(doc, pt.Day)),
                        ["counts"] = Counts(pt.Findings),
                        ["changes"] = new JsonArray(pt.Changes.Select(c => (JsonNode)new JsonObject
                        {
                            ["clause"] = (c.After ?? c.Before)!.Clause,
                            ["party"] = (c.After ?? c.Before)!.Party,
                            ["subject"] = (c.After ?? c.Before)!.Subject.Id,
                            ["before"] = c.Before is null ? null : FindingsView.Status(c.Before.Status),
                            ["after"] = c.After is null ? null : FindingsView.Status(c.After.Status),
                            ["hypothetical"] = (c.After ?? c.Before)!.Hypothetical,
                        }).ToArray()),
                    }).ToArray()),
                });
                return 0;
            }

            var table = new Table().Title($"{Text.Escape(doc.Id)} from {first:yyyy-MM-dd} to {last:yyyy-MM-dd}")
                .AddColumns("Date", "Standing", "Violated", "Disputed", "Undetermined", "Complied", "Not applicable", "Changes since the previous date");
            foreach (var pt in points)
            {
                int N(FindingStatus s) => pt.Findings.Count(f => f.Status == s);
                var changes = string.Join("\n", pt.Changes.Take(8).Select(c =>
                    $"{(c.After ?? c.Before)!.Clause} {(c.After ?? c.Before)!.Party} {(c.After ?? c.Before)!.Subject.Id}: {(c.Before is null ? "—" : FindingsView.Status(c.Before))} → {(c.After is null ? "—" : FindingsView.Status(c.After))}"))
                    + (pt.Changes.Count > 8 ? $"\n… {pt.Changes.Count - 8} more" : "");
                table.AddRow($"{pt.Day:yyyy-MM-dd}", StandingText(Evaluator.Standing(doc, pt.Day)), $"{N(FindingStatus.Violated)}", $"{N(FindingStatus.Disputed)}", $"{N(FindingStatus.Undetermined)}",
                    $"{N(FindingStatus.Complied)}", $"{N(FindingStatus.NotApplicable)}", Text.Escape(changes));
            }

            session.Console.Write(table);
            if (points.Any(pt => pt.Findings.Any(f => f.Hypothetical)))
            {
                session.Console.MarkupLine($"[grey]{Text.Escape(FindingsView.WouldLegend)}[/]");
            }

            return 0;
        }));
        return command;
    }

    private static string StandingText(DocumentStanding s) => s switch
    {
        DocumentStanding.InForce => "in force",
        DocumentStanding.Hypothetical => "not in force (would …)",
        DocumentStanding.NotYetIssued => "not yet issued",
        _ => "outside its term",
    };

    private static JsonObject Counts(List<Finding> findings)
    {
        var o = new JsonObject();
        foreach (var g in findings.GroupBy(f => f.Status).OrderBy(g => g.Key))
        {
            o[FindingsView.Status(g.Key)] = g.Count();
        }

        return o;
    }
}
