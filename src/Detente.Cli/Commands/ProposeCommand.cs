using System.CommandLine;
using Detente.Negotiation;
using Detente.Negotiation.Analysis;
using Detente.Cli.Rendering;
using Detente.Node.Reports.Negotiation;
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
        var at = new Option<string?>("--at") { Description = "Use the positions in force on this date (optional; without it: the proposal's date, which the output names)." };
        var command = new Command("propose", "Score a proposal against each party's positions: met, unmet or open.") { file, data, parties, at, options.Json, options.Csv };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var csv = options.CsvChosen(parse);
            var negotiation = NegotiationCli.Load(parse, data);
            var proposal = negotiation.ReadProposal(parse.GetValue(file)!);
            var day = parse.GetValue(at) is { } text ? Parse.Date(text, "--at") : proposal.Date;
            var problem = NegotiationProblem.Create(negotiation, [.. NegotiationCli.Parties(parse.GetValue(parties), negotiation)], day, linkage: false);
            var budget = new SolverLimit(10);
            var scores = NegotiationAnalyzer.Score(problem, proposal.Values, budget);
            if (parse.GetValue(options.Json) || csv)
            {
                return options.Answer(parse, session, csv, () => NegotiationJson.Proposal(negotiation, proposal, day, scores, budget), () => Table(scores));
            }

            var console = session.Console;
            console.MarkupLine($"[bold]{Text.Escape(proposal.Title)}[/] ({proposal.Party}, {proposal.Date:yyyy-MM-dd}), against positions in force on {day:yyyy-MM-dd}");
            console.MarkupLine($"Proposes: {Text.Escape(NegotiationWords.Describe(negotiation, proposal.Values))}. Other issues are left open.");
            console.MarkupLine("Sources: " + Text.Escape(string.Join("; ", proposal.Sources.Select(s =>
                $"{s.Source.Publisher}, '{s.Source.Title}' ({s.Source.Date}, {NegotiationWords.Confidence(s.Confidence)})"))));
            var table = Table(scores);
            if (scores.Any(s => s.SolverLimitReached))
            {
                table.Notes.Add(NegotiationCli.LimitNote(budget));
            }

            session.Show(table, csv: false);
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// One row per party: its red lines met and unmet, the positions left open (each saying whether it is a red line or a
    /// demand, and the demand's weight), and the demand weight met. Undecided positions are listed under the table.
    /// </summary>
    private static ReportTable Table(IReadOnlyList<PartyScore> scores)
    {
        var table = new ReportTable(null, Column.Id("Party"), new("Red lines met"), new("Red lines unmet"), new("Open (on issues left open)"), new("Demand weight met"));
        foreach (var s in scores)
        {
            string Titles(PositionKind kind, Standing standing) =>
                string.Join("\n", s.Standings.Where(p => p.Position.Kind == kind && p.Standing == standing).Select(p => p.Position.Title));

            // An open red line and an open demand weigh very differently, so each open position says which it is.
            var open = string.Join("\n", s.Standings.Where(p => p.Standing == Standing.Open).OrderBy(p => p.Position.Kind == PositionKind.RedLine ? 0 : 1)
                .Select(p => p.Position.Kind == PositionKind.RedLine ? $"red line: {p.Position.Title}" : $"demand ({p.Position.Weight}): {p.Position.Title}"));
            table.Add(s.Party.Code, Titles(PositionKind.RedLine, Standing.Met), Titles(PositionKind.RedLine, Standing.Unmet), open, NegotiationCli.DemandWeight(s));
        }

        foreach (var s in scores.Where(s => s.Standings.Any(p => p.Standing == Standing.Undecided)))
        {
            table.Notes.Add($"{s.Party}: undecided (solver limit reached): "
                            + string.Join("; ", s.Standings.Where(p => p.Standing == Standing.Undecided).Select(p => p.Position.Title)));
        }

        return table;
    }
}
