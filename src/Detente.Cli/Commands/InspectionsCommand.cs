using System.CommandLine;
using System.Text.Json.Nodes;
using Detente.Cli.Records;
using Detente.Cli.Verification;
using Detente.Verification.Inspections;
using Detente.Verification.Steps;
using Detente.Cli.Rendering;
using Detente.Node.Reports.Verification;
using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary><c>detente inspections</c>: the inspection lifecycle — list, balance, and the verbs that state each step.</summary>
internal static class InspectionsCommand
{
    public static Command Create(CliOptions options)
    {
        var command = new Command("inspections", "Inspections under verification regimes: requests, answers, visits, reports, countersignatures, quotas and balance.")
        {
            VerificationContext.RegimesOption, VerificationContext.EventsOption,
        };
        command.Subcommands.Add(List(options));
        command.Subcommands.Add(BalanceVerb(options));
        command.Subcommands.Add(StepWriter.Verb(options, "designate", "inspection-designation", "Designate the sites subject to one side of a regime (signed statement)."));
        command.Subcommands.Add(StepWriter.Verb(options, "request", "inspection-request", "Request an inspection (signed statement; checked against quota, notice, sites and activation)."));
        command.Subcommands.Add(StepWriter.Verb(options, "answer", "inspection-answer", "Accept or refuse a request, with a reason for a refusal (signed statement)."));
        command.Subcommands.Add(StepWriter.Verb(options, "visit", "inspection-visit", "Record the visit made under an accepted request (signed statement)."));
        command.Subcommands.Add(StepWriter.Verb(options, "report", "inspection-report", "Report an inspection item by item (signed statement)."));
        command.Subcommands.Add(StepWriter.Verb(options, "countersign", "inspection-countersignature", "Countersign a report as the inspected party (signed statement)."));
        command.Subcommands.Add(StepWriter.Verb(options, "dissent", "inspection-dissent", "Dissent from a report as the inspected party, with reasons (signed statement)."));
        return command;
    }

    private static Command List(CliOptions options)
    {
        var at = CliOptions.AtOption(required: true);
        var regime = new Option<string?>("--regime") { Description = "Only this regime." };
        return options.Verb("list", "List inspections with their stage, deadlines and flags, and the findings of their reports, at a date.",
            [at, regime, options.Json, options.Csv], (parse, session) =>
        {
            var csv = options.CsvChosen(parse);
            var day = Parse.Date(parse.GetValue(at)!, "--at");
            var report = InspectionsReport.Build(VerificationContext.Open(session, parse), day, parse.GetValue(regime));
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, report.ToJson());
                return 0;
            }

            var table = new ReportTable($"Inspections on {day:yyyy-MM-dd} ({report.From})",
                new Column("Request", ColumnKind.Id), new Column("Regime", ColumnKind.Id), new Column("Inspecting → receiving", ColumnKind.Id),
                new Column("Site", ColumnKind.Id), new Column("Requested", ColumnKind.Id), new Column("Answer due", ColumnKind.Id), new Column("Answer"),
                new Column("Visit", ColumnKind.Id), new Column("Report", ColumnKind.Id), new Column("Stage", ColumnKind.Id))
            {
                Empty = $"no inspection requested by {day:yyyy-MM-dd}",
            };
            foreach (var row in report.Rows)
            {
                var c = row.Case;
                var inspecting = $"{c.Request.Author} → {c.Request.Receiving}";
                table.Add(c.Request.Id, new Cell(c.Regime.Id + (c.Regime.Hypothetical ? " (HYPOTHETICAL)" : ""), c.Regime.Hypothetical ? "yellow" : null),
                    new Cell(inspecting.Replace(" → ", "\u00a0→\u00a0", StringComparison.Ordinal), Whole: inspecting),
                    c.Request.Site?.Value ?? c.Request.Area ?? "", c.Request.At.ToString(), c.AnswerDue?.ToString() ?? "", new Cell(row.AnswerText, row.AnswerFlagged ? "red" : null),
                    row.Visit is { } v ? $"{v.From} – {v.To}" : "", row.Report is { } r ? $"{r.Items.Length} items" : "", row.Stage);
            }

            table.Totals.Add($"{report.Rows.Count} inspection request(s) by {day:yyyy-MM-dd}");
            session.Show(table, csv);
            if (csv)
            {
                return 0;
            }

            if (report.Findings.Count > 0)
            {
                session.Show(Node.Reports.Rules.FindingTables.Table("Findings of inspection reports against declarations", [.. report.Findings]), csv: false);
            }

            foreach (var (step, reason) in report.Rejected)
            {
                session.Console.MarkupLine($"[red]ignored[/] {Text.Escape(step.Where)}: {Text.Escape(step.Kind)}: {Text.Escape(reason)}");
            }

            return 0;
        }, guard: false);
    }

    private static Command BalanceVerb(CliOptions options)
    {
        var at = CliOptions.AtOption(required: true);
        var regime = new Option<string?>("--regime") { Description = "Only this regime." };
        return options.Verb("balance", "The reciprocity balance: per regime, year and side, requests, acceptances, refusals, late answers, visits, reports, countersignatures and dissents.",
            [at, regime, options.Json, options.Csv], (parse, session) =>
        {
            var csv = options.CsvChosen(parse);
            var day = Parse.Date(parse.GetValue(at)!, "--at");
            var context = VerificationContext.Open(session, parse);
            var rows = Balance.Of(context.Ledger, day, parse.GetValue(regime));
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, InspectionsReport.BalanceJson(context, rows, day));
                return 0;
            }

            Render(session, context, rows, day, csv);
            return 0;
        }, guard: false);
    }

    /// <summary>The balance table (also shown by the demo).</summary>
    public static void Render(Session session, VerificationHistory context, IReadOnlyList<BalanceRow> rows, DateOnly day, bool csv = false)
    {
        var table = new ReportTable($"Reciprocity balance on {day:yyyy-MM-dd} ({context.From})",
            new Column("Regime", ColumnKind.Id), new Column("Year", ColumnKind.Id), new Column("Side (inspected)", ColumnKind.Id),
            new Column("Inspecting → receiving", ColumnKind.Id), new Column("Requested", ColumnKind.Id), new Column("Accepted", ColumnKind.Id),
            new Column("Refused", ColumnKind.Id), new Column("Pending", ColumnKind.Id), new Column("Late answers", ColumnKind.Id), new Column("Visits", ColumnKind.Id),
            new Column("Reports", ColumnKind.Id), new Column("Countersigned", ColumnKind.Id), new Column("Dissented", ColumnKind.Id),
            new Column("Quota left", ColumnKind.Id))
        {
            KeyColumns = 3,
            Empty = "no inspection in any year up to the date",
        };
        foreach (var r in rows)
        {
            var hypothetical = context.Regimes.Find(r.Regime)?.Hypothetical == true;
            var sides = $"{string.Join(",", r.Inspecting.Select(p => p.Code))} → {string.Join(",", r.Receiving.Select(p => p.Code))}";
            table.Add(new Cell(r.Regime + (hypothetical ? " (HYPOTHETICAL)" : ""), hypothetical ? "yellow" : null),
                r.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Side,
                new Cell(sides.Replace(" → ", "\u00a0→\u00a0", StringComparison.Ordinal), Whole: sides),
                I(r.Requested), I(r.Accepted), I(r.Refused), I(r.Pending), I(r.AnsweredLate), I(r.Visits), I(r.Reports), I(r.Countersigned), I(r.Dissented),
                r.QuotaRemaining is { } q ? I(q) : "—");
        }

        session.Show(table, csv);
    }

    private static string I(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
