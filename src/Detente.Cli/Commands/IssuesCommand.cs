using System.CommandLine;
using System.Text.Json.Nodes;
using Detente.Negotiation;
using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary><c>detente issues list</c>: the issues positions are about, with their domains, measures and status quo.</summary>
internal static class IssuesCommand
{
    public static Command Create(CliOptions options)
    {
        var data = NegotiationCli.DataOption();
        var at = new Option<string?>("--at") { Description = "Show the recorded status quo on this date (default: the latest)." };
        var list = new Command("list", "List the issues with their domains, measures and recorded status quo.") { data, at, options.Json };
        list.SetAction(parse => options.Run(parse, session =>
        {
            var negotiation = NegotiationCli.Load(NegotiationCli.Directory(parse, data));
            var day = parse.GetValue(at) is { } text ? Parse.Date(text, "--at") : DateOnly.MaxValue;
            var measures = new IssueMeasures();
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session.Output, new JsonArray([.. negotiation.Issues.Select(i =>
                {
                    var sq = measures.StatusQuo(i, day, null);
                    return (JsonNode)new JsonObject
                    {
                        ["id"] = i.Id.Value,
                        ["title"] = i.Title,
                        ["domain"] = i.Domain.ToString(),
                        ["unit"] = i.Unit,
                        ["measure"] = i.Measure,
                        ["definition"] = i.Definition,
                        ["status_quo"] = sq is { } v ? NegotiationCli.Value(i, v.Value) : null,
                        ["status_quo_basis"] = sq?.Basis,
                    };
                })]));
                return 0;
            }

            var table = new Table().Title("Issues (status quo as recorded data until the rule engine measures it)")
                .AddColumns("Issue", "Title", "Domain", "Status quo", "Measure (rule language, not yet evaluated)");
            foreach (var i in negotiation.Issues)
            {
                var sq = measures.StatusQuo(i, day, null);
                table.AddRow(i.Id.Value, Text.Escape(i.Title), Text.Escape(i.Domain + (i.Unit is null ? "" : $" ({i.Unit})")),
                    sq is { } v ? Text.Escape(i.Describe(v.Value)) : "[grey]unknown[/]", Text.Escape(i.Measure));
            }

            session.Console.Write(table);
            return 0;
        }));
        return new Command("issues", "The issues positions constrain.") { list };
    }
}
