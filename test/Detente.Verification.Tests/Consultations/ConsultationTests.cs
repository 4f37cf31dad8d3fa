using Detente.Core;
using Detente.Rules.Runtime;
using Detente.Verification.Inspections;
using Detente.Verification.Obligations;
using Detente.Verification.Steps;

namespace Detente.Verification.Tests.Consultations;

public sealed class ConsultationTests
{
    private static Step Request(string at, string answerKnown = "true") => Some.Step("consultation-request", "UKR", $$"""
        "id": "c1", "regime": "vienna-chapter-iii", "to": ["RUS"], "subject": "explain", "at": "{{at}}", "answer_known": {{answerKnown}}
        """);

    private static Step Answer(string at, string author = "RUS") =>
        Some.Step("consultation-answer", author, $$""" "request": "c1", "text": "planned training", "at": "{{at}}" """);

    private static Step MeetingRequest(string at) =>
        Some.Step("consultation-meeting-request", "UKR", $$""" "id": "m1", "request": "c1", "with": ["RUS"], "at": "{{at}}" """);

    private static Step Meeting(string at, string absent) =>
        Some.Step("consultation-meeting", "UKR", $$""" "request": "c1", "meeting_request": "m1", "at": "{{at}}", "absent": [{{absent}}] """);

    [Theory]
    [InlineData("2022-02-11", "2022-02-13")]
    [InlineData("2022-02-11T10:00:00Z", "2022-02-13T10:00:00Z")]
    public void AnswerClock_Is48Hours_FromTheEndOfAWholeDay(string at, string due)
    {
        var ledger = Some.Ledger().Run(Request(at));
        Assert.Equal(due, ledger.Consultation("c1")!.AnswerDue.ToString());
    }

    [Theory]
    [InlineData("2022-02-12", "undetermined")]
    [InlineData("2022-02-13", "undetermined")]
    [InlineData("2022-02-14", "violated")]
    public void NoAnswer_IsOverdueAfterTheClock(string day, string status)
    {
        var ledger = Some.Ledger().Run(Request("2022-02-11"));
        var f = Assert.Single(VerificationFindings.At(ledger, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(status, Finding.Word(f.Status));
        Assert.Equal("vienna-document-2011/16", f.Clause.ToString());
        Assert.Equal("RUS", f.PartyCode);
    }

    [Fact]
    public void NoAnswer_WhenTheSourcesDoNotSay_IsUndetermined()
    {
        var ledger = Some.Ledger().Run(Request("2022-02-11", "false"));
        var f = Assert.Single(VerificationFindings.At(ledger, new DateOnly(2022, 3, 1)));
        Assert.Equal(FindingStatus.Undetermined, f.Status);
        Assert.Contains("do not establish", f.Explanation);
    }

    [Theory]
    [InlineData("2022-02-13", "complied")]
    [InlineData("2022-02-14", "violated")]
    public void Answer_OnTimeOrLate(string answered, string status)
    {
        var ledger = Some.Ledger().Run(Request("2022-02-11"), Answer(answered));
        Assert.Equal(status, Finding.Word(Assert.Single(VerificationFindings.At(ledger, new DateOnly(2022, 3, 1))).Status));
    }

    [Fact]
    public void Meeting_Absent_IsOverdueInObligations_AndAttended_IsMet()
    {
        var ledger = Some.Ledger().Run(Request("2022-02-11"), MeetingRequest("2022-02-13"), Meeting("2022-02-15", "\"RUS\""));
        var o = ObligationList.At(ledger, new DateOnly(2022, 2, 16), new PartyId("RUS"), []);
        Assert.Equal(ObligationStatus.Overdue, o.Single(x => x.Kind == "consultation-answer").Status);
        var meeting = o.Single(x => x.Kind == "consultation-meeting");
        Assert.Equal(ObligationStatus.Overdue, meeting.Status);
        Assert.Contains("absent from the meeting of 2022-02-15", meeting.What);
        Assert.Equal("2022-02-15", meeting.Due);
        var attended = Some.Ledger().Run(Request("2022-02-11"), MeetingRequest("2022-02-13"), Meeting("2022-02-15", ""));
        Assert.Equal(ObligationStatus.Met, ObligationList.At(attended, new DateOnly(2022, 2, 16), new PartyId("RUS"), [])
            .Single(x => x.Kind == "consultation-meeting").Status);
    }

    [Fact]
    public void Meeting_NoneOnRecord_IsOwedThenNotReported_NotOverdue()
    {
        var ledger = Some.Ledger().Run(Request("2022-02-11"), MeetingRequest("2022-02-13"));
        ObligationStatus On(int day) => ObligationList.At(ledger, new DateOnly(2022, 2, day), new PartyId("RUS"), [])
            .Single(x => x.Kind == "consultation-meeting").Status;
        Assert.Equal(ObligationStatus.Owed, On(15));
        Assert.Equal(ObligationStatus.NotReported, On(16));
        Assert.Contains("no meeting is on record", ObligationList.At(ledger, new DateOnly(2022, 2, 16), new PartyId("RUS"), [])
            .Single(x => x.Kind == "consultation-meeting").What);
    }

    // Bad inputs tried: answers and meetings that do not fit the history.
    [Theory]
    [InlineData("answer-unknown", "unknown consultation request 'c2'")]
    [InlineData("answer-not-addressed", "was addressed to RUS, not BLR")]
    [InlineData("answer-twice", "RUS already answered 'c1'")]
    [InlineData("answer-before-request", "before the request")]
    [InlineData("meeting-request-by-other", "requested by UKR, who made the request, not RUS")]
    [InlineData("meeting-unknown-request", "unknown meeting request 'm9'")]
    [InlineData("request-to-self", "UKR cannot ask itself")]
    [InlineData("request-unknown-regime", "unknown regime 'vienna-chapter-3'; did you mean 'vienna-chapter-iii'?")]
    public void BadSteps_AreRejected(string scenario, string reason)
    {
        var ledger = Some.Ledger().Run(Request("2022-02-11"));
        if (scenario == "answer-twice")
        {
            ledger.Run(Answer("2022-02-12"));
        }

        var step = scenario switch
        {
            "answer-unknown" => Some.Step("consultation-answer", "RUS", """ "request": "c2", "text": "x", "at": "2022-02-12" """),
            "answer-not-addressed" => Answer("2022-02-12", "BLR"),
            "answer-twice" => Answer("2022-02-13"),
            "answer-before-request" => Answer("2022-02-10"),
            "meeting-request-by-other" => Some.Step("consultation-meeting-request", "RUS", """ "id": "m1", "request": "c1", "with": ["UKR"], "at": "2022-02-13" """),
            "meeting-unknown-request" => Some.Step("consultation-meeting", "UKR", """ "request": "c1", "meeting_request": "m9", "at": "2022-02-15" """),
            "request-to-self" => Some.Step("consultation-request", "UKR", """ "id": "c3", "regime": "vienna-chapter-iii", "to": ["UKR"], "subject": "x", "at": "2022-02-11" """),
            _ => Some.Step("consultation-request", "UKR", """ "id": "c3", "regime": "vienna-chapter-3", "to": ["RUS"], "subject": "x", "at": "2022-02-11" """),
        };
        var check = ledger.Apply(step);
        Assert.False(check.Accepted);
        Assert.Contains(reason, check.Reason);
    }
}
