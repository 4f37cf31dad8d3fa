using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Detente.Cli.Rendering;
using Detente.Node.Following;
using Detente.Rules.Compilation;
using Detente.Rules.Evaluation;
using Detente.Rules.Runtime;

namespace Detente.Cli.Commands;

/// <summary><c>detente timeline --agreement ID --from DATE --to DATE --step month</c>: how an agreement's findings change over time.</summary>
internal static class TimelineCommand
{
    public static Command Create(CliOptions options)
    {
        var agreement = new Option<string>("--agreement") { Description = "The agreement's id.", Required = true };
        var from = new Option<string>("--from") { Description = "First date (required).", Required = true };
        var to = new Option<string>("--to") { Description = "Last date (required).", Required = true };
        var step = new Option<string>("--step") { Description = "day, week, month or year (default month).", DefaultValueFactory = _ => "month" };
        var party = new Option<string?>("--party") { Description = "Only findings for this bound party (with the not-checkable clauses that bind it)." };
        var changesOnly = new Option<bool>("--changes-only") { Description = "Only the first date and the dates on which a finding changed." };
        var command = new Command("timeline", "Evaluate an agreement at regular dates and show how its findings change.")
        {
            agreement, from, to, step, party, changesOnly, options.Json, options.Csv, RulesContext.ParamOption, RulesContext.AgreementsOption,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var csv = options.CsvChosen(parse);
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
                var s => throw new UsageException($"--step: unknown step '{s}'; expected one of day, week, month, year"),
            };
            var rules = RulesContext.Open(session, parse.GetValue(RulesContext.AgreementsOption));
            var doc = rules.Agreement(parse.GetValue(agreement)!);
            var parameters = parse.GetValue(RulesContext.ParamOption) ?? [];
            var only = parse.GetValue(party) is { } p ? Parse.Party(p, "--party", session.Scenario).Code : null;
            var points = new List<Point>();
            List<Finding>? previous = null;
            for (var day = first; day <= last; day = next(day))
            {
                var world = session.Scenario.At(day);
                var findings = rules.Evaluate(doc, world, parameters);
                if (only is not null)
                {
                    // A clause no machine can check is reported once, for party '*'; it counts for the party when it binds it.
                    var bound = rules.UncheckableBound(doc, world, parameters);
                    findings = findings.Where(f => f.PartyCode == only || (f.Status == FindingStatus.NotCheckable && bound.TryGetValue(f.Clause.ToString(), out var b) && b.Contains(only)))
                        .ToList();
                }

                points.Add(new Point(day, findings, previous is null ? [] : FindingChange.Between(previous, findings)));
                previous = findings;
            }

            var shown = parse.GetValue(changesOnly) ? points.Where((pt, i) => i == 0 || pt.Changes.Count > 0).ToList() : points;
            var note = Note(doc.Id, only, points);
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, new JsonObject
                {
                    ["agreement"] = doc.Id,
                    ["party"] = only,
                    ["note"] = note,
                    ["points"] = new JsonArray(shown.Select(pt => (JsonNode)new JsonObject
                    {
                        ["at"] = JsonShapes.Day(pt.Day),
                        ["standing"] = FindingsView.Standing(Evaluator.Standing(doc, pt.Day)),
                        ["counts"] = Counts(pt.Findings),
                        ["changes"] = new JsonArray([.. pt.Changes.Select(c => (JsonNode)c.Json())]),
                    }).ToArray()),
                });
                return 0;
            }

            session.Show(Table(doc, first, last, shown, note, csv), csv);
            return 0;
        }));
        return command;
    }

    private sealed record Point(DateOnly Day, List<Finding> Findings, List<FindingChange> Changes);

    /// <summary>Why every count is zero, when it is: the party is bound only by clauses no machine can check, or not bound at all.</summary>
    private static string? Note(string doc, string? party, List<Point> points)
    {
        var who = party ?? "any party";
        if (points.All(pt => pt.Findings.Count == 0))
        {
            return $"No findings on these dates: {doc} binds {who} by no clause on any of them (or the party is not among its parties).";
        }

        if (points.All(pt => pt.Findings.All(f => f.Status == FindingStatus.NotCheckable)))
        {
            var clauses = points.SelectMany(pt => pt.Findings).Select(f => f.Clause).Distinct().Order();
            return $"Nothing checkable: {doc} binds {who} on these dates only by clauses no machine can check ({string.Join(", ", clauses)}); " +
                   "the other counts are zero for that reason, not because of the world.";
        }

        return null;
    }

    private static TableView Table(Agreement doc, DateOnly first, DateOnly last, List<Point> points, string? note, bool csv)
    {
        var counts = FindingsView.Order.Select(s => new Column(Header(s), ColumnKind.Id)).ToList();
        var table = new TableView($"{doc.Id} from {first:yyyy-MM-dd} to {last:yyyy-MM-dd}",
            [new Column("Date", ColumnKind.Id), new Column("Standing"), .. counts, new Column("Changes since the previous date", ColumnKind.Id)])
        {
            Empty = "no dates",
        };
        foreach (var pt in points)
        {
            var cells = new List<Cell> { JsonShapes.Day(pt.Day), StandingText(Evaluator.Standing(doc, pt.Day)) };
            cells.AddRange(FindingsView.Order.Select(s => (Cell)pt.Findings.Count(f => f.Status == s).ToString(CultureInfo.InvariantCulture)));

            // The table lists every change; with many, the first 12 and how many more (all are in --json and --csv).
            var lines = pt.Changes.Select(c => c.ToString()).ToList();
            var all = string.Join("\n", lines);
            var text = lines.Count > 12 ? string.Join("\n", lines.Take(12)) + $"\n… {lines.Count - 12} more (--json or --csv lists all)" : all;
            cells.Add(new Cell(csv ? all : text, Whole: all));
            table.Add([.. cells]);
        }

        var changed = points.Skip(1).Count(pt => pt.Changes.Count > 0);
        table.Totals.Add($"{points.Count} dates; findings changed on {changed} of them ({points.Sum(pt => pt.Changes.Count)} changes)");
        if (note is not null)
        {
            table.Notes.Add(note);
        }

        table.Notes.Add(FindingChange.Legend);
        if (points.Any(pt => pt.Findings.Any(f => f.Hypothetical)))
        {
            table.Notes.Add(FindingsView.WouldLegend);
        }

        return table;
    }

    private static string Header(FindingStatus s) => s switch
    {
        FindingStatus.NotApplicable => "Not applicable",
        FindingStatus.NotCheckable => "Not checkable",
        FindingStatus.NotReported => "Not reported",
        _ => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(FindingsView.Status(s)),
    };

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
