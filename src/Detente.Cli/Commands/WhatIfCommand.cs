using System.CommandLine;
using System.Text.Json.Nodes;
using Detente.Rules.Runtime;
using Detente.Cli.Rendering;

namespace Detente.Cli.Commands;

/// <summary><c>detente whatif --at DATE --apply FILE</c>: lay hypothetical facts over the scenario and list every finding whose status changes.</summary>
internal static class WhatIfCommand
{
    public static Command Create(CliOptions options)
    {
        var at = CliOptions.AtOption(required: true);
        var apply = new Option<string>("--apply") { Description = "A JSON file of hypothetical facts in the scenario format.", Required = true };
        var agreement = new Option<string?>("--agreement") { Description = "Only this agreement (default: all)." };
        var command = new Command("whatif", "List every finding whose status changes when hypothetical facts are added to the scenario.")
        {
            at, apply, agreement, options.Json, options.Csv, RulesContext.ParamOption, RulesContext.AgreementsOption,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var csv = options.CsvChosen(parse);
            var day = Parse.Date(parse.GetValue(at)!, "--at");
            var rules = RulesContext.Open(session, parse.GetValue(RulesContext.AgreementsOption));
            var hypothetical = Overlay.Load(session.Manifest, parse.GetValue(apply)!);
            var docs = parse.GetValue(agreement) is { } id ? [rules.Agreement(id)] : rules.Library.All;
            var parameters = parse.GetValue(RulesContext.ParamOption) ?? [];
            var before = docs.SelectMany(a => rules.Evaluate(a, session.Scenario.At(day), parameters)).ToList();
            var after = docs.SelectMany(a => rules.Evaluate(a, hypothetical.At(day), parameters)).ToList();
            var changes = Changes(before, after).ToList();
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, new JsonObject
                {
                    ["at"] = JsonShapes.Day(day),
                    ["apply"] = parse.GetValue(apply),
                    ["changes"] = new JsonArray(changes.Select(c => (JsonNode)new JsonObject
                    {
                        ["clause"] = (c.After ?? c.Before)!.Clause.ToString(),
                        ["party"] = (c.After ?? c.Before)!.PartyCode,
                        ["subject"] = FindingsView.Json((c.After ?? c.Before)!)["subject"]!.DeepClone(),
                        ["before"] = c.Before is null ? null : FindingsView.Status(c.Before.Status),
                        ["after"] = c.After is null ? null : FindingsView.Status(c.After.Status),
                        ["hypothetical"] = (c.After ?? c.Before)!.Hypothetical,
                        ["explanation"] = (c.After ?? c.Before)!.Explanation,
                    }).ToArray()),
                });
                return 0;
            }

            var boundBefore = before.Select(f => (f.Clause, f.Party)).ToHashSet();
            var boundAfter = after.Select(f => (f.Clause, f.Party)).ToHashSet();
            var table = new TableView($"Findings that change on {day:yyyy-MM-dd} with {parse.GetValue(apply)}",
                new Column("Clause", ColumnKind.Id), new Column("Party", ColumnKind.Id), new Column("Subject", ColumnKind.Id),
                new Column("Before", ColumnKind.Id), new Column("After", ColumnKind.Id), new Column("Explanation"))
            {
                KeyColumns = 3,
                Empty = "no finding changes",
            };
            foreach (var (b, a) in changes)
            {
                var f = (a ?? b)!;
                table.Add(f.Clause.ToString(), f.PartyCode, FindingChange.SubjectOf(f),
                    FindingChange.Side(b, boundBefore.Contains((f.Clause, f.Party))),
                    a is null ? FindingChange.Side(a, boundAfter.Contains((f.Clause, f.Party))) : new Cell(FindingsView.Status(a), FindingsView.Colour(a.Status)),
                    f.Explanation);
            }

            table.Totals.Add($"{changes.Count} findings change" + (changes.Count == 0 ? "." : ": " + string.Join(", ", changes
                .GroupBy(c => (c.After ?? c.Before)!.Clause).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")) + "."));
            table.Notes.Add("Rows equal but for the party are one row listing the parties (--csv and --json list each).");
            table.Notes.Add(FindingChange.Legend);
            if (changes.Any(c => (c.After ?? c.Before)!.Hypothetical))
            {
                table.Notes.Add(FindingsView.WouldLegend);
            }

            session.Show(csv ? table : table.GroupedBy(1, "parties"), csv);
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// Pairs findings by clause, party and subject and yields those whose status differs, appears or disappears. A party-level
    /// finding ("no fact of P matches") that gives way to findings about facts of the same clause and party is not listed
    /// on its own: the new findings show it as their status before.
    /// </summary>
    public static IEnumerable<(Finding? Before, Finding? After)> Changes(IReadOnlyList<Finding> before, IReadOnlyList<Finding> after)
    {
        var old = before.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First());
        var now = after.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First());
        var partyBefore = before.Where(f => f.Subject.Kind == "party").GroupBy(f => (f.Clause, f.Party)).ToDictionary(g => g.Key, g => g.First());
        var partyAfter = after.Where(f => f.Subject.Kind == "party").GroupBy(f => (f.Clause, f.Party)).ToDictionary(g => g.Key, g => g.First());
        var clausePartyBefore = before.Select(f => (f.Clause, f.Party)).ToHashSet();
        var clausePartyAfter = after.Select(f => (f.Clause, f.Party)).ToHashSet();
        foreach (var key in old.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
        {
            old.TryGetValue(key, out var b);
            now.TryGetValue(key, out var a);
            if (b is { Subject.Kind: "party" } && a is null && clausePartyAfter.Contains((b.Clause, b.Party)))
            {
                continue;
            }

            if (a is { Subject.Kind: "party" } && b is null && clausePartyBefore.Contains((a.Clause, a.Party)))
            {
                continue;
            }

            b ??= a is not null && partyBefore.TryGetValue((a.Clause, a.Party), out var pb) ? pb : null;
            a ??= b is not null && partyAfter.TryGetValue((b.Clause, b.Party), out var pa) ? pa : null;
            if (b?.Status != a?.Status)
            {
                yield return (b, a);
            }
        }
    }
}
