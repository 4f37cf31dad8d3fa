using System.CommandLine;
using Detente.Negotiation.Analysis;

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
            var csv = options.CsvChosen(parse);
            var negotiation = NegotiationCli.Load(NegotiationCli.Directory(parse, data));
            var a = NegotiationCli.Position(negotiation, parse.GetValue(first)!, "A");
            var b = NegotiationCli.Position(negotiation, parse.GetValue(second)!, "B");
            var result = NegotiationAnalyzer.Compare(negotiation, a, b, new SolverLimit(10));
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, NegotiationCli.ComparisonJson(negotiation, result));
                return 0;
            }

            var table = NegotiationCli.ComparisonTable(negotiation, [result]);
            table.Totals.Add(NegotiationCli.ComparisonText(negotiation, result));
            session.Show(table, csv);
            return 0;
        }));
        return new Command("redlines", "Compare versions of red lines and other positions.") { compare };
    }
}
