using System.CommandLine;
using System.Text.Json.Nodes;
using Detente.Cli.Records;
using Detente.Cli.Rendering;
using Detente.Cli.Verification;
using Detente.Core;
using Detente.Node.Reports.Verification;
using Detente.Verification.Consultations;

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
            var csv = options.CsvChosen(parse);
            var report = ConsultationsReport.Build(VerificationContext.Open(session, parse), Parse.Date(parse.GetValue(at)!, "--at"));
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, report.ToJson());
                return 0;
            }

            session.Show(Table(report), csv);
            return 0;
        }));
        return command;
    }

    public static void Render(Session session, VerificationHistory history, IReadOnlyList<ConsultationCase> cases, DateOnly day, bool csv = false) =>
        session.Show(Table(history, cases, day), csv);

    /// <summary>The consultations table of <paramref name="cases"/> (also shown by the demo and the brief).</summary>
    public static ReportTable Table(VerificationHistory history, IReadOnlyList<ConsultationCase> cases, DateOnly day) =>
        Table(new ConsultationsReport(day, history.From, [.. cases.Select(c => new ConsultationRow(c, day))]));

    /// <summary>One request's JSON form (<see cref="ConsultationRow.ToJson"/>).</summary>
    public static JsonObject Json(ConsultationCase c, DateOnly day) => new ConsultationRow(c, day).ToJson();

    /// <summary>The consultations table: one row per request, with its clock, each addressee's answer state and the meetings.</summary>
    private static ReportTable Table(ConsultationsReport report)
    {
        var table = new ReportTable($"Consultations on {report.At:yyyy-MM-dd} ({report.From})",
            new Column("Request", ColumnKind.Id), new Column("From → to", ColumnKind.Id), new Column("Requested", ColumnKind.Id),
            new Column("Answer due", ColumnKind.Id), new Column("Answer", ColumnKind.Id), new Column("Meeting requested", ColumnKind.Id),
            new Column("Meeting due", ColumnKind.Id), new Column("Meetings (absent)", ColumnKind.Id))
        {
            Empty = $"no consultation requested by {report.At:yyyy-MM-dd}",
        };
        foreach (var row in report.Rows)
        {
            var (c, answers, requests) = (row.Case, row.Answers, row.MeetingRequests);
            var meetings = row.Meetings.Select(m => $"{m.At}{(m.Absent.IsEmpty ? "" : $" (absent: {string.Join(", ", m.Absent.Select(p => p.Code))})")}");
            var fromTo = $"{c.Request.Author} → {string.Join(", ", c.Request.To.Select(p => p.Code))}";
            table.Add(c.Request.Id, new Cell(fromTo.Replace(" → ", "\u00a0→\u00a0", StringComparison.Ordinal), Whole: fromTo), c.Request.At.ToString(),
                c.AnswerDue?.ToString() ?? "",
                new Cell(string.Join("; ", answers.Select(x => $"{x.Party}: {Word(x.State)}")), Style(answers.Select(x => x.State))),
                string.Join("; ", requests.Select(m => m.Request.Request.At.ToString())),
                new Cell(string.Join("; ", requests.Select(m => $"{m.Request.Due} {m.State.Word()}")), Style(requests.Select(m => m.State))),
                new Cell(string.Join("; ", meetings), row.Meetings.Any(m => !m.Absent.IsEmpty) ? "red" : null));
        }

        table.Totals.Add($"{report.Rows.Count} consultation request(s) by {report.At:yyyy-MM-dd}; answers overdue: {report.Rows.Sum(r => r.Overdue)}");
        table.Notes.Add("Answer states: answered, answered-late, pending, overdue, undetermined = past the deadline, and the sources do not " +
                        "establish whether an answer was given. Meeting states: held, held-late, pending, overdue. A clock from a day runs from its end.");
        return table;
    }

    private static string Word(ConsultationState state) =>
        state == ConsultationState.Undetermined ? "undetermined (past the deadline; the sources do not say whether it was answered)" : state.Word();

    private static string? Style(IEnumerable<ConsultationState> states)
    {
        var list = states.ToList();
        return list.Any(s => s.IsLate()) ? "red" : list.Contains(ConsultationState.Undetermined) ? "yellow" : null;
    }
}
