using System.CommandLine;
using System.Text.Json.Nodes;
using Detente.Cli.Verification;
using Detente.Core;
using Detente.Rules.Runtime;
using Detente.Verification.Obligations;
using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary><c>detente obligations</c>: what each party owes and by when, what is overdue and what was met late.</summary>
internal static class ObligationsCommand
{
    /// <summary>The clauses whose findings are dated duties, and the kind each is listed as (the rules already check them).</summary>
    private static readonly (string Clause, string Kind)[] DutyClauses =
    [
        ("vienna-document-2011/38", "prior-notification"),
        ("vienna-document-2011/47", "observation-invitation"),
    ];

    public static Command Create(CliOptions options)
    {
        var at = CliOptions.AtOption(required: true);
        var party = new Option<string?>("--party") { Description = "Only this party's obligations (default: every party)." };
        var command = new Command("obligations", "What parties owe at a date: inspection answers and report responses, consultation answers and meetings, " +
                                                 "open quotas, and Vienna Document notices and observation invitations (from the rules' findings).")
        {
            party, at, options.Json, VerificationContext.RegimesOption, VerificationContext.EventsOption, RulesContext.AgreementsOption,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
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
                    if (group.FirstOrDefault(d => f.Clause == d.Clause || f.Clause.StartsWith(d.Clause + ".", StringComparison.Ordinal)) is { Kind: not null } duty)
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

            var table = new Table().Title($"Obligations on {day:yyyy-MM-dd}{(who is null ? "" : $" of {who}")}")
                .AddColumns("Party", "Kind", "What", "To", "Due", "Status", "Met", "Reference");
            foreach (var o in list)
            {
                var status = ObligationList.Word(o.Status);
                table.AddRow(o.Party.Code, o.Kind, (o.Hypothetical ? "[yellow]HYPOTHETICAL[/] " : "") + Text.Escape(o.What), o.To?.Code ?? "", o.Due ?? "",
                    o.Status is ObligationStatus.Overdue or ObligationStatus.MetLate ? $"[red]{status}[/]" : status, o.Met ?? "", Text.Escape(o.Reference));
            }

            session.Console.Write(table);
            return 0;
        }));
        return command;
    }
}
