using System.CommandLine;
using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Rules.Runtime;
using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary><c>detente check</c>: the findings of one agreement, or the matrix of all agreements by party, at a date.</summary>
internal static class CheckCommand
{
    public static Command Create(CliOptions options)
    {
        var agreement = new Option<string?>("--agreement") { Description = "The agreement's id, e.g. ru-nato-2021-draft." };
        var all = new Option<bool>("--all") { Description = "Check every agreement and show a matrix of agreements by party." };
        var at = CliOptions.AtOption(required: false);
        var party = new Option<string?>("--party") { Description = "Only findings for this bound party." };
        var fail = new Option<bool>("--fail-on-violation") { Description = "Exit with code 1 when any finding is a violation." };
        var alerts = AlertsCommand.CheckOption();
        var command = new Command("check", "Check agreements against the world at a date; every finding is explained.")
        {
            agreement, all, at, party, options.Json, fail, alerts, RulesContext.ParamOption, RulesContext.AgreementsOption,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var day = parse.GetValue(at) is { } text ? Parse.Date(text, "--at") : DemoCommand.Day;
            var rules = RulesContext.Open(session, parse.GetValue(RulesContext.AgreementsOption));
            var parameters = parse.GetValue(RulesContext.ParamOption) ?? [];
            var only = parse.GetValue(party) is { } p ? Parse.Party(p, "--party", session.Scenario) : (PartyId?)null;
            var world = session.Scenario.At(day);
            List<Finding> findings;
            if (parse.GetValue(all))
            {
                findings = rules.Library.All.SelectMany(a => rules.Evaluate(a, world, parameters)).ToList();
                findings.AddRange(parse.GetValue(alerts) ? AlertsCommand.Findings(session, rules, world) : []);
                Filter(ref findings, only);
                if (parse.GetValue(options.Json))
                {
                    JsonShapes.Write(session.Output, new JsonObject
                    {
                        ["at"] = JsonShapes.Day(day),
                        ["standing"] = new JsonObject(rules.Library.All.Select(a =>
                            KeyValuePair.Create(a.Id, (JsonNode?)FindingsView.Standing(Evaluator.Standing(a, day))))),
                        ["findings"] = new JsonArray(findings.Select(f => (JsonNode)FindingsView.Json(f)).ToArray()),
                    });
                }
                else
                {
                    Matrix(session.Console, rules, findings, day);
                }
            }
            else
            {
                var id = parse.GetValue(agreement) ?? throw new UsageException("check: give --agreement ID or --all");
                var doc = rules.Agreement(id);
                findings = rules.Evaluate(doc, world, parameters);
                findings.AddRange(parse.GetValue(alerts) && doc.Id == AlertsCommand.Agreement ? AlertsCommand.Findings(session, rules, world) : []);
                Filter(ref findings, only);
                if (parse.GetValue(options.Json))
                {
                    JsonShapes.Write(session.Output, new JsonObject
                    {
                        ["agreement"] = doc.Id,
                        ["at"] = JsonShapes.Day(day),
                        ["standing"] = FindingsView.Standing(Evaluator.Standing(doc, day)),
                        ["findings"] = new JsonArray(findings.Select(f => (JsonNode)FindingsView.Json(f)).ToArray()),
                    });
                }
                else
                {
                    FindingsView.Table(session.Console, $"{doc.Id} on {day:yyyy-MM-dd}", findings);
                }
            }

            // "Would violate" under a document not in force is not a violation.
            return parse.GetValue(fail) && findings.Any(f => f.Status == FindingStatus.Violated && !f.Hypothetical) ? 1 : 0;
        }));
        return command;
    }

    private static void Filter(ref List<Finding> findings, PartyId? only)
    {
        if (only is { } p)
        {
            findings = findings.Where(f => f.Party == p.Code).ToList();
        }
    }

    public static void Matrix(IAnsiConsole console, RulesContext rules, IReadOnlyList<Finding> findings, DateOnly day)
    {
        var docs = rules.Library.All;
        var table = new Table().Title($"Compliance on {day:yyyy-MM-dd}: agreements by bound party (checkable clauses)").AddColumn("Party");
        foreach (var d in docs)
        {
            table.AddColumn(Text.Escape(d.Id));
        }

        var byParty = findings.GroupBy(f => f.Party).OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var g in byParty)
        {
            var row = new List<string> { g.Key };
            row.AddRange(docs.Select(d => FindingsView.Cell(g.Where(f => f.Clause.StartsWith(d.Id + "/", StringComparison.Ordinal)),
                Evaluator.Standing(d, day))));
            table.AddRow(row.ToArray());
        }

        console.Write(table);
        if (findings.Any(f => f.Hypothetical))
        {
            console.MarkupLine($"[grey]{Text.Escape(FindingsView.WouldLegend)}[/]");
        }
    }
}
