using System.CommandLine;
using Detente.Cli.Rendering;
using Detente.Node.Reports.Negotiation;

namespace Detente.Cli.Commands;

/// <summary>
/// <c>detente issues list</c>: the issues positions are about, with their domains, measures and status quo — measured in the
/// world of the day by each issue's rule-language measure, or recorded data for the issues the world cannot measure.
/// </summary>
internal static class IssuesCommand
{
    public static Command Create(CliOptions options)
    {
        var data = NegotiationCli.DataOption();
        var at = CliOptions.AtOption(required: true, "Measure the status quo in the world of this date");
        var list = new Command("list", "List the issues with their domains, measures and status quo on a date.") { data, at, options.Json, options.Csv };
        list.SetAction(parse => options.Run(parse, session =>
        {
            var negotiation = NegotiationCli.Load(parse, data);
            var day = Parse.Date(parse.GetValue(at)!, "--at");
            var statusQuo = NegotiationCli.Measures(session, negotiation).StatusQuo(negotiation, session.Scenario.At(day));
            return options.Answer(parse, session, () => StatusQuoMeasures.Json(statusQuo, day), _ =>
            {
                var table = new ReportTable($"Issues and their status quo on {day:yyyy-MM-dd} (measured in the world unless marked recorded)",
                    Column.Id("Issue"), new("Domain"), new("Status quo"), Column.Id("Basis"), new("Measure (rule language), or why it is unmeasured"));
                foreach (var (i, sq) in statusQuo)
                {
                    table.Add(i.Id.Value, i.Domain + (i.Unit is null ? "" : $" ({i.Unit})"), sq is null ? new Cell("unknown", "grey") : NegotiationWords.Describe(i, sq),
                        sq?.Basis ?? "", i.Measure is { } m ? m : new Cell("unmeasured: " + (i.Unmeasured ?? ""), "grey"));
                }

                return table;
            });
        }));
        return new Command("issues", "The issues positions constrain.") { list };
    }
}
