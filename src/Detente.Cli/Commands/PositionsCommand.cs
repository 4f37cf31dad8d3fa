using System.CommandLine;
using System.Text.Json.Nodes;
using Detente.Negotiation;
using Detente.Negotiation.Analysis;
using Spectre.Console;

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
        var at = new Option<string?>("--at") { Description = "Only the versions in force on this date (default: every version)." };
        var command = new Command("list", "List positions.") { data, parties, at, options.Json };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var negotiation = NegotiationCli.Load(NegotiationCli.Directory(parse, data));
            var chosen = NegotiationCli.Parties(parse.GetValue(parties), negotiation);
            var list = parse.GetValue(at) is { } text
                ? negotiation.InForce(Parse.Date(text, "--at"), [.. chosen])
                : [.. negotiation.Positions.Where(p => chosen.Count == 0 || chosen.Contains(p.Party)).OrderBy(p => p.Party).ThenBy(p => p.Date)];
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session.Output, new JsonArray([.. list.Select(p => (JsonNode)NegotiationCli.PositionJson(negotiation, p))]));
                return 0;
            }

            var table = new Table().AddColumns("Party", "Id", "Kind", "Date", "Title", "Confidence");
            foreach (var p in list)
            {
                table.AddRow(p.Party.Code, p.Id.Value, NegotiationCli.Kind(p.Kind) + (p.Kind == PositionKind.Demand ? $" ({p.Weight})" : ""),
                    $"{p.Date:yyyy-MM-dd}", Text.Escape(p.Title), NegotiationCli.Confidence(p.Confidence));
            }

            session.Console.Write(table);
            return 0;
        }));
        return command;
    }

    private static Command Show(CliOptions options)
    {
        var data = NegotiationCli.DataOption();
        var id = new Argument<string>("ID") { Description = "A position id." };
        var command = new Command("show", "Show one position: its condition in words, sources and confidence.") { id, data, options.Json };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var negotiation = NegotiationCli.Load(NegotiationCli.Directory(parse, data));
            var p = NegotiationCli.Position(negotiation, parse.GetValue(id)!, "ID");
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session.Output, NegotiationCli.PositionJson(negotiation, p));
                return 0;
            }

            var console = session.Console;
            console.MarkupLine($"[bold]{Text.Escape(p.Id.Value)}[/] — {p.Party} {NegotiationCli.Kind(p.Kind)}" +
                               (p.Kind == PositionKind.Demand ? $", weight {p.Weight}" : "") + $", stated {p.Date:yyyy-MM-dd}");
            console.MarkupLine(Text.Escape(p.Title));
            console.MarkupLine($"Holds when: {Text.Escape(p.Condition.Describe(negotiation.IssuesById))}");
            console.MarkupLine($"Condition: {Text.Escape(p.Condition.ToString())}");
            if (p.Note is { } note)
            {
                console.MarkupLine($"Note: {Text.Escape(note)}");
            }

            foreach (var s in p.Sources)
            {
                console.MarkupLine($"  source: {Text.Escape(s.Title)} — {Text.Escape(s.Publisher)}, {s.Date:yyyy-MM-dd} ({NegotiationCli.Confidence(s.Confidence)})" +
                                   (s.Url is null ? "" : $" {Text.Escape(s.Url)}"));
            }

            return 0;
        }));
        return command;
    }

    private static Command History(CliOptions options)
    {
        var data = NegotiationCli.DataOption();
        var id = new Argument<string>("ID") { Description = "A history line id, or the id of any version in it." };
        var command = new Command("history", "Show the versions of a position and how each changed from the one before.") { id, data, options.Json };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var negotiation = NegotiationCli.Load(NegotiationCli.Directory(parse, data));
            var text = parse.GetValue(id)!;
            var versions = negotiation.History(text);
            if (versions.Length == 0)
            {
                var near = Core.Spelling.Nearest(text, negotiation.Positions.Select(p => p.Line).Distinct());
                throw new UsageException($"ID: no position or history line '{text}'" + (near is null ? "" : $"; did you mean '{near}'?"));
            }

            var steps = versions.Zip(versions.Skip(1), (a, b) => NegotiationAnalyzer.Compare(negotiation, a, b, new SolverLimit(5))).ToList();
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session.Output, new JsonObject
                {
                    ["line"] = versions[0].Line,
                    ["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)NegotiationCli.PositionJson(negotiation, v))]),
                    ["changes"] = new JsonArray([.. steps.Select(s => (JsonNode)NegotiationCli.ComparisonJson(negotiation, s))]),
                });
                return 0;
            }

            var console = session.Console;
            console.MarkupLine($"[bold]History of {Text.Escape(versions[0].Line)}[/] ({versions[0].Party}, {versions.Length} version(s))");
            for (var i = 0; i < versions.Length; i++)
            {
                var v = versions[i];
                console.MarkupLine($"{v.Date:yyyy-MM-dd} [bold]{Text.Escape(v.Id.Value)}[/] ({NegotiationCli.Kind(v.Kind)}, {NegotiationCli.Confidence(v.Confidence)}): {Text.Escape(v.Title)}");
                console.MarkupLine($"    holds when: {Text.Escape(v.Condition.Describe(negotiation.IssuesById))}");
                if (i < steps.Count)
                {
                    console.MarkupLine($"    → {Text.Escape(NegotiationCli.ComparisonText(negotiation, steps[i]))}");
                }
            }

            return 0;
        }));
        return command;
    }
}
