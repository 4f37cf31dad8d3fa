using System.CommandLine;
using Detente.Negotiation.Analysis;
using Detente.Node.Reports.Negotiation;

namespace Detente.Cli.Commands;

/// <summary><c>detente redlines compare A B</c>: whether B is weaker, stronger, equivalent or incomparable to A, with separating packages.</summary>
internal static class RedlinesCommand
{
    public static Command Create(CliOptions options)
    {
        var data = NegotiationCli.DataOption();
        var first = new Argument<string>("A") { Description = "The first position (usually the earlier version)." };
        var second = new Argument<string>("B") { Description = "The second position." };
        var compare = new Command("compare", "Compare two positions: is B weaker, stronger, equivalent or incomparable to A?") { first, second, data, options.Json, options.Csv };
        compare.SetAction(parse => options.Run(parse, session =>
        {
            var negotiation = NegotiationCli.Load(parse, data);
            var a = NegotiationCli.Position(negotiation, parse.GetValue(first)!, "A");
            var b = NegotiationCli.Position(negotiation, parse.GetValue(second)!, "B");
            var result = NegotiationAnalyzer.Compare(negotiation, a, b, new SolverLimit(10));
            return options.Answer(parse, session, () => NegotiationJson.Comparison(negotiation, result),
                _ => NegotiationTables.Comparison(negotiation, result));
        }));
        return new Command("redlines", "Compare versions of red lines and other positions.") { compare };
    }
}
