using System.CommandLine;
using System.Text.Json.Nodes;
using Detente.Negotiation;
using Detente.Cli.Rendering;

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
            var csv = options.CsvChosen(parse);
            var negotiation = NegotiationCli.Load(NegotiationCli.Directory(parse, data));
            var day = Parse.Date(parse.GetValue(at)!, "--at");
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

            var table = new TableView($"Issues and their status quo on {day:yyyy-MM-dd} (measured in the world unless marked recorded)",
                new Column("Issue", ColumnKind.Id), new Column("Domain"), new Column("Status quo"), new Column("Basis", ColumnKind.Id),
                new Column("Measure (rule language), or why it is unmeasured"));
            foreach (var (i, sq) in statusQuo)
            {
                table.Add(i.Id.Value, i.Domain + (i.Unit is null ? "" : $" ({i.Unit})"),
                    sq is null ? new Cell("unknown", "grey") : NegotiationCli.Describe(i, sq), sq?.Basis ?? "",
                    i.Measure is { } m ? m : new Cell("unmeasured: " + (i.Unmeasured ?? ""), "grey"));
            }

            session.Show(table, csv);
            return 0;
        }));
        return new Command("issues", "The issues positions constrain.") { list };
    }
}
