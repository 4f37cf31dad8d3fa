using System.CommandLine;
using Detente.Cli.Rendering;
using Detente.Cli.Verification;
using Detente.Core;
using Detente.Node.Reports.Verification;

namespace Detente.Cli.Commands;

/// <summary><c>detente consultations</c>: risk-reduction requests (Vienna Document Chapter III) with their clocks, answers, meetings and overdue flags.</summary>
internal static class ConsultationsCommand
{
    public static Command Create(CliOptions options)
    {
        var at = CliOptions.AtOption(required: true);
        var command = new Command("consultations", "List consultation requests with their 48-hour clocks, answers or their absence, meeting requests and meetings, at a date.")
        {
            at, options.Json, options.Csv, VerificationContext.RegimesOption, VerificationContext.EventsOption,
        };
        command.Subcommands.Add(StepWriter.Verb(options, "request", StatementKind.ConsultationRequest, "Request an explanation under a consultation regime (signed statement)."));
        command.Subcommands.Add(StepWriter.Verb(options, "answer", StatementKind.ConsultationAnswer, "Answer a consultation request (signed statement)."));
        command.Subcommands.Add(StepWriter.Verb(options, "meeting-request", StatementKind.ConsultationMeetingRequest, "Request a meeting after a consultation request (signed statement)."));
        command.Subcommands.Add(StepWriter.Verb(options, "meeting", StatementKind.ConsultationMeeting, "Record a consultation meeting with who attended and who was absent (signed statement)."));
        command.SetAction(parse => options.Run(parse, session =>
        {
            var report = ConsultationsReport.Build(VerificationContext.Open(session, parse), Parse.Date(parse.GetValue(at)!, "--at"));
            return options.Answer(parse, session, report.ToJson, _ => report.Table());
        }));
        return command;
    }
}
