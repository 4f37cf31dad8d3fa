using System.CommandLine;
using Detente.Negotiation;
using Detente.Negotiation.Analysis;
using Detente.Cli.Rendering;
using Detente.Node.Reports.Negotiation;

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
            var negotiation = NegotiationCli.Load(parse, data);
            var proposal = negotiation.ReadProposal(parse.GetValue(file)!);
            var day = parse.GetValue(at) is { } text ? Parse.Date(text, "--at") : proposal.Date;
            var problem = NegotiationProblem.Create(negotiation, [.. NegotiationCli.Parties(parse.GetValue(parties), negotiation)], day, linkage: false);
            var budget = new SolverLimit(10);
            var scores = NegotiationAnalyzer.Score(problem, proposal.Values, budget);
            return options.Answer(parse, session, () => NegotiationJson.Proposal(negotiation, proposal, day, scores, budget),
                _ => NegotiationTables.Proposal(negotiation, proposal, day, scores, budget));
        }));
        return command;
    }
}
