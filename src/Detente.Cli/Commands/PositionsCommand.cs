using System.CommandLine;
using System.Text.Json.Nodes;
using Detente.Negotiation;
using Detente.Negotiation.Analysis;
using System.Globalization;
using Detente.Cli.Rendering;

namespace Detente.Cli.Commands;

/// <summary><c>detente positions list|show|history</c>: each party's red lines and demands, dated and sourced, and how they moved.</summary>
internal static class PositionsCommand
{
    public static Command Create(CliOptions options)
    {
        var root = new Command("positions", "Parties' red lines and demands, with sources and history.");
        root.Subcommands.Add(List(options));
        root.Subcommands.Add(Show(options));
        root.Subcommands.Add(History(options));
        return root;
    }

    private static Command List(CliOptions options)
    {
        var data = NegotiationCli.DataOption();
        var parties = new Option<string?>("--parties") { Description = "Only these parties, e.g. RUS,USA,NATO." };
        var at = new Option<string?>("--at") { Description = "Only the versions in force on this date (optional; default: every version)." };
        var command = new Command("list", "List positions.") { data, parties, at, options.Json, options.Csv };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var csv = options.CsvChosen(parse);
            var negotiation = NegotiationCli.Load(NegotiationCli.Directory(parse, data));
            var chosen = NegotiationCli.Parties(parse.GetValue(parties), negotiation);
            var list = parse.GetValue(at) is { } text
                ? negotiation.InForce(Parse.Date(text, "--at"), [.. chosen])
                : [.. negotiation.Positions.Where(p => chosen.Count == 0 || chosen.Contains(p.Party)).OrderBy(p => p.Party).ThenBy(p => p.Date)];
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, new JsonArray([.. list.Select(p => (JsonNode)NegotiationCli.PositionJson(negotiation, p))]));
                return 0;
            }

            var table = new TableView(null, new Column("Party", ColumnKind.Id), new Column("Id", ColumnKind.Id),
                new Column("Kind", ColumnKind.Id), new Column("Date", ColumnKind.Id), new Column("Title"),
                new Column("Confidence", ColumnKind.Id))
            {
                KeyColumns = 2,
            };
            foreach (var p in list)
            {
                table.Add(p.Party.Code, p.Id.Value, NegotiationCli.Kind(p.Kind) + (p.Kind == PositionKind.Demand ? $" ({p.Weight})" : ""),
                    $"{p.Date:yyyy-MM-dd}", p.Title, NegotiationCli.Confidence(p.Confidence));
            }

            table.Totals.Add($"{list.Length} positions");
            session.Show(table, csv);
            return 0;
        }));
        return command;
    }

    private static Command Show(CliOptions options)
    {
        var data = NegotiationCli.DataOption();
        var id = new Argument<string>("ID") { Description = "A position id." };
        var command = new Command("show", "Show one position: its condition in words, sources and confidence.") { id, data, options.Json, options.Csv };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var csv = options.CsvChosen(parse);
            var negotiation = NegotiationCli.Load(NegotiationCli.Directory(parse, data));
            var p = NegotiationCli.Position(negotiation, parse.GetValue(id)!, "ID");
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, NegotiationCli.PositionJson(negotiation, p));
                return 0;
            }

            session.Show(ShowTable(negotiation, p), csv);
            return 0;
        }));
        return command;
    }

    private static Command History(CliOptions options)
    {
        var data = NegotiationCli.DataOption();
        var id = new Argument<string>("ID") { Description = "A history line id, or the id of any version in it." };
        var command = new Command("history", "Show the versions of a position and how each changed from the one before.") { id, data, options.Json, options.Csv };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var csv = options.CsvChosen(parse);
            var negotiation = NegotiationCli.Load(NegotiationCli.Directory(parse, data));
            var text = parse.GetValue(id)!;
            var (versions, steps) = NegotiationReport.History(negotiation, text, new SolverLimit(5));
            if (versions.Count == 0)
            {
                var near = Core.Spelling.Nearest(text, negotiation.Positions.Select(p => p.Line).Distinct());
                throw new UsageException($"ID: no position or history line '{text}'" + (near is null ? "" : $"; did you mean '{near}'?"));
            }

            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, new JsonObject
                {
                    ["line"] = versions[0].Line,
                    ["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)NegotiationCli.PositionJson(negotiation, v))]),
                    ["changes"] = new JsonArray([.. steps.Select(s => (JsonNode)NegotiationCli.ComparisonJson(negotiation, s))]),
                });
                return 0;
            }

            session.Show(HistoryTable(negotiation, versions, steps), csv);
            return 0;
        }));
        return command;
    }

    /// <summary>One position as field and value rows, one row per source (CSV keeps the same two columns).</summary>
    internal static TableView ShowTable(NegotiationData data, Position p)
    {
        var table = new TableView($"{p.Id} — {p.Party} {NegotiationCli.Kind(p.Kind)}", new Column("Field", ColumnKind.Id), new Column("Value"));
        table.Add("id", p.Id.Value).Add("party", p.Party.Code).Add("kind", NegotiationCli.KindJson(p.Kind));
        if (p.Kind == PositionKind.Demand)
        {
            table.Add("weight", p.Weight.ToString(CultureInfo.InvariantCulture));
        }

        table.Add("stated", $"{p.Date:yyyy-MM-dd}").Add("line", p.Line).Add("title", p.Title)
            .Add("holds when", p.Condition.Describe(data.IssuesById)).Add("condition", p.Condition.ToString())
            .Add("confidence", NegotiationCli.Confidence(p.Confidence));
        if (p.Note is { } note)
        {
            table.Add("note", note);
        }

        foreach (var s in p.Sources)
        {
            table.Add("source", $"{s.Title} — {s.Publisher}, {s.Date:yyyy-MM-dd} ({NegotiationCli.Confidence(s.Confidence)})" + (s.Url is null ? "" : $" {s.Url}"));
        }

        return table;
    }

    /// <summary>One row per version, oldest first, with how it changed from the version before (the first has none).</summary>
    internal static TableView HistoryTable(NegotiationData data, IReadOnlyList<Position> versions, IReadOnlyList<Comparison> steps)
    {
        var table = new TableView($"History of {versions[0].Line} ({versions[0].Party}, {versions.Count} version(s))",
            new Column("Date", ColumnKind.Id), new Column("Id", ColumnKind.Id), new Column("Kind", ColumnKind.Id), new Column("Confidence", ColumnKind.Id),
            new Column("Title"), new Column("Holds when"), new Column("Change from the version before"))
        {
            KeyColumns = 2,
        };
        for (var i = 0; i < versions.Count; i++)
        {
            var v = versions[i];
            table.Add($"{v.Date:yyyy-MM-dd}", v.Id.Value, NegotiationCli.Kind(v.Kind), NegotiationCli.Confidence(v.Confidence), v.Title,
                v.Condition.Describe(data.IssuesById), i == 0 ? "" : NegotiationCli.ComparisonText(data, steps[i - 1]));
        }

        return table;
    }
}
