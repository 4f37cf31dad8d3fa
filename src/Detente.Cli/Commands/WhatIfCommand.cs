using System.CommandLine;
using Detente.Cli.Rendering;
using Detente.Node.Following;
using Detente.Node.Reports.Rules;

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
            var path = parse.GetValue(apply)!;
            var hypothetical = Overlay.Load(session.Scenario, path, session.Manifest.GeoDirectory);
            var docs = parse.GetValue(agreement) is { } id ? [rules.Agreement(id)] : rules.Library.All;
            var report = WhatIfReport.Build(rules.Engine, docs, session.Scenario, hypothetical, day, rules.Settings(parse), path);
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, report.ToJson());
                return 0;
            }

            var changes = report.Changes;
            var table = new ReportTable($"Findings that change on {day:yyyy-MM-dd} with {path}",
                new Column("Clause", ColumnKind.Id), new Column("Party", ColumnKind.Id), new Column("Subject", ColumnKind.Id),
                new Column("Before", ColumnKind.Id), new Column("After", ColumnKind.Id), new Column("Explanation"))
            {
                KeyColumns = 3,
                Empty = "no finding changes",
            };
            foreach (var c in changes)
            {
                table.Add(c.Finding.Clause.ToString(), c.Finding.PartyCode, c.Subject, c.BeforeWord,
                    c.After is { } a ? new Cell(Detente.Rules.Runtime.Finding.Word(a.Status), FindingsView.Colour(a.Status)) : c.AfterWord, c.Finding.Explanation);
            }

            table.Totals.Add($"{changes.Count} findings change" + (changes.Count == 0 ? "." : ": " + string.Join(", ", changes
                .GroupBy(c => c.Finding.Clause).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")) + "."));
            table.Notes.Add("Rows equal but for the party are one row listing the parties (--csv and --json list each).");
            table.Notes.Add(FindingChange.Legend);
            FindingsView.WithWould(table, changes.Select(c => c.Finding));
            session.Show(csv ? table : table.GroupedBy(1, "parties"), csv);
            return 0;
        }));
        return command;
    }
}
