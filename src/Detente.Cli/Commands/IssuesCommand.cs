using System.CommandLine;
using System.Text.Json.Nodes;
using Detente.Negotiation;
using Spectre.Console;

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
        var at = new Option<string?>("--at") { Description = "Measure the status quo in the world of this date (default: 2022-01-26)." };
        var list = new Command("list", "List the issues with their domains, measures and status quo on a date.") { data, at, options.Json };
        list.SetAction(parse => options.Run(parse, session =>
        {
            var negotiation = NegotiationCli.Load(NegotiationCli.Directory(parse, data));
            var day = parse.GetValue(at) is { } text ? Parse.Date(text, "--at") : DemoNegotiation.Day;
            var measures = NegotiationCli.Measures(session, negotiation);
            var statusQuo = NegotiationCli.StatusQuo(session, negotiation, measures, day);
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, new JsonArray([.. statusQuo.Select(x =>
                    {
                        var (i, sq) = x;
                        return (JsonNode)new JsonObject
                        {
                            ["id"] = i.Id.Value,
                            ["title"] = i.Title,
                            ["domain"] = i.Domain.ToString(),
                            ["unit"] = i.Unit,
                            ["measure"] = i.Measure,
                            ["unmeasured"] = i.Unmeasured,
                            ["definition"] = i.Definition,
                            ["status_quo"] = sq?.Value is { } v ? NegotiationCli.Value(i, v) : null,
                            ["status_quo_basis"] = sq?.Basis,
                            ["status_quo_candidates"] = sq is { Candidates.IsDefaultOrEmpty: false } c
                                ? new JsonArray([.. c.Candidates.Select(v => NegotiationCli.Value(i, v))])
                                : null,
                            ["status_quo_at"] = JsonShapes.Day(day),
                            ["explanation"] = sq?.Explanation,
                        };
                    })]));
                return 0;
            }

            var table = new Table().Title($"Issues and their status quo on {day:yyyy-MM-dd} (measured in the world unless marked recorded)")
                .AddColumns("Issue", "Domain", "Status quo", "Basis", "Measure (rule language), or why it is unmeasured");
            foreach (var (i, sq) in statusQuo)
            {
                var value = sq is null ? "[grey]unknown[/]" : Text.Escape(NegotiationCli.Describe(i, sq));
                table.AddRow(i.Id.Value, Text.Escape(i.Domain + (i.Unit is null ? "" : $" ({i.Unit})")), value, sq?.Basis ?? "",
                    i.Measure is { } m ? Text.Escape(m) : "[grey]unmeasured: " + Text.Escape(i.Unmeasured ?? "") + "[/]");
            }

            session.Console.Write(table);
            return 0;
        }));
        return new Command("issues", "The issues positions constrain.") { list };
    }
}
