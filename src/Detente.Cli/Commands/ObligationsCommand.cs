using System.CommandLine;
using Detente.Cli.Verification;
using Detente.Core;
using Detente.Node.Reports.Rules;

namespace Detente.Cli.Commands;

/// <summary><c>detente obligations</c>: what each party owes and by when, what is overdue and what was met late.</summary>
internal static class ObligationsCommand
{
    public static Command Create(CliOptions options)
    {
        var party = new Option<string?>("--party") { Description = "Only this party's obligations (default: every party)." };
        var command = new Command("obligations", "What parties owe at a date: inspection answers and report responses, consultation answers and meetings, " +
                                                 "open quotas, and Vienna Document notices and observation invitations (from the rules' findings).")
        {
            party, options.At, options.Json, options.Csv, VerificationContext.RegimesOption, VerificationContext.EventsOption, RulesContext.AgreementsOption,
        };
        command.SetAction(parse => options.Run(parse, session =>
        {
            options.CsvChosen(parse);
            var day = options.Day(parse);
            var who = parse.GetValue(party) is { } p ? Parse.Party(p, "--party", session.Scenario) : (PartyId?)null;
            var context = VerificationContext.Open(session, parse);
            var rules = RulesContext.From(session, parse);
            var report = ObligationsReport.Build(context.Ledger, rules.Engine, rules.Library, session.Scenario.At(day), who);
            return options.Answer(parse, session, report.ToJson, _ => report.Table());
        }));
        return command;
    }
}
