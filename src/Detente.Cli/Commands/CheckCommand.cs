using System.CommandLine;
using System.Text.Json.Nodes;
using Detente.Cli.Rendering;
using Detente.Core;
using Detente.Rules.Evaluation;
using Detente.Rules.Runtime;

namespace Detente.Cli.Commands;

/// <summary><c>detente check</c>: the findings of one agreement, or the matrix of all agreements by party, at a date.</summary>
internal static class CheckCommand
{
    public static Command Create(CliOptions options)
    {
        var agreement = new Option<string?>("--agreement") { Description = "The agreement's id, e.g. ru-nato-2021-draft." };
        var all = new Option<bool>("--all") { Description = "Check every agreement and show a matrix of agreements by party." };
        var at = CliOptions.AtOption(required: true);
        var party = new Option<string?>("--party") { Description = "Only findings for this bound party." };
        var fail = new Option<bool>("--fail-on-violation") { Description = "Exit with code 1 when any finding is a violation." };
        var alerts = AlertsCommand.CheckOption();
        var command = new Command("check", "Check agreements against the world at a date; every finding is explained.")
        {
            agreement, all, at, party, options.Json, options.Csv, GeoJson.Option, fail, alerts, RulesContext.ParamOption, RulesContext.AgreementsOption,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var day = Parse.Date(parse.GetValue(at)!, "--at");
            var rules = RulesContext.Open(session, parse.GetValue(RulesContext.AgreementsOption));
            var parameters = parse.GetValue(RulesContext.ParamOption) ?? [];
            var only = parse.GetValue(party) is { } p ? Parse.Party(p, "--party", session.Scenario) : (PartyId?)null;
            var world = session.Scenario.At(day);
            var csv = options.CsvChosen(parse);
            List<Finding> findings;
            if (parse.GetValue(all))
            {
                var matrix = ComplianceMatrix.Evaluate(rules, world, parameters, parse.GetValue(alerts) ? AlertsCommand.Findings(session, rules, world) : [],
                    only?.Code);
                findings = matrix.Findings;
                if (parse.GetValue(GeoJson.Option))
                {
                    FindingsView.GeoJson(session.Output, findings, world);
                }
                else if (parse.GetValue(options.Json))
                {
                    JsonShapes.Write(session, new JsonObject
                    {
                        ["at"] = JsonShapes.Day(day),
                        ["standing"] = new JsonObject(rules.Library.All.Select(a =>
                            KeyValuePair.Create(a.Id, (JsonNode?)FindingsView.Standing(Evaluator.Standing(a, day))))),
                        ["findings"] = new JsonArray(findings.Select(f => (JsonNode)FindingsView.Json(f)).ToArray()),
                        ["matrix"] = matrix.Json(),
                    });
                }
                else
                {
                    session.Show(matrix.Table(), csv);
                }
            }
            else
            {
                var id = parse.GetValue(agreement) ?? throw new UsageException("check: give --agreement ID or --all");
                var doc = rules.Agreement(id);
                findings = rules.Evaluate(doc, world, parameters);
                findings.AddRange(parse.GetValue(alerts) && doc.Id == AlertsCommand.Agreement ? AlertsCommand.Findings(session, rules, world) : []);
                Filter(ref findings, only, rules.UncheckableBound(doc, world, parameters));
                if (parse.GetValue(GeoJson.Option))
                {
                    FindingsView.GeoJson(session.Output, findings, world);
                }
                else if (parse.GetValue(options.Json))
                {
                    JsonShapes.Write(session, new JsonObject
                    {
                        ["agreement"] = doc.Id,
                        ["at"] = JsonShapes.Day(day),
                        ["standing"] = FindingsView.Standing(Evaluator.Standing(doc, day)),
                        ["findings"] = new JsonArray(findings.Select(f => (JsonNode)FindingsView.Json(f)).ToArray()),
                    });
                }
                else
                {
                    var table = FindingsView.Table($"{doc.Id} on {day:yyyy-MM-dd}", findings);
                    session.Show(csv ? table : table.GroupedBy(1, "parties"), csv);
                }
            }

            // "Would violate" under a document not in force is not a violation.
            return parse.GetValue(fail) && findings.Any(f => f.Status == FindingStatus.Violated && !f.Hypothetical) ? 1 : 0;
        }));
        return command;
    }

    /// <summary>Keeps the findings of one party, and the not-checkable clauses that bind it.</summary>
    private static void Filter(ref List<Finding> findings, PartyId? only, IReadOnlyDictionary<string, IReadOnlyList<string>> uncheckable)
    {
        if (only is { } p)
        {
            findings = findings.Where(f => f.Party == p
                                           || (f.Status == FindingStatus.NotCheckable && uncheckable.TryGetValue(f.Clause.ToString(), out var bound) && bound.Contains(p.Code)))
                .ToList();
        }
    }
}
