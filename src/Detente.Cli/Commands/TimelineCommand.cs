using System.CommandLine;
using System.Globalization;
using Detente.Cli.Rendering;
using Detente.Node.Following;
using Detente.Node.Reports.Rules;
using Detente.Rules;
using Detente.Rules.Runtime;

namespace Detente.Cli.Commands;

/// <summary><c>detente timeline --agreement ID --from DATE --to DATE --step month</c>: how an agreement's findings change over time.</summary>
internal static class TimelineCommand
{
    public static Command Create(CliOptions options)
    {
        var agreement = new Option<string>("--agreement") { Description = "The agreement's id.", Required = true };
        var from = new Option<string>("--from") { Description = "First date (required).", Required = true };
        var to = new Option<string>("--to") { Description = "Last date (required).", Required = true };
        var step = new Option<string>("--step") { Description = "day, week, month or year (default month).", DefaultValueFactory = _ => "month" };
        var party = new Option<string?>("--party") { Description = "Only findings for this bound party (with the not-checkable clauses that bind it)." };
        var changesOnly = new Option<bool>("--changes-only") { Description = "Only the first date and the dates on which a finding changed." };
        var command = new Command("timeline", "Evaluate an agreement at regular dates and show how its findings change.")
        {
            agreement, from, to, step, party, changesOnly, options.Json, options.Csv, RulesContext.ParamOption, RulesContext.AgreementsOption,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var csv = options.CsvChosen(parse);
            var first = Parse.Date(parse.GetValue(from)!, "--from");
            var last = Parse.Date(parse.GetValue(to)!, "--to");
            if (last < first)
            {
                throw new UsageException("--to: expected a date on or after --from");
            }

            var every = parse.GetValue(step) switch
            {
                "day" => TimelineStep.Day,
                "week" => TimelineStep.Week,
                "month" => TimelineStep.Month,
                "year" => TimelineStep.Year,
                var x => throw new UsageException($"--step: unknown step '{x}'; expected one of day, week, month, year"),
            };
            var rules = RulesContext.Open(session, parse.GetValue(RulesContext.AgreementsOption));
            var doc = rules.Agreement(parse.GetValue(agreement)!);
            var report = TimelineReport.Build(rules.Engine, doc, session.Scenario, first, last, every, rules.Settings(doc, parse.GetValue(RulesContext.ParamOption) ?? []),
                parse.GetValue(party) is { } p ? Parse.Party(p, "--party", session.Scenario).Code : null, parse.GetValue(changesOnly));
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, report.ToJson());
                return 0;
            }

            var table = new ReportTable($"{doc.Id} from {first:yyyy-MM-dd} to {last:yyyy-MM-dd}",
                [new Column("Date", ColumnKind.Id), new Column("Standing"), .. ComplianceMatrix.StatusOrder.Select(x => new Column(Header(x), ColumnKind.Id)),
                    new Column("Changes since the previous date", ColumnKind.Id)]) { Empty = "no dates" };
            foreach (var d in report.Dates)
            {
                // The table lists every change; with many, the first 12 and how many more (all are in --json and --csv).
                table.Add([JsonShapes.Day(d.Day), FindingText.Standing(d.Standing),
                    .. ComplianceMatrix.StatusOrder.Select(x => (Cell)d.Findings.Count(f => f.Status == x).ToString(CultureInfo.InvariantCulture)),
                    new Cell(TimelineReport.ChangeLines(d, csv ? null : 12), Whole: TimelineReport.ChangeLines(d))]);
            }

            table.Totals.Add(report.Totals);
            table.Notes.AddRange([.. report.Note is { } note ? [note] : Array.Empty<string>(), FindingChange.Legend]);
            session.Show(FindingsView.WithWould(table, report.Dates.SelectMany(d => d.Findings)), csv);
            return 0;
        }));
        return command;
    }

    private static string Header(FindingStatus s) => s switch
    {
        FindingStatus.NotApplicable => "Not applicable",
        FindingStatus.NotCheckable => "Not checkable",
        FindingStatus.NotReported => "Not reported",
        _ => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(Finding.Word(s)),
    };
}
