using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Detente.Cli.Rendering;
using Detente.Node.Reports.Rules;

namespace Detente.Cli.Commands;

/// <summary><c>detente explain CLAUSE --subject ID --at DATE</c>: why a clause gives the status it gives for one subject, step by step.</summary>
internal static class ExplainCommand
{
    public static Command Create(CliOptions options)
    {
        var clauseArgument = new Argument<string>("clause") { Description = "The clause, e.g. ru-nato-2021-draft/4 or vienna-document-2011/38." };
        var subject = new Option<string?>("--subject") { Description = "The fact id the finding is about (deployment, activity, ...), or a party code." };
        var at = CliOptions.AtOption(required: true);
        var command = new Command("explain", "Explain step by step why a clause gives its finding for a subject at a date.")
        {
            clauseArgument, subject, at, options.Csv, RulesContext.ParamOption, RulesContext.AgreementsOption,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var csv = parse.GetValue(options.Csv);
            var day = Parse.Date(parse.GetValue(at)!, "--at");
            var rules = RulesContext.Open(session, parse.GetValue(RulesContext.AgreementsOption));
            var clauseId = parse.GetValue(clauseArgument)!;
            var slash = clauseId.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0)
            {
                throw new UsageException($"explain: expected a clause like ru-nato-2021-draft/4, found '{clauseId}'");
            }

            var agreement = rules.Agreement(clauseId[..slash]);
            if (!rules.Engine.TryExplain(agreement, clauseId[(slash + 1)..], session.Scenario, session.Scenario.At(day),
                    rules.Settings(agreement, parse.GetValue(RulesContext.ParamOption) ?? []), parse.GetValue(subject), out var explanation, out var problem))
            {
                throw new UsageException(problem);
            }

            // The party and status are their own columns, so findings alike but for the party group into one row.
            var steps = ExplainReport.Build(explanation, session.Scenario).Steps.Select(s => s.Finding is { } f
                ? new Cell[] { "", f.PartyCode, new(f.StatusWord.Replace(' ', '\u00a0'), FindingsView.Colour(f.Status), f.StatusWord), s.Text }
                : ["", "", "", new Cell(s.Text, s.Trace ? "grey" : null)]).ToList();
            session.Show(csv ? Table(steps) : Grouped(steps), csv);
            return 0;
        }));
        return command;
    }

    /// <summary>The steps as a table, numbered in order (numbering after grouping, so a grouped table counts its own rows).</summary>
    private static ReportTable Table(IEnumerable<Cell[]> steps, bool number = true)
    {
        var table = new ReportTable(null, new Column("Step", ColumnKind.Id), new Column("Party", ColumnKind.Id), new Column("Status", ColumnKind.Id),
            new Column("Explanation")) { KeyColumns = 1 };
        var n = 0;
        foreach (var row in steps)
        {
            table.Add([number ? (++n).ToString(CultureInfo.InvariantCulture) : "", .. row.Skip(1)]);
        }

        return table;
    }

    /// <summary>
    /// The steps for people: findings that differ only in their party (its code in the explanation included) become one row
    /// listing the parties, whose explanation says "each party" where the code stood.
    /// </summary>
    private static ReportTable Grouped(IReadOnlyList<Cell[]> steps)
    {
        const string Mark = "\u0001";
        var templated = steps.Select(r => r[1].Text.Length == 0 ? r
            : [r[0], r[1], r[2], new Cell(Regex.Replace(r[3].Text, $@"\b{Regex.Escape(r[1].Text)}\b", Mark), r[3].Style)]);
        return Table(Table(templated, number: false).GroupedBy(1, "parties").Rows.Select(r => (Cell[])[r[0], r[1], r[2],
            new Cell(r[3].Text.Replace(Mark, r[1].Text.Contains(' ', StringComparison.Ordinal) ? "each party" : r[1].Text, StringComparison.Ordinal), r[3].Style)]));
    }
}
