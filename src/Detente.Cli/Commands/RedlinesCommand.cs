using System.CommandLine;
using Detente.Negotiation.Analysis;
using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary><c>detente redlines compare A B</c>: whether B is weaker, stronger, equivalent or incomparable to A, with separating packages.</summary>
internal static class RedlinesCommand
{
    public static Command Create(CliOptions options)
    {
        var data = NegotiationCli.DataOption();
        var first = new Argument<string>("A") { Description = "The first position (usually the earlier version)." };
        var second = new Argument<string>("B") { Description = "The second position." };
        var compare = new Command("compare", "Compare two positions: is B weaker, stronger, equivalent or incomparable to A?") { first, second, data, options.Json };
        compare.SetAction(parse => options.Run(parse, session =>
        {
            var negotiation = NegotiationCli.Load(NegotiationCli.Directory(parse, data));
            var a = NegotiationCli.Position(negotiation, parse.GetValue(first)!, "A");
            var b = NegotiationCli.Position(negotiation, parse.GetValue(second)!, "B");
            var result = NegotiationAnalyzer.Compare(negotiation, a, b, new SolverLimit(10));
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session.Output, NegotiationCli.ComparisonJson(negotiation, result));
                return 0;
            }

            session.Console.MarkupLine(Text.Escape(NegotiationCli.ComparisonText(negotiation, result)));
            return 0;
        }));
        return new Command("redlines", "Compare versions of red lines and other positions.") { compare };
    }
}
