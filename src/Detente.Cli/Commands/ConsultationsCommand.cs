using System.CommandLine;
using System.Text.Json.Nodes;
using Detente.Cli.Verification;
using Detente.Core;
using Detente.Verification.Consultations;
using Detente.Verification.Steps;
using Detente.Cli.Rendering;

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
        command.Subcommands.Add(StepWriter.Verb(options, "request", "consultation-request", "Request an explanation under a consultation regime (signed statement)."));
        command.Subcommands.Add(StepWriter.Verb(options, "answer", "consultation-answer", "Answer a consultation request (signed statement)."));
        command.Subcommands.Add(StepWriter.Verb(options, "meeting-request", "consultation-meeting-request", "Request a meeting after a consultation request (signed statement)."));
        command.Subcommands.Add(StepWriter.Verb(options, "meeting", "consultation-meeting", "Record a consultation meeting with who attended and who was absent (signed statement)."));
        command.SetAction(parse => options.Run(parse, session =>
        {
            var csv = options.CsvChosen(parse);
            var day = Parse.Date(parse.GetValue(at)!, "--at");
            var context = VerificationContext.Open(session, parse);
            var cases = context.Ledger.Consultations.Where(c => c.Request.At.Day <= day).ToList();
            if (parse.GetValue(options.Json))
            {
                JsonShapes.Write(session, new JsonObject
                {
                    ["at"] = JsonShapes.Day(day),
                    ["from"] = context.From,
                    ["consultations"] = new JsonArray([.. cases.Select(c => (JsonNode)Json(c, day))]),
                });
                return 0;
            }

            Render(session, context, cases, day, csv);
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// How a party stands on a request's answer at a day: answered, answered-late, overdue, pending, or undetermined when the
    /// deadline has passed and the sources do not establish whether an answer was given (silence is not non-compliance).
    /// </summary>
    public static string AnswerState(ConsultationCase c, PartyId party, DateOnly day)
    {
        var answer = c.AnswerOf(party, day);
        if (answer is not null)
        {
            return c.AnswerDue is { } due && !due.IsMetBy(answer.At) ? "answered-late" : "answered";
        }

        return c.AnswerDue is { } d && d.IsPastOn(day) ? c.Request.AnswerKnown ? "overdue" : "undetermined" : "pending";
    }

    private static string Meeting(ConsultationCase c, MeetingRequestCase m, DateOnly day)
    {
        var held = c.MeetingFor(m.Request.Id, day);
        if (held is null)
        {
            return m.Due is { } d && d.IsPastOn(day) ? "overdue" : "pending";
        }

        return m.Due is { } due && !due.IsMetBy(held.At) ? "held-late" : "held";
    }

    public static void Render(Session session, VerificationContext context, IReadOnlyList<ConsultationCase> cases, DateOnly day, bool csv = false) =>
        session.Show(Table(context, cases, day), csv);

    /// <summary>The consultations table: one row per request, with its clock, each addressee's answer state and the meetings.</summary>
    public static TableView Table(VerificationContext context, IReadOnlyList<ConsultationCase> cases, DateOnly day)
    {
        var table = new TableView($"Consultations on {day:yyyy-MM-dd} ({context.From})",
            new Column("Request", ColumnKind.Id), new Column("From → to", ColumnKind.Id), new Column("Requested", ColumnKind.Id),
            new Column("Answer due", ColumnKind.Id), new Column("Answer", ColumnKind.Id), new Column("Meeting requested", ColumnKind.Id),
            new Column("Meeting due", ColumnKind.Id), new Column("Meetings (absent)", ColumnKind.Id))
        {
            Empty = $"no consultation requested by {day:yyyy-MM-dd}",
        };
        foreach (var c in cases)
        {
            var states = c.Request.To.Select(p => (Party: p, State: AnswerState(c, p, day))).ToList();
            var requests = c.MeetingRequests.Where(m => m.Request.At.Day <= day).ToList();
            var meetingStates = requests.Select(m => Meeting(c, m, day)).ToList();
            var meetings = c.Meetings.Where(m => m.At.Day <= day)
                .Select(m => $"{m.At}{(m.Absent.IsEmpty ? "" : $" (absent: {string.Join(", ", m.Absent.Select(p => p.Code))})")}");
            var fromTo = $"{c.Request.Author} → {string.Join(", ", c.Request.To.Select(p => p.Code))}";
            table.Add(c.Request.Id, new Cell(fromTo.Replace(" → ", "\u00a0→\u00a0", StringComparison.Ordinal), Whole: fromTo), c.Request.At.ToString(),
                c.AnswerDue?.ToString() ?? "",
                new Cell(string.Join("; ", states.Select(x => $"{x.Party}: {Word(x.State)}")), Style(states.Select(x => x.State))),
                string.Join("; ", requests.Select(m => m.Request.At.ToString())),
                new Cell(string.Join("; ", requests.Select((m, i) => $"{m.Due} {meetingStates[i]}")), Style(meetingStates)),
                new Cell(string.Join("; ", meetings), c.Meetings.Any(m => m.At.Day <= day && !m.Absent.IsEmpty) ? "red" : null));
        }

        table.Totals.Add($"{cases.Count} consultation request(s) by {day:yyyy-MM-dd}; answers overdue: " +
                         $"{cases.Sum(c => c.Request.To.Count(p => AnswerState(c, p, day).StartsWith("overdue", StringComparison.Ordinal)))}");
        table.Notes.Add("Answer states: answered, answered-late, pending, overdue, undetermined = past the deadline, and the sources do not " +
                        "establish whether an answer was given. Meeting states: held, held-late, pending, overdue. A clock from a day runs from its end.");
        return table;
    }

    private static string Word(string state) =>
        state == "undetermined" ? "undetermined (past the deadline; the sources do not say whether it was answered)" : state;

    private static string? Style(IEnumerable<string> states)
    {
        var list = states.ToList();
        return list.Any(s => s is "overdue" or "answered-late" or "held-late") ? "red" : list.Contains("undetermined") ? "yellow" : null;
    }

    public static JsonObject Json(ConsultationCase c, DateOnly day)
    {
        var q = c.Request;
        return new JsonObject
        {
            ["id"] = q.Id,
            ["regime"] = c.Regime.Id,
            ["clause"] = c.Regime.Clause,
            ["from"] = q.Author.Code,
            ["to"] = JsonShapes.Codes(q.To),
            ["requested"] = q.At.ToString(),
            ["subject"] = q.Subject,
            ["answer_due"] = c.AnswerDue?.ToString(),
            ["answer_known"] = q.AnswerKnown,
            ["answers"] = new JsonArray([.. q.To.Select(p => (JsonNode)new JsonObject
            {
                ["party"] = p.Code,
                ["state"] = AnswerState(c, p, day),
                ["at"] = c.AnswerOf(p, day)?.At.ToString(),
                ["text"] = c.AnswerOf(p, day)?.Text,
            })]),
            ["meeting_requests"] = new JsonArray([.. c.MeetingRequests.Where(m => m.Request.At.Day <= day).Select(m => (JsonNode)new JsonObject
            {
                ["id"] = m.Request.Id,
                ["requested"] = m.Request.At.ToString(),
                ["with"] = JsonShapes.Codes(m.Request.With),
                ["forum"] = m.Request.Forum,
                ["due"] = m.Due?.ToString(),
                ["state"] = Meeting(c, m, day),
            })]),
            ["meetings"] = new JsonArray([.. c.Meetings.Where(m => m.At.Day <= day).Select(m => (JsonNode)new JsonObject
            {
                ["at"] = m.At.ToString(),
                ["meeting_request"] = m.MeetingRequest,
                ["forum"] = m.Forum,
                ["attended"] = JsonShapes.Codes(m.Attended),
                ["absent"] = JsonShapes.Codes(m.Absent),
                ["note"] = m.Note,
            })]),
            ["sources"] = new JsonArray([.. q.Sources.Select(s => (JsonNode)s)]),
            ["confidence"] = q.Confidence.ToString().ToLowerInvariant(),
            ["note"] = q.Note,
            ["record_index"] = q.RecordIndex,
        };
    }
}
