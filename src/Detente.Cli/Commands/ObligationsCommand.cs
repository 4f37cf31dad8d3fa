using System.CommandLine;
using Detente.Cli.Rendering;
using Detente.Cli.Verification;
using Detente.Core;
using Detente.Node.Reports.Rules;
using Detente.Verification.Obligations;

namespace Detente.Cli.Commands;

/// <summary><c>detente obligations</c>: what each party owes and by when, what is overdue and what was met late.</summary>
internal static class ObligationsCommand
{
    public static Command Create(CliOptions options)
    {
        var at = CliOptions.AtOption(required: true);
        var party = new Option<string?>("--party") { Description = "Only this party's obligations (default: every party)." };
        var command = new Command("obligations", "What parties owe at a date: inspection answers and report responses, consultation answers and meetings, " +
                                                 "open quotas, and Vienna Document notices and observation invitations (from the rules' findings).")
        {
            party, at, options.Json, options.Csv, VerificationContext.RegimesOption, VerificationContext.EventsOption, RulesContext.AgreementsOption,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            var csv = options.CsvChosen(parse);
            var day = Parse.Date(parse.GetValue(at)!, "--at");
            var who = parse.GetValue(party) is { } p ? Parse.Party(p, "--party", session.Scenario) : (PartyId?)null;
            var context = VerificationContext.Open(session, parse);
            var rules = RulesContext.Open(session, parse.GetValue(RulesContext.AgreementsOption));
            var report = ObligationsReport.Build(context.Ledger, rules.Engine, rules.Library, session.Scenario.At(day), who);
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, report.ToJson());
                return 0;
            }

            var list = report.Obligations;
            var table = new ReportTable($"Obligations on {day:yyyy-MM-dd}{(who is null ? "" : $" of {who}")}",
                new Column("Party", ColumnKind.Id), new Column("Kind", ColumnKind.Id), new Column("What"), new Column("To", ColumnKind.Id),
                new Column("Due", ColumnKind.Id), new Column("Status", ColumnKind.Id), new Column("Met", ColumnKind.Id), new Column("Reference", ColumnKind.Id))
            {
                KeyColumns = 2,
                Empty = "no obligation",
            };
            foreach (var o in list)
            {
                table.Add(o.Party.Code, o.Kind, new Cell((o.Hypothetical ? "HYPOTHETICAL " : "") + o.What, o.Hypothetical ? "yellow" : null), o.To?.Code ?? "",
                    o.Due ?? "", new Cell(ObligationList.Word(o.Status), o.Status is ObligationStatus.Overdue or ObligationStatus.MetLate ? "red" : null), o.Met ?? "",
                    o.Reference);
            }

            table.Totals.Add(report.Totals);
            table.Notes.Add(FindingText.Obligations);
            session.Show(table, csv);
            return 0;
        }));
        return command;
    }
}
