using System.CommandLine;
using Detente.Cli.Records;
using Detente.Cli.Rendering;
using Detente.Cli.Verification;
using Detente.Core;
using Detente.Node.Reports.Verification;
using Detente.Verification.Inspections;

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
        command.Subcommands.Add(StepWriter.Verb(options, "designate", StatementKind.InspectionDesignation, "Designate the sites subject to one side of a regime (signed statement)."));
        command.Subcommands.Add(StepWriter.Verb(options, "request", StatementKind.InspectionRequest, "Request an inspection (signed statement; checked against quota, notice, sites and activation)."));
        command.Subcommands.Add(StepWriter.Verb(options, "answer", StatementKind.InspectionAnswer, "Accept or refuse a request, with a reason for a refusal (signed statement)."));
        command.Subcommands.Add(StepWriter.Verb(options, "visit", StatementKind.InspectionVisit, "Record the visit made under an accepted request (signed statement)."));
        command.Subcommands.Add(StepWriter.Verb(options, "report", StatementKind.InspectionReport, "Report an inspection item by item (signed statement)."));
        command.Subcommands.Add(StepWriter.Verb(options, "countersign", StatementKind.InspectionCountersignature, "Countersign a report as the inspected party (signed statement)."));
        command.Subcommands.Add(StepWriter.Verb(options, "dissent", StatementKind.InspectionDissent, "Dissent from a report as the inspected party, with reasons (signed statement)."));
        return command;
    }

    private static Command List(CliOptions options)
    {
        var at = CliOptions.AtOption(required: true);
        var regime = new Option<string?>("--regime") { Description = "Only this regime." };
        return options.Verb("list", "List inspections with their stage, deadlines and flags, and the findings of their reports, at a date.",
            [at, regime, options.Json, options.Csv], (parse, session) =>
        {
            var day = Parse.Date(parse.GetValue(at)!, "--at");
            var report = InspectionsReport.Build(VerificationContext.Open(session, parse), day, parse.GetValue(regime));
            return options.Answer(parse, session, report.ToJson, _ => report.Page());
        });
    }

    private static Command BalanceVerb(CliOptions options)
    {
        var at = CliOptions.AtOption(required: true);
        var regime = new Option<string?>("--regime") { Description = "Only this regime." };
        return options.Verb("balance", "The reciprocity balance: per regime, year and side, requests, acceptances, refusals, late answers, visits, reports, countersignatures and dissents.",
            [at, regime, options.Json, options.Csv], (parse, session) =>
        {
            var day = Parse.Date(parse.GetValue(at)!, "--at");
            var context = VerificationContext.Open(session, parse);
            var rows = Balance.Of(context.Ledger, day, parse.GetValue(regime));
            return options.Answer(parse, session, () => InspectionsReport.BalanceJson(context, rows, day),
                _ => InspectionsReport.BalanceTable(context, rows, day));
        });
    }
}
