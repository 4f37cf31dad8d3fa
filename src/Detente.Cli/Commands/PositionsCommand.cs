using System.CommandLine;
using System.Globalization;
using Detente.Negotiation;
using Detente.Negotiation.Analysis;
using Detente.Cli.Rendering;
using Detente.Node.Reports.Negotiation;
using static Detente.Node.Reports.Negotiation.NegotiationWords;

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
            var csv = options.CsvChosen(parse);
            var negotiation = NegotiationCli.Load(parse, data);
            var chosen = NegotiationCli.Parties(parse.GetValue(parties), negotiation);
            var list = parse.GetValue(at) is { } text
                ? negotiation.InForce(Parse.Date(text, "--at"), [.. chosen])
                : [.. negotiation.Positions.Where(p => chosen.Count == 0 || chosen.Contains(p.Party)).OrderBy(p => p.Party).ThenBy(p => p.Date)];
            return options.Answer(parse, session, csv, () => NegotiationJson.Positions(negotiation, list), () =>
            {
                var table = new ReportTable(null, Column.Id("Party"), Column.Id("Id"), Column.Id("Kind"), Column.Id("Date"), new("Title"), Column.Id("Confidence"))
                {
                    KeyColumns = 2,
                };
                foreach (var p in list)
                {
                    table.Add(p.Party.Code, p.Id.Value, Kind(p.Kind) + (p.Kind == PositionKind.Demand ? $" ({p.Weight})" : ""), $"{p.Date:yyyy-MM-dd}", p.Title,
                        Confidence(p.Confidence));
                }

                table.Totals.Add($"{list.Length} positions");
                return table;
            });
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
            var csv = options.CsvChosen(parse);
            var negotiation = NegotiationCli.Load(parse, data);
            var p = NegotiationCli.Position(negotiation, parse.GetValue(id)!, "ID");
            return options.Answer(parse, session, csv, () => NegotiationJson.Position(negotiation, p), () =>
            {
                // One position as field and value rows, one row per source (CSV keeps the same two columns).
                var table = new ReportTable($"{p.Id} — {p.Party} {Kind(p.Kind)}", Column.Id("Field"), new("Value"));
                table.Add("id", p.Id.Value).Add("party", p.Party.Code).Add("kind", KindJson(p.Kind));
                if (p.Kind == PositionKind.Demand)
                {
                    table.Add("weight", p.Weight.ToString(CultureInfo.InvariantCulture));
                }

                table.Add("stated", $"{p.Date:yyyy-MM-dd}").Add("line", p.Line).Add("title", p.Title).Add("holds when", p.Condition.Describe(negotiation.IssuesById))
                    .Add("condition", p.Condition.ToString()).Add("confidence", Confidence(p.Confidence));
                if (p.Note is { } note)
                {
                    table.Add("note", note);
                }

                foreach (var s in p.Sources)
                {
                    table.Add("source", $"{s.Source.Title} — {s.Source.Publisher}, {s.Source.Date} ({Confidence(s.Confidence)})" + (s.Source.Url is null ? "" : $" {s.Source.Url}"));
                }

                return table;
            });
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
            var csv = options.CsvChosen(parse);
            var negotiation = NegotiationCli.Load(parse, data);
            var text = parse.GetValue(id)!;
            var (versions, steps) = NegotiationReport.History(negotiation, text, new SolverLimit(5));
            if (versions.Count == 0)
            {
                var near = Core.Spelling.Nearest(text, negotiation.Positions.Select(p => p.Line).Distinct());
                throw new UsageException($"ID: no position or history line '{text}'" + (near is null ? "" : $"; did you mean '{near}'?"));
            }

            return options.Answer(parse, session, csv, () => NegotiationJson.History(negotiation, versions, steps), () =>
            {
                // One row per version, oldest first, with how it changed from the version before (the first has none).
                var table = new ReportTable($"History of {versions[0].Line} ({versions[0].Party}, {versions.Count} version(s))", Column.Id("Date"), Column.Id("Id"),
                    Column.Id("Kind"), Column.Id("Confidence"), new("Title"), new("Holds when"), new("Change from the version before"))
                {
                    KeyColumns = 2,
                };
                for (var i = 0; i < versions.Count; i++)
                {
                    var v = versions[i];
                    table.Add($"{v.Date:yyyy-MM-dd}", v.Id.Value, Kind(v.Kind), Confidence(v.Confidence), v.Title, v.Condition.Describe(negotiation.IssuesById),
                        i == 0 ? "" : Sentence(negotiation, steps[i - 1]));
                }

                return table;
            });
        }));
        return command;
    }
}
