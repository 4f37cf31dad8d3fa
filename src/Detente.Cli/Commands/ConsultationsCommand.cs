using System.CommandLine;
using System.Text.Json.Nodes;
using Detente.Cli.Verification;
using Detente.Core;
using Detente.Verification.Consultations;
using Detente.Verification.Steps;
using Spectre.Console;

namespace Detente.Cli.Commands;

/// <summary><c>detente consultations</c>: risk-reduction requests (Vienna Document Chapter III) with their clocks, answers, meetings and overdue flags.</summary>
internal static class ConsultationsCommand
{
    public static Command Create(CliOptions options)
    {
        var at = CliOptions.AtOption(required: false);
        var command = new Command("consultations", "List consultation requests with their 48-hour clocks, answers or their absence, meeting requests and meetings, at a date (default today).")
        {
            at, options.Json, VerificationContext.RegimesOption, VerificationContext.EventsOption,
        };
        command.Subcommands.Add(StepWriter.Verb(options, "request", "consultation-request", "Request an explanation under a consultation regime (signed statement)."));
        command.Subcommands.Add(StepWriter.Verb(options, "answer", "consultation-answer", "Answer a consultation request (signed statement)."));
        command.Subcommands.Add(StepWriter.Verb(options, "meeting-request", "consultation-meeting-request", "Request a meeting after a consultation request (signed statement)."));
        command.Subcommands.Add(StepWriter.Verb(options, "meeting", "consultation-meeting", "Record a consultation meeting with who attended and who was absent (signed statement)."));
        command.SetAction(parse => options.Run(parse, session =>
        {
            var day = parse.GetValue(at) is { } text ? Parse.Date(text, "--at") : DateOnly.FromDateTime(DateTime.UtcNow);
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

            Render(session.Console, context, cases, day);
            return 0;
        }));
        return command;
    }

    /// <summary>How a party stands on a request's answer at a day: answered, answered-late, overdue, pending.</summary>
    public static string AnswerState(ConsultationCase c, PartyId party, DateOnly day)
    {
        var answer = c.AnswerOf(party, day);
        if (answer is not null)
        {
            return c.AnswerDue is { } due && !due.IsMetBy(answer.At) ? "answered-late" : "answered";
        }

        return c.AnswerDue is { } d && d.IsPastOn(day) ? c.Request.AnswerKnown ? "overdue" : "overdue-unknown" : "pending";
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

    public static void Render(IAnsiConsole console, VerificationContext context, IReadOnlyList<ConsultationCase> cases, DateOnly day)
    {
        var table = new Table().Title($"Consultations on {day:yyyy-MM-dd} ({Text.Escape(context.From)})")
            .AddColumns("Request", "From → to", "Requested", "Answer due", "Answer", "Meeting requested", "Meeting due", "Meetings (absent)");
        foreach (var c in cases)
        {
            var answers = string.Join("; ", c.Request.To.Select(p => $"{p}: {Colour(AnswerState(c, p, day))}"));
            var requests = c.MeetingRequests.Where(m => m.Request.At.Day <= day).ToList();
            var meetings = c.Meetings.Where(m => m.At.Day <= day)
                .Select(m => $"{m.At}{(m.Absent.IsEmpty ? "" : $" ([red]absent: {string.Join(", ", m.Absent.Select(p => p.Code))}[/])")}");
            table.AddRow(Text.Escape(c.Request.Id), $"{c.Request.Author} → {string.Join(", ", c.Request.To.Select(p => p.Code))}", c.Request.At.ToString(),
                c.AnswerDue?.ToString() ?? "", answers,
                string.Join("; ", requests.Select(m => m.Request.At.ToString())),
                string.Join("; ", requests.Select(m => $"{m.Due} {Colour(Meeting(c, m, day))}")),
                string.Join("; ", meetings));
        }

        console.Write(table);
    }

    private static string Colour(string state) => state switch
    {
        "overdue" or "answered-late" or "held-late" => $"[red]{state}[/]",
        "overdue-unknown" => "[yellow]overdue (no answer recorded; sources silent)[/]",
        _ => state,
    };

    private static JsonObject Json(ConsultationCase c, DateOnly day)
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
