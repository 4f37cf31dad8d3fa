using System.Text.Json.Nodes;
using Detente.Core;
using Detente.Data;
using Detente.Node.Reports.Tables;
using Detente.Verification.Consultations;
using Detente.Verification.Steps;

namespace Detente.Node.Reports.Verification;

/// <summary>One consultation request as it stands at a day: each addressee's answer state and each meeting request's state.</summary>
/// <param name="Case">The consultation.</param>
/// <param name="Day">The day it is seen at.</param>
public sealed record ConsultationRow(ConsultationCase Case, DateOnly Day)
{
    /// <summary>Each addressee with its answer state (<see cref="AnswerState"/>).</summary>
    public IReadOnlyList<(PartyId Party, ConsultationState State)> Answers => [.. Case.Request.To.Select(p => (p, AnswerState(Case, p, Day)))];

    /// <summary>The meeting requests made by the day, each with its state: held, held-late, pending or overdue.</summary>
    public IReadOnlyList<(MeetingRequestCase Request, ConsultationState State)> MeetingRequests =>
        [.. Case.MeetingRequests.Where(m => m.Request.At.Day <= Day).Select(m => (m, MeetingState(Case, m, Day)))];

    /// <summary>The meetings held by the day.</summary>
    public IReadOnlyList<ConsultationMeetingStep> Meetings => [.. Case.Meetings.Where(m => m.At.Day <= Day)];

    /// <summary>How many addressees' answers are overdue.</summary>
    public int Overdue => Answers.Count(a => a.State == ConsultationState.Overdue);

    /// <summary>
    /// How a party stands on a request's answer at a day: answered, answered-late, overdue, pending, or undetermined when the deadline
    /// has passed and the sources do not establish whether an answer was given (silence is not non-compliance).
    /// </summary>
    public static ConsultationState AnswerState(ConsultationCase c, PartyId party, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(c);
        var answer = c.AnswerOf(party, day);
        if (answer is not null)
        {
            return c.AnswerDue is { } due && !due.IsMetBy(answer.At) ? ConsultationState.AnsweredLate : ConsultationState.Answered;
        }

        return c.AnswerDue is { } d && d.IsPastOn(day) ? c.Request.AnswerKnown ? ConsultationState.Overdue : ConsultationState.Undetermined : ConsultationState.Pending;
    }

    private static ConsultationState MeetingState(ConsultationCase c, MeetingRequestCase m, DateOnly day)
    {
        var held = c.MeetingFor(m.Request.Id, day);
        if (held is null)
        {
            return m.Due is { } d && d.IsPastOn(day) ? ConsultationState.Overdue : ConsultationState.Pending;
        }

        return m.Due is { } due && !due.IsMetBy(held.At) ? ConsultationState.HeldLate : ConsultationState.Held;
    }

    /// <summary>The JSON form of one request, as <c>consultations --json</c> and <c>brief --json</c> write it.</summary>
    public JsonObject ToJson()
    {
        var c = Case;
        var q = c.Request;
        return new JsonObject
        {
            ["id"] = q.Id,
            ["regime"] = c.Regime.Id,
            ["clause"] = c.Regime.Clause,
            ["from"] = q.Author.Code,
            ["to"] = FactWriter.Codes(q.To),
            ["requested"] = q.At.ToString(),
            ["subject"] = q.Subject,
            ["answer_due"] = c.AnswerDue?.ToString(),
            ["answer_known"] = q.AnswerKnown,
            ["answers"] = new JsonArray([.. Answers.Select(a => (JsonNode)new JsonObject
            {
                ["party"] = a.Party.Code,
                ["state"] = a.State.Word(),
                ["at"] = c.AnswerOf(a.Party, Day)?.At.ToString(),
                ["text"] = c.AnswerOf(a.Party, Day)?.Text,
            })]),
            ["meeting_requests"] = new JsonArray([.. MeetingRequests.Select(m => (JsonNode)new JsonObject
            {
                ["id"] = m.Request.Request.Id,
                ["requested"] = m.Request.Request.At.ToString(),
                ["with"] = FactWriter.Codes(m.Request.Request.With),
                ["forum"] = m.Request.Request.Forum,
                ["due"] = m.Request.Due?.ToString(),
                ["state"] = m.State.Word(),
            })]),
            ["meetings"] = new JsonArray([.. Meetings.Select(m => (JsonNode)new JsonObject
            {
                ["at"] = m.At.ToString(),
                ["meeting_request"] = m.MeetingRequest,
                ["forum"] = m.Forum,
                ["attended"] = FactWriter.Codes(m.Attended),
                ["absent"] = FactWriter.Codes(m.Absent),
                ["note"] = m.Note,
            })]),
            ["sources"] = new JsonArray([.. q.Sources.Select(s => (JsonNode)s)]),
            ["confidence"] = q.Confidence.ToString().ToLowerInvariant(),
            ["note"] = q.Note,
            ["record_index"] = q.RecordIndex,
        };
    }
}

/// <summary><c>consultations</c>: the consultation requests made by a day, with their clocks, answers and meetings.</summary>
/// <param name="At">The day.</param>
/// <param name="From">Where the history came from.</param>
/// <param name="Rows">The requests made by the day.</param>
public sealed record ConsultationsReport(DateOnly At, string From, IReadOnlyList<ConsultationRow> Rows)
{
    /// <summary>Builds the report at <paramref name="day"/>.</summary>
    public static ConsultationsReport Build(VerificationHistory history, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(history);
        return new(day, history.From, [.. history.Ledger.Consultations.Where(c => c.Request.At.Day <= day).Select(c => new ConsultationRow(c, day))]);
    }

    /// <summary>The JSON form, as <c>consultations --json</c> writes it.</summary>
    public JsonObject ToJson() => new()
    {
        ["at"] = FactWriter.Day(At),
        ["from"] = From,
        ["consultations"] = new JsonArray([.. Rows.Select(r => (JsonNode)r.ToJson())]),
    };

    /// <summary>The table: a row per request, with its clock, each addressee's answer state and the meetings; late, overdue and absent marked.</summary>
    public ReportTable Table()
    {
        var table = new ReportTable($"Consultations on {At:yyyy-MM-dd} ({From})", Column.Id("Request"), Column.Id("From → to"), Column.Id("Requested"),
            Column.Id("Answer due"), Column.Id("Answer"), Column.Id("Meeting requested"), Column.Id("Meeting due"), Column.Id("Meetings (absent)"))
        {
            Empty = $"no consultation requested by {At:yyyy-MM-dd}",
        };
        foreach (var row in Rows)
        {
            var (c, answers, requests) = (row.Case, row.Answers, row.MeetingRequests);
            var meetings = row.Meetings.Select(m => $"{m.At}{(m.Absent.IsEmpty ? "" : $" (absent: {string.Join(", ", m.Absent.Select(p => p.Code))})")}");
            table.Add(c.Request.Id, InspectionsReport.Sides($"{c.Request.Author} → {string.Join(", ", c.Request.To.Select(p => p.Code))}"), c.Request.At.ToString(),
                c.AnswerDue?.ToString() ?? "", new Cell(string.Join("; ", answers.Select(x => $"{x.Party}: {Word(x.State)}")), Style(answers.Select(x => x.State))),
                string.Join("; ", requests.Select(m => m.Request.Request.At.ToString())),
                new Cell(string.Join("; ", requests.Select(m => $"{m.Request.Due} {m.State.Word()}")), Style(requests.Select(m => m.State))),
                new Cell(string.Join("; ", meetings), row.Meetings.Any(m => !m.Absent.IsEmpty) ? "red" : null));
        }

        table.Totals.Add($"{Rows.Count} consultation request(s) by {At:yyyy-MM-dd}; answers overdue: {Rows.Sum(r => r.Overdue)}");
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
