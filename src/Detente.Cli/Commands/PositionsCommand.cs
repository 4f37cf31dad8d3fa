using System.CommandLine;
using Detente.Negotiation;
using Detente.Negotiation.Analysis;
using Detente.Cli.Rendering;
using Detente.Node.Reports.Negotiation;

namespace Detente.Cli.Commands;

/// <summary><c>detente positions list|show|history</c>: each party's red lines and demands, dated and sourced, and how they moved.</summary>
internal static class PositionsCommand
{
    public static Command Create(CliOptions options) =>
        new("positions", "Parties' red lines and demands, with sources and history.") { List(options), Show(options), History(options) };

    private static Command List(CliOptions options)
    {
        var data = NegotiationCli.DataOption();
        var parties = new Option<string?>("--parties") { Description = "Only these parties, e.g. RUS,USA,NATO." };
        var at = new Option<string?>("--at") { Description = "Only the versions in force on this date (optional; default: every version)." };
        var command = new Command("list", "List positions.") { data, parties, at, options.Json, options.Csv };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var negotiation = NegotiationCli.Load(parse, data);
            var chosen = NegotiationCli.Parties(parse.GetValue(parties), negotiation);
            var list = parse.GetValue(at) is { } text
                ? negotiation.InForce(Parse.Date(text, "--at"), [.. chosen])
                : [.. negotiation.Positions.Where(p => chosen.Count == 0 || chosen.Contains(p.Party)).OrderBy(p => p.Party).ThenBy(p => p.Date)];
            return options.Answer(parse, session, () => NegotiationJson.Positions(negotiation, list),
                _ => NegotiationTables.Positions(list));
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
            var negotiation = NegotiationCli.Load(parse, data);
            var p = NegotiationCli.Position(negotiation, parse.GetValue(id)!, "ID");
            return options.Answer(parse, session, () => NegotiationJson.Position(negotiation, p),
                _ => NegotiationTables.Position(negotiation, p));
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
            var negotiation = NegotiationCli.Load(parse, data);
            var text = parse.GetValue(id)!;
            var (versions, steps) = NegotiationReport.History(negotiation, text, new SolverLimit(5));
            if (versions.Count == 0)
            {
                var near = Core.Spelling.Nearest(text, negotiation.Positions.Select(p => p.Line).Distinct());
                throw new UsageException($"ID: no position or history line '{text}'" + (near is null ? "" : $"; did you mean '{near}'?"));
            }

            return options.Answer(parse, session, () => NegotiationJson.History(negotiation, versions, steps),
                _ => NegotiationTables.History(negotiation, versions, steps));
        }));
        return command;
    }
}
