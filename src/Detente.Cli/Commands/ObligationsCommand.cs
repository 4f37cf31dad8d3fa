using System.CommandLine;
using System.Text.Json.Nodes;
using Detente.Cli.Verification;
using Detente.Core;
using Detente.Rules.Runtime;
using Detente.Verification.Obligations;
using Detente.Cli.Rendering;

namespace Detente.Cli.Commands;

/// <summary><c>detente obligations</c>: what each party owes and by when, what is overdue and what was met late.</summary>
internal static class ObligationsCommand
{
    /// <summary>The clauses whose findings are dated duties, and the kind each is listed as (the rules already check them).</summary>
    private static readonly (string Clause, string Kind)[] DutyClauses =
    [
        ("vienna-document-2011/38", "prior-notification"),
        ("vienna-document-2011/40", "concentration-notification"),
        ("vienna-document-2011/41", "alert-notification"),
        ("vienna-document-2011/47", "observation-invitation"),
        ("vienna-document-2011/61", "annual-calendar"),
        ("vienna-document-2011/69", "large-activity-communication"),
    ];

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
            var world = session.Scenario.At(day);
            var duties = new List<(string, Finding)>();
            foreach (var group in DutyClauses.GroupBy(d => d.Clause[..d.Clause.IndexOf('/', StringComparison.Ordinal)]))
            {
                if (rules.Library.Find(group.Key) is not { } agreement)
                {
                    continue;
                }

                foreach (var f in rules.Evaluate(agreement, world, []))
                {
                    if (group.FirstOrDefault(d => f.Clause.ToString() == d.Clause || f.Clause.ToString().StartsWith(d.Clause + ".", StringComparison.Ordinal)) is { Kind: not null } duty)
                    {
                        duties.Add((duty.Kind, f));
                    }
                }
            }

            var list = ObligationList.At(context.Ledger, day, who, duties);
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, new JsonObject
                {
                    ["at"] = JsonShapes.Day(day),
                    ["party"] = who?.Code,
                    ["obligations"] = new JsonArray([.. list.Select(o => (JsonNode)new JsonObject
                    {
                        ["party"] = o.Party.Code,
                        ["kind"] = o.Kind,
                        ["what"] = o.What,
                        ["to"] = o.To?.Code,
                        ["due"] = o.Due,
                        ["status"] = ObligationList.Word(o.Status),
                        ["met"] = o.Met,
                        ["reference"] = o.Reference,
                        ["hypothetical"] = o.Hypothetical,
                        ["sources"] = new JsonArray([.. o.Sources.Select(s => (JsonNode)s)]),
                    })]),
                });
                return 0;
            }

            var table = new TableView($"Obligations on {day:yyyy-MM-dd}{(who is null ? "" : $" of {who}")}",
                new Column("Party", ColumnKind.Id), new Column("Kind", ColumnKind.Id), new Column("What"), new Column("To", ColumnKind.Id),
                new Column("Due", ColumnKind.Id), new Column("Status", ColumnKind.Id), new Column("Met", ColumnKind.Id), new Column("Reference", ColumnKind.Id))
            {
                KeyColumns = 2,
                Empty = "no obligation",
            };
            foreach (var o in list)
            {
                var status = ObligationList.Word(o.Status);
                table.Add(o.Party.Code, o.Kind, new Cell((o.Hypothetical ? "HYPOTHETICAL " : "") + o.What, o.Hypothetical ? "yellow" : null), o.To?.Code ?? "",
                    o.Due ?? "", new Cell(status, o.Status is ObligationStatus.Overdue or ObligationStatus.MetLate ? "red" : null), o.Met ?? "", o.Reference);
            }

            table.Totals.Add($"{list.Count} obligations" + (list.Count == 0 ? "" : ": " + string.Join(", ",
                list.GroupBy(o => ObligationList.Word(o.Status)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"))));
            table.Notes.Add("Status: owed, overdue, met, met-late, open (a quota still available), not-reported (past due, nothing on record meets it, " +
                            "and a missing statement is not evidence: see docs/verification.md). HYPOTHETICAL: under a regime that was never agreed.");
            session.Show(table, csv);
            return 0;
        }));
        return command;
    }
}
