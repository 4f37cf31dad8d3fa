using System.CommandLine;
using System.Text.Json.Nodes;
using Detente.Negotiation;
using Detente.Negotiation.Analysis;
using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary><c>detente propose FILE</c>: scores a concrete proposal (values for issues) against each party's positions.</summary>
internal static class ProposeCommand
{
    public static Command Create(CliOptions options)
    {
        var data = NegotiationCli.DataOption();
        var file = new Argument<string>("FILE") { Description = "A proposal JSON file: id, title, party, date, values by issue, sources." };
        var parties = new Option<string?>("--parties") { Description = "Score against these parties (default: all)." };
        var at = new Option<string?>("--at") { Description = "Use the positions in force on this date (default: the proposal's date)." };
        var command = new Command("propose", "Score a proposal against each party's positions: met, unmet or open.") { file, data, parties, at, options.Json };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var negotiation = NegotiationCli.Load(NegotiationCli.Directory(parse, data));
            var proposal = negotiation.ReadProposal(parse.GetValue(file)!);

            var day = parse.GetValue(at) is { } text ? Parse.Date(text, "--at") : proposal.Date;
            var problem = NegotiationProblem.Create(negotiation, [.. NegotiationCli.Parties(parse.GetValue(parties), negotiation)], day, linkage: false);
            var budget = new SolverLimit(10);
            var scores = NegotiationAnalyzer.Score(problem, proposal.Values, budget);
            var limitReached = scores.Any(s => s.SolverLimitReached);
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, new JsonObject
                {
                    ["proposal"] = proposal.Id,
                    ["at"] = JsonShapes.Day(day),
                    ["values"] = NegotiationCli.Assignment(negotiation, proposal.Values),
                    ["sources"] = new JsonArray([.. proposal.Sources.Select(x => (JsonNode)NegotiationCli.SourceJson(x))]),
                    ["parties"] = new JsonArray([.. scores.Select(s => (JsonNode)AnalyzeCommand.ScoreJson(negotiation, s))]),
                    ["solver"] = NegotiationCli.SolverJson(budget, limitReached),
                });
                return 0;
            }

            var console = session.Console;
            console.MarkupLine($"[bold]{Text.Escape(proposal.Title)}[/] ({proposal.Party}, {proposal.Date:yyyy-MM-dd}), against positions in force on {day:yyyy-MM-dd}");
            console.MarkupLine($"Proposes: {Text.Escape(NegotiationCli.Describe(negotiation, proposal.Values))}. Other issues are left open.");
            console.MarkupLine($"Sources: {Text.Escape(string.Join("; ", proposal.Sources.Select(NegotiationCli.Cite)))}");
            var table = new Table().AddColumns("Party", "Red lines met", "Red lines unmet", "Open (on issues left open)", "Demand weight met");
            foreach (var s in scores)
            {
                string Titles(PositionKind? kind, Standing standing) => Text.Escape(string.Join("\n",
                    s.Standings.Where(p => (kind is null || p.Position.Kind == kind) && p.Standing == standing).Select(p => p.Position.Title)));

                // An open red line and an open demand weigh very differently, so each open position says which it is.
                var open = Text.Escape(string.Join("\n", s.Standings.Where(p => p.Standing == Standing.Open)
                    .OrderBy(p => p.Position.Kind == PositionKind.RedLine ? 0 : 1)
                    .Select(p => p.Position.Kind == PositionKind.RedLine ? $"red line: {p.Position.Title}" : $"demand ({p.Position.Weight}): {p.Position.Title}")));
                table.AddRow(s.Party.Code, Titles(PositionKind.RedLine, Standing.Met), Titles(PositionKind.RedLine, Standing.Unmet),
                    open, NegotiationCli.DemandWeight(s));
            }

            console.Write(table);
            foreach (var s in scores.Where(s => s.Standings.Any(p => p.Standing == Standing.Undecided)))
            {
                console.MarkupLine(Text.Escape($"{s.Party}: undecided (solver limit reached): "
                    + string.Join("; ", s.Standings.Where(p => p.Standing == Standing.Undecided).Select(p => p.Position.Title))));
            }

            if (limitReached)
            {
                console.MarkupLine(Text.Escape(NegotiationCli.LimitNote(budget)));
            }

            return 0;
        }));
        return command;
    }
}
